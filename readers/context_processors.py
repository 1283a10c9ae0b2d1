"""Template context shared by every page."""

import functools

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from readers import freshness


def navigation_sections(request: HttpRequest) -> list[dict]:
    """Sections with published stories, in navigation order, once per request.

    Each with its id, name, slug, description and address; section pages find theirs here.
    Kept in the shared cache until the ``site`` key moves, which every change to the
    navigation does (``readers/freshness.py``).
    """
    if not hasattr(request, "navigation_sections"):
        request.navigation_sections = _kept_sections()
    return request.navigation_sections


def _kept_sections() -> list[dict]:
    return freshness.kept("navigation", [freshness.SITE], _sections)


def _sections() -> list[dict]:
    from articles.models import Section

    shown = Section.objects.shown_to_readers().values("pk", "name", "slug", "description")
    return [
        {**section, "url": reverse("articles:section", kwargs={"slug": section["slug"]})}
        for section in shown
    ]


def section_navigation(path: str, current: tuple[int, str] | None) -> SafeString:
    """The bar of sections, marking the home page or the ``current`` (section id, mark).

    The mark is "page" on the section's own page, "true" on a page in it. Kept as HTML in
    the shared cache, one copy per mark, until the ``site`` key moves, like the sections.
    """
    home_url = reverse("articles:home")
    marked = "home" if path == home_url else current
    name = "navigation-bar:" + ("home" if marked == "home" else "-".join(map(str, marked or ())))
    context = {"home_url": home_url, "current": marked}

    def render() -> str:
        return render_to_string("chrome/navigation.html", {**context, "sections": _kept_sections()})

    # Rendered by a template, which escaped what it printed.
    return mark_safe(freshness.kept(name, [freshness.SITE], render))  # noqa: S308


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


def site_context(year: int) -> dict:
    """What every page shows of the site itself, the same on every request of the year."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "chrome": site_chrome(year) if settings.DEBUG else _site_chrome_once(year),
    }


def site(request: HttpRequest) -> dict:
    """The site's name, tagline, logo and chrome, and this page's canonical address."""
    return {
        **site_context(timezone.localdate().year),
        "canonical_url": canonical_url(request),
        "logo_url": request.build_absolute_uri(static("img/logo.png")),
    }
