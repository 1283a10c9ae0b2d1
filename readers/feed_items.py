"""Each story as a feed item, written by Django's own generators when the story is prepared.

A feed's thirty items are most of its document: escaping each story's full text and making
its addresses absolute cost a request some 15 ms. So every story's RSS item and Atom entry
are written once, when it changes (``readers/prepared.py`` keeps them with its parts), by
the syndication framework's public hooks below; a feed request writes the channel around
them (``readers/feeds.py``). The document stays the one Django would write in one go.
"""

import uuid
from io import StringIO, TextIOBase
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import format_html
from django.utils.xmlutils import SimplerXMLGenerator

from articles.addresses import site_scheme
from articles.models import Article
from articles.sanitize import with_absolute_urls

# The widest JPEG rendition a feed reader gets; wider ones only cost bandwidth.
ENCLOSURE_MAX_WIDTH = 1280


def join_names(names: list[str]) -> str:
    """“A”, “A and B”, “A, B and C”: a byline as printed."""
    if len(names) < 3:
        return " and ".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def enclosure_for(article: Article) -> Enclosure | None:
    """The featured picture as a JPEG enclosure, without asking the storage anything.

    The size comes from ``image_renditions["bytes"]``, recorded when the rendition was
    written. Renditions made before sizes were recorded state 0, as the RSS Advisory
    Board's profile advises when the length is unknown.
    """
    renditions = article.image_renditions.get("jpeg") or []
    fitting = [rendition for rendition in renditions if rendition[0] <= ENCLOSURE_MAX_WIDTH]
    if not (fitting or renditions):
        return None
    _width, name = (fitting or renditions)[-1]
    length = article.image_renditions.get("bytes", {}).get(name, 0)
    return Enclosure(url=default_storage.url(name), length=str(length), mime_type="image/jpeg")


class WrittenItems:
    """Feed generator items whose text leads back to the site, and items written ahead.

    A feed reader shows an item away from the site, where ``/2026/…``, ``/media/…`` or
    ``#quote`` lead nowhere. Django makes each item's link absolute before ``add_item``;
    the links and pictures in the text and the enclosures are resolved against that link.
    ``add_written_item`` takes an item as ``write_item`` wrote it, with its dates, which
    the channel's own date is taken from.
    """

    item_element: str

    def add_item(self, title, link, description, enclosures=None, **fields) -> None:
        if description is not None:
            description = with_absolute_urls(description, link)
        enclosures = [
            Enclosure(urljoin(link, enclosure.url), enclosure.length, enclosure.mime_type)
            for enclosure in enclosures or ()
        ]
        super().add_item(title, link, description, enclosures=enclosures, **fields)

    def write(self, outfile, encoding) -> None:
        """The document written in memory, then handed over at once: a response takes each
        of the generator's writes as a chunk of its own, encoded apart (about sixty a feed)."""
        document = StringIO()
        super().write(document, encoding)
        written = document.getvalue()
        outfile.write(written if isinstance(outfile, TextIOBase) else written.encode(encoding))

    def add_written_item(self, written: str, *, pubdate, updateddate) -> None:
        self.items.append({"written": written, "pubdate": pubdate, "updateddate": updateddate})

    def write_items(self, handler) -> None:
        for item in self.items:
            if "written" in item:
                # The item's elements were escaped when written: they go in as they are.
                handler.ignorableWhitespace(item["written"])
            else:
                self.write_item(handler, item)

    def write_item(self, handler, item: dict) -> None:
        """One item, as Django's generator writes each of its items."""
        handler.startElement(self.item_element, self.item_attributes(item))
        self.add_item_elements(handler, item)
        handler.endElement(self.item_element)


class RssFeed(WrittenItems, Rss201rev2Feed):
    """RSS 2.0 as Django writes it."""

    item_element = "item"
    prepared_as = "rss_item"  # the column of ``readers.PreparedStory`` holding its items


class AtomFeed(WrittenItems, Atom1Feed):
    """Atom 1.0 as Django writes it."""

    item_element = "entry"
    prepared_as = "atom_entry"


FEED_KINDS = {"rss": RssFeed, "atom": AtomFeed}
# The prepared columns, and the generator that writes each.
WRITERS = {generator.prepared_as: generator for generator in FEED_KINDS.values()}


class StoryItems(Feed):
    """The syndication framework's view of stories as items: full text, byline, tags, picture.

    Its "feed" is the stories it is given; only their items are kept (``write_item``).
    """

    item_guid_is_permalink = False
    link = "/"
    title = description = ""

    def __init__(self, feed_type: type[WrittenItems]):
        self.feed_type = feed_type

    def items(self, stories: list[Article]) -> list[Article]:
        return stories

    def item_title(self, article: Article) -> str:
        return article.headline

    def item_description(self, article: Article) -> str:
        """The standfirst, then the whole body (sanitised on save, so safe to syndicate)."""
        standfirst = format_html("<p>{}</p>", article.standfirst) if article.standfirst else ""
        return f"{standfirst}{article.body}"

    def item_guid(self, article: Article) -> str:
        """An identity that survives an editor changing the story's slug (and so its link)."""
        return uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_NAME}/articles/{article.pk}").urn

    def item_author_name(self, article: Article) -> str | None:
        return join_names([author.name for author in article.authors]) or None

    def item_categories(self, article: Article) -> list[str]:
        tags = getattr(article, "prefetched_tags", None)
        return [tag.name for tag in (article.tags.all() if tags is None else tags)]

    def item_pubdate(self, article: Article):
        return article.published_at

    def item_updateddate(self, article: Article):
        return article.updated_at

    def item_enclosures(self, article: Article) -> list[Enclosure]:
        enclosure = enclosure_for(article)
        return [enclosure] if enclosure else []


class _SiteRequest(HttpRequest):
    """A request for the public site, for what is written away from any reader's request."""

    def _get_scheme(self) -> str:
        return site_scheme()


def write_item(article: Article, column: str) -> str:
    """``article`` as one item of the feed prepared in ``column`` (``WRITERS``), as XML text.

    Django's generator refuses text XML cannot carry (``UnserializableContentError``).
    """
    generator = StoryItems(WRITERS[column]).get_feed([article], _SiteRequest())
    written = StringIO()
    handler = SimplerXMLGenerator(written, settings.DEFAULT_CHARSET, short_empty_elements=True)
    generator.write_item(handler, generator.items[0])
    return written.getvalue()
