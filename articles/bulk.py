"""Loading stories in bulk, as seeding and imports do: what a row-by-row save would not need."""

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.db import connection, models

from articles.models import Article, Byline, TaggedArticle


@contextmanager
def explicit_timestamps(model: type[models.Model], *names: str) -> Iterator[None]:
    """Let bulk inserts set ``auto_now``/``auto_now_add`` fields, so dates spread over years."""
    fields = [model._meta.get_field(name) for name in names]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def refresh_planner_statistics(*seeded: type[models.Model]) -> None:
    """Vacuum and analyse the seeded tables, as autovacuum would in time (if it is on).

    Without statistics the PostgreSQL planner takes a table of 100,000 fresh rows for empty
    and picks plans that no production database would run, so benchmarks would mislead.
    VACUUM cannot run inside a transaction (as in tests); ANALYZE alone then does.
    """
    in_transaction = connection.in_atomic_block or connection.vendor != "postgresql"
    command = "ANALYZE" if in_transaction else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for model in seeded:
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")


def add_bylines_and_tags(stored: Iterable[tuple[Article, Sequence[int], Sequence[int]]]) -> None:
    """Bylines and tags of stories just stored in bulk, as (story, author ids, tag ids).

    Each carries its story's publication time, as a story's save would have written it, so
    that authors' and tags' pages find their newest stories from their own indexes.
    """
    stored = list(stored)
    Byline.objects.bulk_create(
        Byline(
            article_id=article.pk,
            author_id=author_id,
            position=position,
            published_at=article.published_at,
        )
        for article, author_ids, _tag_ids in stored
        for position, author_id in enumerate(author_ids)
    )
    TaggedArticle.objects.bulk_create(
        TaggedArticle(
            content_object_id=article.pk, tag_id=tag_id, published_at=article.published_at
        )
        for article, _author_ids, tag_ids in stored
        for tag_id in tag_ids
    )
