"""RSS 2.0 and Atom feeds of published stories: the whole site, a section, a tag, an author.

Each feed class serves both formats: ``SiteFeed(AtomFeed)`` in the URLconf picks Atom. The
feeds are Django's syndication framework and its generators, extended only through their
public hooks, so a Django upgrade brings its own fixes to the documents without breaking them.
Each story's item is written when the story is prepared (``readers/feed_items.py``).
"""

import functools

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import SyndicationFeed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.models import Article, ArticleQuerySet, Author, Section, Tag
from articles.statements import A_LANGUAGE, A_TIME, AN_ID, Statement
from readers.caching import shows
from readers.feed_items import RssFeed, WrittenItems
from readers.freshness import STORIES, story_key
from readers.prepared import finish_cards
from readers.subjects import AUTHOR, SECTION, TAG, tag_in, tag_name

FEED_LENGTH = 30


class StoryFeed(Feed):
    """The newest published stories, each with its full text, byline, tags and picture.

    Django writes the channel; the items were written when their stories were prepared
    (``readers/feed_items.py``), and those not prepared yet are written now.
    """

    # Values the newest stories' query takes from the feed's subject, and their stand-ins.
    stand_ins: dict = {}

    def __init__(self, feed_type: type[WrittenItems] = RssFeed):
        self.feed_type = feed_type

    @classmethod
    def narrow(cls, articles: ArticleQuerySet, *, now, **values) -> ArticleQuerySet:
        return articles

    def newest(self) -> Statement:
        return _newest_items(type(self), self.feed_type.prepared_as)

    def subject_values(self, obj) -> dict:
        return {}

    def items(self, obj) -> tuple:
        return ()  # added by get_feed, as written ahead

    def subtitle(self, obj) -> str:
        return self.description(obj)

    def get_feed(self, obj, request) -> SyndicationFeed:
        """Django's generator with the newest stories' items; the page notes what it shows."""
        feed = super().get_feed(obj, request)
        rows = self.newest().rows(
            now=timezone.now(), language=get_language(), **self.subject_values(obj)
        )
        if not rows and obj is not None:
            # A section, tag or author no published story shows does not exist for readers.
            raise Http404("Nothing published has this address.")
        written = finish_cards([row[:3] for row in rows], self.feed_type.prepared_as)
        dates = {pk: (published, updated) for pk, _, _, published, updated in rows}
        for pk, item in written:
            feed.add_written_item(item, pubdate=dates[pk][0], updateddate=dates[pk][1])
        shows(request, self.list_key(obj), *(story_key(pk) for pk in dates))
        return feed

    def list_key(self, obj) -> str:
        return STORIES


@functools.cache
def _newest_items(feed: type[StoryFeed], column: str) -> Statement:
    """A feed's newest stories in the page's language with their items in ``column``,
    compiled once per feed."""
    return Statement(
        lambda now, language, **values: feed.narrow(
            Article.objects.published(at=now).in_language(language), now=now, **values
        ).values_list(
            "pk", "prepared__format", f"prepared__{column}", "published_at", "updated_at"
        )[:FEED_LENGTH],
        now=A_TIME,
        language=A_LANGUAGE,
        **feed.stand_ins,
    )


class SiteFeed(StoryFeed):
    def title(self, obj) -> str:
        return _(settings.SITE_NAME)

    def link(self, obj) -> str:
        return reverse("articles:home")

    def description(self, obj) -> str:
        return _(settings.SITE_TAGLINE)


class ObjectFeed(StoryFeed):
    """The stories of one section, tag or author, found by the slug in the address."""

    subject: Statement  # finds the section, tag or author by slug (readers/subjects.py)
    stand_ins = {"subject": AN_ID}

    def get_object(self, request, slug: str) -> Section | Tag | Author:
        found = self.subject_in(get_language()).objects(slug=slug, language=get_language())
        if not found:
            raise Http404("Nothing has this address.")
        return found[0]  # hidden ones: see get_feed

    def subject_values(self, obj) -> dict:
        return {"subject": obj.pk}

    def subject_in(self, language: str) -> Statement:
        return self.subject

    def name(self, obj) -> str:
        """The section's, tag's or author's name in the feed's language."""
        return obj.name_in(get_language())

    def list_key(self, obj) -> str:
        return f"{obj._meta.model_name}:{obj.pk}"

    def title(self, obj) -> str:
        return f"{self.name(obj)} · {_(settings.SITE_NAME)}"

    def link(self, obj) -> str:
        return obj.get_absolute_url()


class SectionFeed(ObjectFeed):
    subject = SECTION

    @classmethod
    def narrow(cls, articles: ArticleQuerySet, *, now, subject: int) -> ArticleQuerySet:
        return articles.filter(section=subject)

    def description(self, section: Section) -> str:
        """Its own description is written in the site's first language only."""
        if section.description and get_language() == settings.LANGUAGE_CODE:
            return section.description
        return _("The latest %(section)s stories.") % {"section": self.name(section)}


class TagFeed(ObjectFeed):
    subject = TAG

    @classmethod
    def narrow(cls, articles: ArticleQuerySet, *, now, subject: int) -> ArticleQuerySet:
        return articles.newest_tagged(subject, at=now)

    def subject_in(self, language: str) -> Statement:
        return tag_in(language)

    def name(self, tag: Tag) -> str:
        return tag_name(tag)

    def link(self, tag: Tag) -> str:
        return reverse("articles:tag", kwargs={"slug": tag.slug})

    def description(self, tag: Tag) -> str:
        return _("The latest stories tagged “%(topic)s”.") % {"topic": self.name(tag)}


class AuthorFeed(ObjectFeed):
    subject = AUTHOR

    @classmethod
    def narrow(cls, articles: ArticleQuerySet, *, now, subject: int) -> ArticleQuerySet:
        return articles.newest_by(subject, at=now)

    def description(self, author: Author) -> str:
        return _("The latest stories by %(name)s.") % {"name": self.name(author)}
