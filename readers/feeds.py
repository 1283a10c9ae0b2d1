"""RSS 2.0 and Atom feeds of published stories: the whole site, a section, a tag, an author.

Each feed class serves both formats: ``SiteFeed(AtomFeed)`` in the URLconf picks Atom.
"""

import io
import re
import uuid
from xml.sax.saxutils import XMLGenerator

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, SyndicationFeed
from django.utils.html import format_html
from django.utils.xmlutils import SimplerXMLGenerator, UnserializableContentError
from taggit.models import Tag

from articles.models import Article, ArticleQuerySet, Author, Section
from articles.sanitize import with_absolute_urls
from readers.caching import remember

FEED_LENGTH = 30
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


# XML 1.0 forbids these; Django's writer refuses them too, with a pattern compiled lazily.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0B-\x0C\x0E-\x1F]")


class FeedWriter(SimplerXMLGenerator):
    """Django's feed writer, checking text with a pattern compiled at import.

    Django's pattern is a lazy object: each of a feed's thousand or so text checks went
    through its proxy, which took a third of the time spent writing the document.
    Empty elements are written short (``<comments/>``), as Django's feeds write them.
    """

    def __init__(self, out: io.StringIO, encoding: str = "utf-8") -> None:
        super().__init__(out, encoding, short_empty_elements=True)

    def characters(self, content: str) -> None:
        if content and CONTROL_CHARACTERS.search(content):
            raise UnserializableContentError
        XMLGenerator.characters(self, content)


class WrittenAtOnce:
    """Write the feed document with ``FeedWriter`` into the response in one piece.

    Django's generators write each element and text straight into the response: some 1,300
    separate writes for thirty stories, half of the feed's cost. ``write_document`` is the
    body of Django's own ``write`` for the format, with the writer passed in.

    The items, nearly all of the document, can be written ahead (``write_items_ahead``)
    by a feed object that is kept until content changes; each request then writes only the
    feed's own few elements around them.
    """

    items_written: str | None = None

    def write(self, outfile, encoding: str) -> None:
        document = io.StringIO()
        handler = FeedWriter(document, encoding)
        handler.startDocument()
        self.write_document(handler)
        outfile.write(document.getvalue())

    def write_items_ahead(self) -> None:
        items = io.StringIO()
        super().write_items(FeedWriter(items))
        self.items_written = items.getvalue()

    def write_items(self, handler: SimplerXMLGenerator) -> None:
        if self.items_written is None:
            super().write_items(handler)
        else:
            # SAX's call for passing text through as it is.
            handler.ignorableWhitespace(self.items_written)


class RssFeed(WrittenAtOnce, Rss201rev2Feed):
    def write_document(self, handler: SimplerXMLGenerator) -> None:
        # A stylesheet goes after the XML declaration and before the first element.
        self.add_stylesheets(handler)
        handler.startElement("rss", self.rss_attributes())
        handler.startElement("channel", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        self.endChannelElement(handler)
        handler.endElement("rss")


class AtomFeed(WrittenAtOnce, Atom1Feed):
    def write_document(self, handler: SimplerXMLGenerator) -> None:
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class StoryFeed(Feed):
    """The newest published stories, each with its full text, byline, tags and picture."""

    item_guid_is_permalink = False

    def __init__(self, feed_type: type[SyndicationFeed] = RssFeed):
        self.feed_type = feed_type

    def narrow(self, articles: ArticleQuerySet, obj) -> ArticleQuerySet:
        return articles

    def items(self, obj) -> ArticleQuerySet:
        # 1 query for the stories and their section, 1 for bylines with authors, 1 for tags.
        articles = Article.objects.published().for_listing().prefetch_related("tags")
        return self.narrow(articles, obj)[:FEED_LENGTH]

    def subtitle(self, obj) -> str:
        return self.description(obj)

    def get_feed(self, obj, request):
        """The feed's items, read and written once per content change (``remember``).

        Enclosures, and links and pictures in the text, get absolute addresses: a feed
        reader shows them away from the site, where a path leads nowhere.
        """

        def build() -> SyndicationFeed:
            feed = super(StoryFeed, self).get_feed(obj, request)
            domain = get_current_site(request).domain
            for item in feed.items:
                item["description"] = with_absolute_urls(item["description"], item["link"])
                for enclosure in item["enclosures"]:
                    enclosure.url = add_domain(domain, enclosure.url, request.is_secure())
            if isinstance(feed, WrittenAtOnce):
                feed.write_items_ahead()
            return feed

        address = f"{request.scheme}://{request.get_host()}{request.path}"
        return remember(request, f"feed {address}", build)

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
        return [tag.name for tag in article.tags.all()]

    def item_pubdate(self, article: Article):
        return article.published_at

    def item_updateddate(self, article: Article):
        return article.updated_at

    def item_enclosures(self, article: Article) -> list[Enclosure]:
        enclosure = enclosure_for(article)
        return [enclosure] if enclosure else []


class SiteFeed(StoryFeed):
    def title(self, obj) -> str:
        return settings.SITE_NAME

    def link(self, obj) -> str:
        return reverse("articles:home")

    def description(self, obj) -> str:
        return settings.SITE_TAGLINE


class ObjectFeed(StoryFeed):
    """The stories of one section, tag or author, found by the slug in the address."""

    model: type[Section | Tag | Author]
    stories_lookup: str

    def get_object(self, request, slug: str) -> Section | Tag | Author:
        return get_object_or_404(self.model, slug=slug)

    def narrow(self, articles: ArticleQuerySet, obj) -> ArticleQuerySet:
        return articles.filter(**{self.stories_lookup: obj})

    def title(self, obj) -> str:
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj) -> str:
        return obj.get_absolute_url()


class SectionFeed(ObjectFeed):
    model = Section
    stories_lookup = "section"

    def description(self, section: Section) -> str:
        return section.description or f"The latest {section.name} stories."


class TagFeed(ObjectFeed):
    model = Tag
    stories_lookup = "tags"

    def link(self, tag: Tag) -> str:
        return reverse("articles:tag", kwargs={"slug": tag.slug})

    def description(self, tag: Tag) -> str:
        return f"The latest stories tagged “{tag.name}”."


class AuthorFeed(ObjectFeed):
    model = Author
    stories_lookup = "bylines"

    def description(self, author: Author) -> str:
        return f"The latest stories by {author.name}."
