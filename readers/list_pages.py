"""Lists of stories (a section, a tag, an author, the archive) put together without a template.

Their frame (``articles/list_page.html``) is rendered once per process (``readers/frames.py``);
a request brings what the list says of itself (``About``), its prepared cards and its page
links, escaped here as the templates would have escaped them.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles import languages
from articles.calendars import localised_digits
from readers.feed_items import FEED_KINDS
from readers.frames import Frame, joined
from readers.templatetags.pictures import picture

LIST_FRAME = Frame(
    "articles/list_page.html",
    (
        "title",
        "description",
        "canonical_url",
        "alternates",
        "og_type",
        "og_title",
        "feeds",
        "navigation",
        "header",
        "stories",
    ),
)


@dataclass(frozen=True)
class About:
    """What one list says of itself: its name, a description for search engines and sharing,
    its header and, when it has them, its own feeds (RSS and Atom addresses)."""

    name: str
    description: str
    header: SafeString
    feeds: tuple[str, str] | None = None
    og_type: str = "website"


def page_header(heading: str, intro: str = "", kicker: str = "") -> SafeString:
    return format_html(
        '<header class="page-header">\n  {}<h1>{}</h1>\n  {}\n</header>',
        format_html('<p class="kicker">{}</p>\n  ', kicker) if kicker else "",
        heading,
        format_html('<p class="page-intro">{}</p>', intro) if intro else "",
    )


def feed_links(name: str, rss: str, atom: str) -> SafeString:
    """The list's own feeds, after the site's: a feed reader offers the narrowest first."""
    return format_html(
        '<link rel="alternate" type="application/rss+xml" title="{0} · {1} (RSS)" href="{2}">\n'
        '  <link rel="alternate" type="application/atom+xml" title="{0} · {1} (Atom)" href="{3}">',
        name,
        _(settings.SITE_NAME),
        rss,
        atom,
    )


def story_list(cards: list[SafeString], page: Page) -> SafeString:
    """The cards as a list, with links to the newer and older pages around this one."""
    if not cards:
        return format_html('<p class="empty">{}</p>', _("No stories have been published here yet."))
    items = joined(cards, "  <li>{}</li>")
    if not page.has_other_pages():
        return format_html('<ol class="story-list" role="list">\n{}\n</ol>', items)
    newer = (
        format_html(
            '<a rel="prev" href="?page={}">{}</a>', page.previous_page_number(), _("← Newer")
        )
        if page.has_previous()
        else ""
    )
    older = (
        format_html('<a rel="next" href="?page={}">{}</a>', page.next_page_number(), _("Older →"))
        if page.has_next()
        else ""
    )
    return format_html(
        '<ol class="story-list" role="list">\n{}\n</ol>\n'
        '<nav class="pagination" aria-label="{}">\n  {}\n'
        '  <span class="pagination-status">{}</span>\n  {}\n</nav>',
        items,
        _("Pages"),
        newer,
        _("Page %(number)s") % {"number": localised_digits(str(page.number), get_language())},
        older,
    )


def feeds_of(kind: str, slug: str) -> tuple[str, str]:
    """The RSS and Atom addresses of a section's, tag's or author's own feeds in the page's
    language.

    They follow from the slug, the language and the code's URLs alone, so each process looks
    them up once.
    """
    return _feeds_of(kind, slug, get_language())


@functools.lru_cache(maxsize=4096)
def _feeds_of(kind: str, slug: str, language: str) -> tuple[str, str]:
    rss, atom = (reverse(f"articles:{kind}_{form}", kwargs={"slug": slug}) for form in FEED_KINDS)
    return rss, atom


def author_header(author) -> SafeString:
    """The author's photo, name and biography, above the list of their stories."""
    name = author.name_in(get_language())
    photo = picture(
        author.photo_renditions, name, "8rem", loading="eager", css_class="author-photo"
    )
    return format_html(
        '<header class="page-header author-header">\n  {}\n  <div>\n'
        '    <p class="kicker">{}</p>\n    <h1>{}</h1>\n    {}\n  </div>\n</header>\n'
        '<h2 class="block-title">{}</h2>',
        # Rendered by a template, which escaped what it printed.
        mark_safe(render_to_string("includes/picture.html", photo)) if photo["jpegs"] else "",  # noqa: S308
        _("Author"),
        name,
        format_html('<p class="page-intro">{}</p>', author.bio) if author.bio else "",
        _("Stories by %(name)s") % {"name": name},
    )


def list_page(
    request: HttpRequest,
    about: About,
    cards: list[SafeString],
    page: Page,
    *,
    current_section: tuple[int, str] | None = None,
    shown_in=languages.CODES,
) -> HttpResponse:
    """The page of one list: its frame with what it says of itself, its cards and its pages,
    linked to the same list in the other languages it is ``shown_in``."""
    site = _(settings.SITE_NAME)
    og_title = f"{about.name} | {site}"
    number = localised_digits(str(page.number), get_language())
    numbered = _(", page %(number)s") % {"number": number} if page.number > 1 else ""
    parts = {
        "title": f"{about.name}{numbered} | {site}",
        "description": about.description,
        "og_type": about.og_type,
        "og_title": og_title,
        "feeds": feed_links(about.name, *about.feeds) if about.feeds else "",
        "header": about.header,
        "stories": story_list(cards, page),
    }
    return LIST_FRAME.response(request, parts, current_section=current_section, shown_in=shown_in)
