"""Template context shared by every page."""

import functools

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from articles import languages
from articles.addresses import site_url
from articles.calendars import localised_digits
from readers import freshness


def navigation(request: HttpRequest) -> dict:
    """The sections readers may see and the bar that links them, once per request.

    ``sections``: each with its id, name, slug, description and address, in navigation
    order (section pages find theirs here); ``bar``: the bar's HTML, no link marked. Kept in
    the shared cache until the ``site`` key moves, which every change to the navigation does
    (``readers/freshness.py``).
    """
    if not hasattr(request, "navigation"):
        request.navigation = freshness.kept(
            f"sections-and-bar:{get_language()}", [freshness.SITE], _navigation
        )
    return request.navigation


def navigation_sections(request: HttpRequest) -> list[dict]:
    return navigation(request)["sections"]


def _navigation() -> dict:
    from articles.models import Section
    from articles.models.querysets import shown_in

    language = get_language()
    shown = Section.objects.shown_to_readers(language)
    fields = ("pk", "name", "names", "slug", "description")
    sections = []
    for row in shown.values_list(*fields, *shown.shown_in()):
        section = dict(zip(fields, row, strict=False))
        sections.append(
            {
                **section,
                "name": section["names"].get(language) or section["name"],
                # Descriptions are written in the site's first language only.
                "description": section["description"] if language == settings.LANGUAGE_CODE else "",
                "url": reverse("articles:section", kwargs={"slug": section["slug"]}),
                "languages": shown_in(row[len(fields) :]),
            }
        )
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


def _home_url() -> str:
    """The home page's address in the page's language, which only the code's URLs decide."""
    return _home_url_in(get_language())


@functools.cache
def _home_url_in(language: str) -> str:
    return reverse("articles:home")


def canonical_url(request: HttpRequest) -> str:
    """The page's address on the site's host, without tracking parameters; only the page
    number is kept."""
    url = site_url(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and page != "1":
        url = f"{url}?page={page}"
    return url


def site_chrome(year: int, language: str) -> dict:
    """The parts of every page that follow from settings, addresses, the year and the
    language alone.

    Rendered once per process (and year and language): they cost a dozen address lookups and
    template nodes on every page otherwise. With ``DEBUG`` they follow template edits at once.
    """
    context = {**site_names(language), "year": localised_digits(str(year), language)}
    parts = {
        name: mark_safe(render_to_string(f"chrome/{name}.html", context))  # noqa: S308
        for name in ("feed_links", "stylesheets", "masthead", "footer")
    }
    return {**parts, "logo_url": site_url(static("img/logo.png"))}


_site_chrome_once = functools.lru_cache(maxsize=8)(site_chrome)


def site_names(language: str) -> dict:
    """The site's name and tagline in ``language``, and how the language is written."""
    return {
        "SITE_NAME": gettext(settings.SITE_NAME),
        "SITE_TAGLINE": gettext(settings.SITE_TAGLINE),
        "LANGUAGE_TAG": languages.tag(language),
        "LANGUAGE_DIRECTION": languages.direction(language),
        "OG_LOCALE": languages.og_locale(language),
    }


def site_context(year: int) -> dict:
    """What every page shows of the site itself, the same on every request of the year in
    the page's language."""
    language = get_language()
    return {
        **site_names(language),
        "chrome": site_chrome(year, language)
        if settings.DEBUG
        else _site_chrome_once(year, language),
    }


def site(request: HttpRequest) -> dict:
    """The site's name, tagline, logo and chrome, this page's canonical address and, on pages
    that exist in several languages, the links to each."""
    return {
        **site_context(timezone.localdate().year),
        "canonical_url": canonical_url(request),
        "alternates": alternates(request, getattr(request, "alternate_languages", ())),
    }


def alternates(request: HttpRequest, shown_in) -> SafeString:
    """``hreflang`` links to this page in each language of ``shown_in`` (its own included),
    and ``x-default`` to the first language's when it is one of them.

    Every version of a page lists the same set, so each links back to the others.
    """
    shown_in = [code for code in languages.CODES if code in shown_in]
    if len(shown_in) < 2:
        return mark_safe("")
    language = get_language()
    links = [
        (languages.tag(code), site_url(languages.address_in(request.path, language, code)))
        for code in shown_in
    ]
    if shown_in[0] == settings.LANGUAGE_CODE:
        links.append(("x-default", links[0][1]))
    return format_html_join("\n  ", '<link rel="alternate" hreflang="{}" href="{}">', links)
