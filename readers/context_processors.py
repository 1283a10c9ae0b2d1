"""Template context shared by every page."""

import functools

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles.addresses import site_url
from readers import freshness


def navigation(request: HttpRequest) -> dict:
    """The sections readers may see and the bar that links them, once per request.

    ``sections``: each with its id, name, slug, description and address, in navigation
    order (section pages find theirs here); ``bar``: the bar's HTML, no link marked. Kept in
    the shared cache until the ``site`` key moves, which every change to the navigation does
    (``readers/freshness.py``).
    """
    if not hasattr(request, "navigation"):
        request.navigation = freshness.kept("sections-and-bar", [freshness.SITE], _navigation)
    return request.navigation


def navigation_sections(request: HttpRequest) -> list[dict]:
    return navigation(request)["sections"]


def _navigation() -> dict:
    from articles.models import Section

    shown = Section.objects.shown_to_readers().values("pk", "name", "slug", "description")
    sections = [
        {**section, "url": reverse("articles:section", kwargs={"slug": section["slug"]})}
        for section in shown
    ]
    context = {"home_url": reverse("articles:home"), "sections": sections}
    return {"sections": sections, "bar": render_to_string("chrome/navigation.html", context)}


def section_navigation(request: HttpRequest, current: tuple[int, str] | None) -> SafeString:
    """The bar of sections with the page's link marked for assistive technology.

    The home page marks its own link; other pages the ``current`` (section id, mark): "page"
    on the section's own page, "true" on a page in it.
    """
    found = navigation(request)
    home_url = _home_url()
    if request.path == home_url:
        marked, mark = home_url, "page"
    else:
        section_id, mark = current or (None, "")
        urls = [section["url"] for section in found["sections"] if section["pk"] == section_id]
        marked = urls[0] if urls else None
    bar = found["bar"]
    if marked:
        link = format_html('<a href="{}">', marked)
        bar = bar.replace(link, format_html('<a href="{}" aria-current="{}">', marked, mark), 1)
    # Rendered by a template, which escaped what it printed.
    return mark_safe(bar)  # noqa: S308


@functools.cache
def _home_url() -> str:
    """The home page's address, which only the code's URLs decide: looked up once."""
    return reverse("articles:home")


def canonical_url(request: HttpRequest) -> str:
    """The page's address on the site's host, without tracking parameters; only the page
    number is kept."""
    url = site_url(request.path)
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
    return {**parts, "logo_url": site_url(static("img/logo.png"))}


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
    }
