"""Template context shared by every page."""

import functools

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static


def navigation_sections(request: HttpRequest) -> list[dict]:
    """Sections with published stories, in navigation order: one query, once per request."""
    from articles.models import Section

    if not hasattr(request, "navigation_sections"):
        request.navigation_sections = [
            {
                "pk": section.pk,
                "name": section.name,
                "url": section.get_absolute_url(),
                "slug": section.slug,
            }
            for section in Section.objects.shown_to_readers().only("name", "slug")
        ]
    return request.navigation_sections


def canonical_url(request: HttpRequest) -> str:
    """The page's address without tracking parameters; only the page number is kept."""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and page != "1":
        url = f"{url}?page={page}"
    return url


def site(request: HttpRequest) -> dict:
    """The site's name, tagline, logo, section navigation and this page's canonical address."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "navigation_sections": functools.partial(navigation_sections, request),
        "canonical_url": canonical_url(request),
        "logo_url": request.build_absolute_uri(static("img/logo.png")),
    }
