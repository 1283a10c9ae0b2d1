"""Reading a WordPress eXtended RSS export (WXR 1.0 to 1.2) as a stream.

WordPress's "Tools → Export" writes one RSS channel: the site's authors, categories and tags
first, then every post, page and attachment as an ``<item>``. The file is read with
``defusedxml`` (no entity expansion, no external entities, no DTD tricks) one element at a
time; each finished element is handed over and then dropped, so memory stays the same on an
export of a hundred posts or of a hundred thousand.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from defusedxml.ElementTree import iterparse

WP_NAMESPACES = [f"http://wordpress.org/export/1.{minor}/" for minor in (2, 1, 0)]
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
EXCERPT_NAMESPACES = [f"http://wordpress.org/export/1.{minor}/excerpt/" for minor in (2, 1, 0)]


@dataclass
class WpSite:
    """What the channel says of the old site."""

    title: str = ""
    link: str = ""
    language: str = ""
    base_site_url: str = ""


@dataclass
class WpAuthor:
    login: str
    display_name: str
    email: str = ""
    wp_id: str = ""


@dataclass
class WpTerm:
    """A category or a tag as the channel lists it."""

    taxonomy: str  # "category" or "post_tag"
    slug: str
    name: str
    term_id: str = ""
    parent: str = ""


@dataclass
class WpItem:
    """A post, page or attachment."""

    guid: str = ""
    wp_id: str = ""
    post_type: str = ""
    status: str = ""
    title: str = ""
    link: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_name: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    post_parent: str = ""
    attachment_url: str = ""
    # (domain, nicename, text) of each <category>: categories, tags, co-authors, languages.
    terms: list[tuple[str, str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


class TruncatedExport(Exception):
    """The file stops being XML part of the way through (cut off, or damaged)."""


def _local(tag: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _text(element, name: str) -> str:
    child = element.find(name)
    return (child.text or "").strip() if child is not None and child.text else ""


class _Names:
    """The tags of the WordPress namespace of one export, whichever WXR version wrote it."""

    def __init__(self, wp: str, excerpt: str):
        self.wp, self.excerpt = "{" + wp + "}", "{" + excerpt + "}"

    def __call__(self, name: str) -> str:
        return self.wp + name


def read(source: IO[bytes]) -> Iterator[WpSite | WpAuthor | WpTerm | WpItem]:
    """Yield the site, then each author, category, tag and item, in the file's order.

    Raises ``TruncatedExport`` where the XML breaks off; everything before it was yielded.
    """
    names = _Names(WP_NAMESPACES[0], EXCERPT_NAMESPACES[0])
    site = WpSite()
    channel = None
    try:
        for event, element in iterparse(source, events=("start", "start-ns", "end")):
            if event == "start-ns":
                _prefix, uri = element
                if uri in WP_NAMESPACES:
                    names = _Names(uri, uri + "excerpt/")
                continue
            if event == "start":
                if element.tag == "channel":
                    channel = element
                continue
            namespace, local = _local(element.tag)
            parent_is_channel = channel is not None and element in channel
            if not parent_is_channel:
                continue
            if site is not None and not namespace and local in ("title", "link", "language"):
                setattr(site, local, (element.text or "").strip())
            elif site is not None and element.tag == names("base_site_url"):
                site.base_site_url = (element.text or "").strip()
            elif element.tag == names("author"):
                yield WpAuthor(
                    login=_text(element, names("author_login")),
                    display_name=_text(element, names("author_display_name")),
                    email=_text(element, names("author_email")),
                    wp_id=_text(element, names("author_id")),
                )
            elif element.tag == names("category"):
                yield WpTerm(
                    taxonomy="category",
                    slug=_text(element, names("category_nicename")),
                    name=_text(element, names("cat_name")),
                    term_id=_text(element, names("term_id")),
                    parent=_text(element, names("category_parent")),
                )
            elif element.tag == names("tag"):
                yield WpTerm(
                    taxonomy="post_tag",
                    slug=_text(element, names("tag_slug")),
                    name=_text(element, names("tag_name")),
                    term_id=_text(element, names("term_id")),
                )
            elif local == "item" and not namespace:
                if site is not None:
                    # Everything about the site comes before the first item.
                    yield site
                    site = None
                yield _item(element, names)
            else:
                continue
            # Drop what was read, so the tree never holds more than the element being read.
            channel.remove(element)
    except SyntaxError as error:  # ElementTree's ParseError
        raise TruncatedExport(str(error)) from None
    if site is not None:
        yield site


def _item(element, names: _Names) -> WpItem:
    item = WpItem(
        guid=_text(element, "guid"),
        wp_id=_text(element, names("post_id")),
        post_type=_text(element, names("post_type")),
        status=_text(element, names("status")),
        title=_text(element, "title"),
        link=_text(element, "link"),
        creator=_text(element, DC + "creator"),
        content=(element.findtext(CONTENT + "encoded") or ""),
        excerpt=(element.findtext(names.excerpt + "encoded") or "").strip(),
        post_name=_text(element, names("post_name")),
        post_date=_text(element, names("post_date")),
        post_date_gmt=_text(element, names("post_date_gmt")),
        post_parent=_text(element, names("post_parent")),
        attachment_url=_text(element, names("attachment_url")),
    )
    for term in element.iterfind("category"):
        item.terms.append(
            (term.get("domain", ""), term.get("nicename", ""), (term.text or "").strip())
        )
    for meta in element.iterfind(names("postmeta")):
        key = _text(meta, names("meta_key"))
        if key:
            item.meta[key] = meta.findtext(names("meta_value")) or ""
    return item
