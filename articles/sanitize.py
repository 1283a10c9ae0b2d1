"""The one allow-list for story bodies.

Everything a journalist's rich text may contain is listed here; anything else (scripts,
styles, event handlers, ``javascript:`` links, unknown tags) is removed on save, so a body
is safe to render with ``|safe`` on the public site.
"""

import re

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
    # A run of text in another language or direction: an English name in a Dari sentence.
    "span",
    "bdi",
}
ALLOWED_ATTRIBUTES = {
    # Any element may say its language and direction, so a Pashto body keeps a quote in
    # English readable and a screen reader pronounces each in its own language.
    "*": {"dir", "lang"},
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
}
DIRECTIONS = {"ltr", "rtl", "auto"}
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}")
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def _direction_and_language(tag: str, attribute: str, value: str) -> str | None:
    """Only a real direction and a well-formed language tag are kept."""
    if attribute == "dir":
        return value.lower() if value.lower() in DIRECTIONS else None
    if attribute == "lang":
        return value if LANGUAGE_TAG.fullmatch(value) else None
    return value


CLEANER_OPTIONS = {
    "tags": ALLOWED_TAGS,
    "attribute_filter": _direction_and_language,
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
