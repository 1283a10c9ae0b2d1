"""Template context shared by every page."""

import functools

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from readers import freshness


def navigation_sections(request: HttpRequest) -> list[dict]:
    """Sections with published stories, in navigation order, once per request.

    Each with its id, name, slug, description and address; section pages find theirs here.
    Kept in the shared cache until the ``site`` key moves, which every change to the
    navigation does (``readers/freshness.py``).
    """
    if not hasattr(request, "navigation_sections"):
        request.navigation_sections = freshness.kept("navigation", [freshness.SITE], _sections)
    return request.navigation_sections


def _sections() -> list[dict]:
    from articles.models import Section

    shown = Section.objects.shown_to_readers().values("pk", "name", "slug", "description")
    return [
        {**section, "url": reverse("articles:section", kwargs={"slug": section["slug"]})}
        for section in shown
    ]


def canonical_url(request: HttpRequest) -> str:
    """The page's address without tracking parameters; only the page number is kept."""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and page != "1":
        url = f"{url}?page={page}"
    return url


def site_chrome(year: int) -> dict:
    """The parts of every page that follow from settings, addresses and the year alone.

    Rendered once per process (and year): they cost a dozen address lookups and template
    nodes on every page otherwise. With ``DEBUG`` they follow template edits at once.
    """
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_TAGLINE": settings.SITE_TAGLINE, "year": year}
    parts = {
        name: mark_safe(render_to_string(f"chrome/{name}.html", context))  # noqa: S308
        for name in ("feed_links", "stylesheets", "masthead", "footer")
    }
    return {**parts, "home_url": reverse("articles:home")}


_site_chrome_once = functools.lru_cache(maxsize=2)(site_chrome)


def site(request: HttpRequest) -> dict:
    """The site's name, tagline, logo, section navigation and this page's canonical address."""
    year = timezone.localdate().year
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "chrome": site_chrome(year) if settings.DEBUG else _site_chrome_once(year),
        "navigation_sections": functools.partial(navigation_sections, request),
        "canonical_url": canonical_url(request),
        "logo_url": request.build_absolute_uri(static("img/logo.png")),
    }
