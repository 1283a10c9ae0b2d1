"""The middleware that gives every request the reader's choice and every page the banner."""

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

from consent.banner import banner_markup
from consent.cookie import consent_from_request

BANNER_MARKER = b'id="consent-banner"'
CLOSING_BODY = b"</body>"


class ConsentMiddleware:
    """Expose the reader's cookie choice as ``request.consent`` and add the consent banner.

    The banner goes into every HTML page of the public site, flatpages and error pages
    included, as the same bytes for every reader: it ships hidden and consent.js shows it
    only to readers without a valid choice. So a page cache can keep one copy of each page,
    and this middleware neither sets a cookie nor adds ``Vary``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.consent = consent_from_request(request)
        response = self.get_response(request)
        if self.wants_banner(request, response):
            self.inject_banner(request, response)
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
        return CLOSING_BODY in response.content and BANNER_MARKER not in response.content

    def inject_banner(self, request: HttpRequest, response: HttpResponse) -> None:
        markup = banner_markup().encode(response.charset)
        head, body_end, tail = response.content.rpartition(CLOSING_BODY)
        response.content = head + markup + body_end + tail
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))


def is_admin_page(request: HttpRequest) -> bool:
    """Pages of Django's admin, where the project has one, never show readers' banner."""
    try:
        return request.path.startswith(reverse("admin:index"))
    except NoReverseMatch:
        return False
