"""Sitemaps of what readers may see: stories, recent news, sections, tags and authors.

Memory stays flat however large the archive: a sitemap page reads only its own rows and
only the columns a ``<url>`` needs (``.only()``); the index learns how many pages there are
from ``COUNT(*)`` or ``MAX(id)`` and the newest change from ``MAX(updated_at)``, never by
loading stories (Django's default ``get_latest_lastmod()`` would iterate the whole archive).
Everything here is Django's sitemap framework, extended through its documented hooks
(``items``, ``location``, ``lastmod``, ``limit``, ``paginator``, ``get_latest_lastmod``).
"""

import math
from datetime import datetime, timedelta

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Page, Paginator
from django.db.models import Max
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
        highest = self.object_list.aggregate(highest=Max("pk"))["highest"] or 0
        return max(1, math.ceil(highest / self.per_page))

    def page(self, number) -> Page:
        number = self.validate_number(number)
        after = (number - 1) * self.per_page
        rows = self.object_list.filter(pk__gt=after, pk__lte=after + self.per_page)
        return Page(rows, number, self)


class ReadersSitemap(Sitemap):
    """A sitemap that tells the index its size and newest change from one query each."""

    def paginate(self) -> Paginator:
        return Paginator(self.items(), self.limit)

    @cached_property
    def paginator(self) -> Paginator:
        return self.paginate()

    def get_latest_lastmod(self) -> datetime | None:
        return self.newest_change()

    def newest_change(self) -> datetime | None:
        return super().get_latest_lastmod()


class ArticleSitemap(ReadersSitemap):
    """Stories with their last edit as ``lastmod``."""

    def lastmod(self, article: Article) -> datetime:
        return article.updated_at

    def newest_change(self) -> datetime | None:
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class StorySitemap(ArticleSitemap):
    """Every published story, in pages of primary-key ranges."""

    limit = 5000

    def items(self) -> ArticleQuerySet:
        return (
            Article.objects.published()
            .in_language(get_language())
            .only("slug", "published_at", "updated_at", "language")
            .order_by("pk")
        )

    def paginate(self) -> Paginator:
        return PrimaryKeyRangePaginator(self.items(), self.limit)


class NewsSitemap(ArticleSitemap):
    """Stories published in the last 48 hours, with the details Google News asks for."""

    limit = NEWS_LIMIT

    def items(self) -> ArticleQuerySet:
        now = timezone.now()
        return (
            Article.objects.published(at=now)
            .in_language(get_language())
            .filter(published_at__gte=now - NEWS_WINDOW)
            .only("slug", "headline", "published_at", "updated_at", "language")
            .order_by("-published_at", "-pk")
        )


class SectionSitemap(ReadersSitemap):
    def items(self):
        return Section.objects.shown_to_readers(get_language()).only("slug")


class TagSitemap(ReadersSitemap):
    """Tags that at least one published story carries; other tag pages are empty."""

    def items(self):
        return Tag.objects.shown_to_readers(get_language()).only("slug").order_by("pk")

    def location(self, tag: Tag) -> str:
        return reverse("articles:tag", kwargs={"slug": tag.slug})


class AuthorSitemap(ReadersSitemap):
    """Authors with at least one published story."""

    def items(self):
        return Author.objects.shown_to_readers(get_language()).only("slug").order_by("pk")


SITEMAPS: dict[str, type[ReadersSitemap]] = {
    "news": NewsSitemap,
    "stories": StorySitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}
