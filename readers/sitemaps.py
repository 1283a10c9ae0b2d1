"""Sitemaps of what readers may see: stories, recent news, sections, tags and authors.

Memory stays flat however large the archive: a sitemap page reads only its own rows and
only the columns a ``<url>`` needs (``.only()``); the index learns how many pages there are
from ``COUNT(*)`` or ``MAX(id)`` and the newest change from ``MAX(updated_at)``, never by
loading stories. The sitemaps are Django's sitemap framework, extended through its
documented hooks (``items``, ``location``, ``lastmod``, ``limit``, ``paginator``); the index
is ``readers/sitemap_index.py``, which asks for all their figures at once.
"""

import math
from datetime import datetime, timedelta

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Page, Paginator
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language

from articles.models import Article, ArticleQuerySet, Author, Section, Tag

# How long a story stays in the news sitemap, and how many it may list (Google News rules).
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


class PrimaryKeyRangePaginator(Paginator):
    """Page N holds the rows whose primary key lies in ((N - 1) × per_page, N × per_page].

    However deep the page, reading it is one index range scan, where ``OFFSET`` would read
    and throw away every row before it (seconds, deep into a million stories). A story also
    keeps its page for life, so older pages seldom change. Pages hold fewer than
    ``per_page`` rows where drafts and unpublished stories took primary keys.
    """

    @cached_property
    def num_pages(self) -> int:
        highest = self.object_list.aggregate(highest=Max("pk"))["highest"]
        return self.pages_up_to(highest, self.per_page)

    @staticmethod
    def pages_up_to(highest: int | None, per_page: int) -> int:
        """The pages needed for primary keys up to ``highest`` (``None``: no rows)."""
        return max(1, math.ceil((highest or 0) / per_page))

    def page(self, number) -> Page:
        number = self.validate_number(number)
        after = (number - 1) * self.per_page
        rows = self.object_list.filter(pk__gt=after, pk__lte=after + self.per_page)
        return Page(rows, number, self)


class ReadersSitemap(Sitemap):
    """A sitemap of ``listed(now, language)``, which tells the index its size and newest change.

    The index reads ``size_aggregate`` (SQL's ``COUNT`` or ``MAX``) of the items' primary
    keys, turned into a number of pages by ``pages()``, and, where ``changed_column`` names a
    column, the newest value of it as the sitemap's last change.
    """

    size_aggregate = "COUNT"
    changed_column: str | None = None
    # Whether stories leave it as they age, which no change to them marks.
    ages_out = False

    @classmethod
    def listed(cls, *, now: datetime, language: str) -> QuerySet:
        """What the sitemap lists in ``language`` at ``now``: every value it depends on is
        an argument, so that its index figures can be compiled once."""
        raise NotImplementedError

    def items(self) -> QuerySet:
        return self.listed(now=timezone.now(), language=get_language())

    @classmethod
    def pages(cls, size: int) -> int:
        """The number of pages, from ``size_aggregate`` of the items' primary keys."""
        return Paginator(range(size), cls.limit).num_pages

    def paginate(self) -> Paginator:
        return Paginator(self.items(), self.limit)

    @cached_property
    def paginator(self) -> Paginator:
        return self.paginate()


class ArticleSitemap(ReadersSitemap):
    """Stories with their last edit as ``lastmod``."""

    changed_column = "updated_at"

    def lastmod(self, article: Article) -> datetime:
        return article.updated_at


class StorySitemap(ArticleSitemap):
    """Every published story, in pages of primary-key ranges."""

    limit = 5000
    size_aggregate = "MAX"

    @classmethod
    def listed(cls, *, now: datetime, language: str) -> ArticleQuerySet:
        return (
            Article.objects.published(at=now)
            .in_language(language)
            .only("slug", "published_at", "updated_at", "language")
            .order_by("pk")
        )

    @classmethod
    def pages(cls, size: int) -> int:
        return PrimaryKeyRangePaginator.pages_up_to(size, cls.limit)

    def paginate(self) -> Paginator:
        return PrimaryKeyRangePaginator(self.items(), self.limit)


class NewsSitemap(ArticleSitemap):
    """Stories published in the last 48 hours, with the details Google News asks for."""

    limit = NEWS_LIMIT
    ages_out = True

    @classmethod
    def listed(cls, *, now: datetime, language: str) -> ArticleQuerySet:
        return (
            Article.objects.published(at=now)
            .in_language(language)
            .filter(published_at__gte=now - NEWS_WINDOW)
            .only("slug", "headline", "published_at", "updated_at", "language")
            .order_by("-published_at", "-pk")
        )


class SectionSitemap(ReadersSitemap):
    @classmethod
    def listed(cls, *, now: datetime, language: str) -> QuerySet:
        return Section.objects.shown_to_readers(language, at=now).only("slug")


class TagSitemap(ReadersSitemap):
    """Tags that at least one published story carries; other tag pages are empty."""

    @classmethod
    def listed(cls, *, now: datetime, language: str) -> QuerySet:
        return Tag.objects.shown_to_readers(language, at=now).only("slug").order_by("pk")

    def location(self, tag: Tag) -> str:
        return reverse("articles:tag", kwargs={"slug": tag.slug})


class AuthorSitemap(ReadersSitemap):
    """Authors with at least one published story."""

    @classmethod
    def listed(cls, *, now: datetime, language: str) -> QuerySet:
        return Author.objects.shown_to_readers(language, at=now).only("slug").order_by("pk")


SITEMAPS: dict[str, type[ReadersSitemap]] = {
    "news": NewsSitemap,
    "stories": StorySitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}
