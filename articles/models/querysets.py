"""The queries every surface starts from: what readers may see, and lists of ids fast."""

from datetime import datetime

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.expressions import RawSQL
from django.utils import timezone

from articles import languages


class ArticleQuerySet(models.QuerySet):
    def published(self, *, at: datetime | None = None) -> "ArticleQuerySet":
        """What a reader may see: approved, due by now (or ``at``), and not in the trash.

        Scheduled stories need no job to go live: they match as soon as their time passes.
        """
        return self.filter(
            status__in=self.model.LIVE_STATUSES,
            published_at__lte=at or timezone.now(),
            deleted_at__isnull=True,
        )

    def embargoed(self) -> "ArticleQuerySet":
        """Approved to go live by itself later: not for readers yet (``published()`` says when).

        The wire sends these early, marked withheld until their time, to the subscribers
        bound by an embargo (``wire/versions.py``).
        """
        return self.filter(
            status=self.model.Status.SCHEDULED,
            published_at__gt=timezone.now(),
            deleted_at__isnull=True,
        )

    def in_language(self, language: str) -> "ArticleQuerySet":
        """Stories written in ``language``: what its readers' pages list."""
        return self.filter(language=language)

    def seen_by_readers(self) -> "ArticleQuerySet":
        """Published now, or going live by itself at its time: what readers' pages may show.

        Wider than ``published()``: a scheduled story appears without being saved again, so
        whatever changes it changes pages readers will get.
        """
        return self.filter(
            status__in=self.model.LIVE_STATUSES,
            published_at__isnull=False,
            deleted_at__isnull=True,
        )

    def any_for(self, lookup: str) -> Exists:
        """Whether one of these stories reaches the outer row through ``lookup``.

        ``Tag.objects.filter(Article.objects.published().any_for("tags"))`` are the tags
        readers may see: a section, tag or author that no published story shows does not
        exist for them, so its name cannot give an embargoed subject away.
        """
        return Exists(self.filter(**{lookup: OuterRef("pk")}))

    def for_listing(self) -> "ArticleQuerySet":
        """The related rows a list of stories shows, fetched in a constant number of queries."""
        return self.select_related("section").prefetch_related(
            Prefetch(
                "byline_set", queryset=self.model.bylines.through.objects.select_related("author")
            ),
        )

    def newest_tagged(self, tag_id: int, *, at: datetime) -> "ArticleQuerySet":
        """Stories with the tag, newest first, from the (tag, time) index of the tagged rows.

        A tag's newest stories then cost the same on 50 stories or 50,000: sorting all of a
        tag on a few hundred stories by the stories' own time cost 7 ms on 100,000. The time
        bound lets the index skip drafts (no time) and stories scheduled for later.
        """
        return self.filter(taggedarticle__tag=tag_id, taggedarticle__published_at__lte=at).order_by(
            "-taggedarticle__published_at", "-pk"
        )

    def newest_by(self, author_id: int, *, at: datetime) -> "ArticleQuerySet":
        """An author's stories, newest first, from the (author, time) index of the bylines.

        As ``newest_tagged``: an author of 600 stories otherwise cost a walk through
        thousands of other people's stories.
        """
        return self.filter(byline__author=author_id, byline__published_at__lte=at).order_by(
            "-byline__published_at", "-pk"
        )

    def newest_ids_per_section(self, section_ids: list[int], count: int) -> RawSQL | list[int]:
        """The ids of the ``count`` newest stories of each section, as a subquery."""
        newest = self.order_by("-published_at", "-pk").values_list("pk", flat=True)
        if not section_ids:
            return []
        return union_of_ids([newest.filter(section_id=pk)[:count] for pk in section_ids])

    def in_trash(self) -> "ArticleQuerySet":
        return self.filter(deleted_at__isnull=False)

    def not_in_trash(self) -> "ArticleQuerySet":
        return self.filter(deleted_at__isnull=True)


class ShownThroughStories(models.QuerySet):
    """Sections, tags and authors: readers know of one only through the stories it shows.

    Each model names, in ``STORIES_LOOKUP``, how a story reaches it.
    """

    def shown_to_readers(
        self, language: str | None = None, *, at: datetime | None = None
    ) -> models.QuerySet:
        """The rows at least one published story shows (in ``language``, if given; published
        by ``at``, if given); the others answer 404 to readers (of that language)."""
        published = apps.get_model("articles", "Article").objects.published(at=at)
        if language:
            published = published.in_language(language)
        return self.filter(published.any_for(self.model.STORIES_LOOKUP))

    def languages_shown(self) -> dict[int, list[str]]:
        """For each row, the languages in which a published story shows it: those its page
        exists in. One query, an index probe per row and language."""
        return {pk: shown_in(flags) for pk, *flags in self.values_list("pk", *self.shown_in())}

    def shown_in(self) -> list[Exists]:
        """For each language of ``settings.LANGUAGES``, whether a published story in it shows
        the row, an index probe each: the languages its page exists in, as columns for
        ``values_list``, read back by ``shown_in(flags)``."""
        published = apps.get_model("articles", "Article").objects.published()
        lookup = self.model.STORIES_LOOKUP
        return [published.in_language(code).any_for(lookup) for code in languages.CODES]


def shown_in(flags) -> list[str]:
    """The languages whose flag is set, from the columns of ``ShownThroughStories.shown_in``."""
    return [code for code, is_shown in zip(languages.CODES, list(flags), strict=True) if is_shown]


def union_of_ids(parts: list[models.QuerySet]) -> RawSQL:
    """The ids that each sliced ``values_list("pk")`` queryset selects, as one subquery.

    Each part keeps its own index scan and LIMIT (an ``OR`` of ``IN (...)`` subqueries
    would make PostgreSQL scan the whole table instead); the parts are joined with UNION
    ALL, and wrapping each in a derived table is what lets SQLite accept their LIMITs.
    Use it as ``filter(pk__in=union_of_ids(parts))``.
    """
    statements, params = [], []
    for number, part in enumerate(parts):
        sql, part_params = part.query.sql_with_params()
        statements.append(f"SELECT * FROM ({sql}) AS part_{number}")  # noqa: S608 - ORM SQL
        params.extend(part_params)
    return RawSQL(" UNION ALL ".join(statements), params)  # noqa: S611 - ORM SQL and params
