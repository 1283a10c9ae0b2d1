"""The middleware that gives every request the reader's choice and every page the banner."""

import re

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

from consent.banner import banner_markup
from consent.cookie import consent_from_request

BANNER_MARKER = b'id="consent-banner"'
OPENING_BODY = re.compile(rb"<body(?:\s[^>]*)?>", re.IGNORECASE)


class ConsentMiddleware:
    """Expose the reader's cookie choice as ``request.consent`` and add the consent banner.

    The banner goes into every HTML page of the public site, flatpages and error pages
    included, first in the body, so keyboard and screen-reader users reach it before anything
    else (consent.css shows it at the foot of the screen). It is the same bytes for every
    reader of a language: it ships hidden and consent.js shows it only to readers without a
    valid choice. So a page cache can keep one copy of each page,
    and this middleware neither sets a cookie nor adds ``Vary``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.consent = consent_from_request(request)
        response = self.get_response(request)
        if self.wants_banner(request, response):
            body = OPENING_BODY.search(response.content)
            if body is not None:
                self.inject_banner(response, at=body.end())
        return response

    def wants_banner(self, request: HttpRequest, response: HttpResponse) -> bool:
        if getattr(response, "streaming", False) or response.has_header("Content-Encoding"):
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        if is_admin_page(request):
            return False
        # Set by views that are the choice themselves (the cookie settings page).
        if getattr(response, "without_consent_banner", False):
            return False
        # A response served from a cache already carries the banner.
        return BANNER_MARKER not in response.content

    def inject_banner(self, response: HttpResponse, *, at: int) -> None:
        """The banner at byte ``at``: just after the page's ``<body>`` tag."""
        markup = banner_markup().encode(response.charset)
        response.content = response.content[:at] + markup + response.content[at:]
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))


def is_admin_page(request: HttpRequest) -> bool:
    """Pages of Django's admin, where the project has one, never show readers' banner."""
    try:
        return request.path.startswith(reverse("admin:index"))
    except NoReverseMatch:
        return False
