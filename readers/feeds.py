"""RSS 2.0 and Atom feeds of published stories: the whole site, a section, a tag, an author.

Each feed class serves both formats: ``SiteFeed(AtomFeed)`` in the URLconf picks Atom. The
feeds are Django's syndication framework and its generators, extended only through their
public hooks, so a Django upgrade brings its own fixes to the documents without breaking them.
"""

import uuid
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, SyndicationFeed
from django.utils.html import format_html

from articles.models import Article, ArticleQuerySet, Author, Section, Tag
from articles.sanitize import with_absolute_urls
from readers.caching import shows
from readers.freshness import STORIES, story_key

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


class AbsoluteAddresses:
    """Feed generator items whose text and enclosures lead back to the site.

    A feed reader shows an item away from the site, where ``/2026/…``, ``/media/…`` or
    ``#quote`` lead nowhere. Django makes each item's link absolute before ``add_item``;
    the links and pictures in the text and the enclosures are resolved against that link.
    """

    def add_item(self, title, link, description, enclosures=None, **fields) -> None:
        if description is not None:
            description = with_absolute_urls(description, link)
        enclosures = [
            Enclosure(urljoin(link, enclosure.url), enclosure.length, enclosure.mime_type)
            for enclosure in enclosures or ()
        ]
        super().add_item(title, link, description, enclosures=enclosures, **fields)


class RssFeed(AbsoluteAddresses, Rss201rev2Feed):
    """RSS 2.0 as Django writes it."""


class AtomFeed(AbsoluteAddresses, Atom1Feed):
    """Atom 1.0 as Django writes it."""


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
        items = list(self.narrow(articles, obj)[:FEED_LENGTH])
        shows(self.request, self.list_key(obj), *(story_key(item.pk) for item in items))
        return items

    def subtitle(self, obj) -> str:
        return self.description(obj)

    def get_feed(self, obj, request) -> SyndicationFeed:
        """Django's populated generator; the page notes the list and the stories it shows."""
        self.request = request
        return super().get_feed(obj, request)

    def list_key(self, obj) -> str:
        return STORIES

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
        return get_object_or_404(self.model.objects.shown_to_readers(), slug=slug)

    def narrow(self, articles: ArticleQuerySet, obj) -> ArticleQuerySet:
        return articles.filter(**{self.stories_lookup: obj})

    def list_key(self, obj) -> str:
        return f"{obj._meta.model_name}:{obj.pk}"

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
