"""The one allow-list for story bodies.

Everything a journalist's rich text may contain is listed here; anything else (scripts,
styles, event handlers, ``javascript:`` links, unknown tags) is removed on save, so a body
is safe to render with ``|safe`` on the public site.
"""

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "b",
    "em",
    "i",
    "blockquote",
    "figure",
    "figcaption",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

CLEANER_OPTIONS = {
    "tags": ALLOWED_TAGS,
    "attributes": ALLOWED_ATTRIBUTES,
    "url_schemes": ALLOWED_URL_SCHEMES,
    "link_rel": "noopener noreferrer",
    "strip_comments": True,
}
_cleaner = nh3.Cleaner(**CLEANER_OPTIONS)


def sanitize_html(html: str) -> str:
    """Return ``html`` reduced to the allow-list; applying it twice changes nothing more."""
    return _cleaner.clean(html or "").strip()


def with_absolute_urls(html: str, page_url: str) -> str:
    """A body for reading away from its page (in a feed reader): links and pictures given as
    a path (``/2026/…``, ``/media/…``, ``#quote``) are resolved against the page's address."""
    cleaner = nh3.Cleaner(**CLEANER_OPTIONS, url_relative=("rewrite_with_base", page_url))
    return cleaner.clean(html or "").strip()
