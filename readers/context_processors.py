"""Template context shared by every page."""

import functools

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.templatetags.static import static

from readers.caching import content_changed_at, remember

# Old keys die on their own once the stamp has moved on.
NAVIGATION_CACHE_SECONDS = 24 * 60 * 60


def navigation_sections(request: HttpRequest) -> list[dict]:
    """Sections with published stories, in navigation order, kept in the process's memory."""
    return remember(request, "navigation", shared_navigation_sections)


def shared_navigation_sections() -> list[dict]:
    """Sections with published stories, in order, read once per content change."""
    from articles.models import Section

    key = f"navigation:{content_changed_at().timestamp()}"
    sections = cache.get(key)
    if sections is None:
        sections = [
            {"name": section.name, "url": section.get_absolute_url(), "slug": section.slug}
            for section in Section.objects.shown_to_readers().only("name", "slug")
        ]
        cache.set(key, sections, timeout=NAVIGATION_CACHE_SECONDS)
    return sections


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
