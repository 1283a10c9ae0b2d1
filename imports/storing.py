"""Storing new stories in bulk, a batch at a time, in this process or in workers beside it.

A batch is one transaction of bulk inserts (stories, bylines, tags, history, what the import
remembers, old addresses), as ``seed_articles`` stores its stories. If the database refuses
it, its posts are stored again one at a time, each in its own savepoint, so one bad post is
reported and the others go in whole. PostgreSQL computes each story's search document as it
is stored, which costs it about a millisecond of CPU per story: on PostgreSQL, batches go to
one worker process per CPU while the importer reads on (``Workers``).
"""

import multiprocessing
from collections import deque
from dataclasses import dataclass, field

from django.db import DatabaseError, connections, transaction
from django.utils import timezone

from articles.bulk import add_bylines_and_tags, explicit_timestamps
from articles.models import Article, ArticleEvent, OldAddress
from imports.models import ImportedItem
from imports.people_and_terms import add_old_addresses
from imports.posts import StoryPlan

IMPORTED = "Imported from WordPress ({})"


@dataclass
class Stored:
    """What became of a batch: how many stories were stored, and the posts refused."""

    created: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)


def store_batch(stories: list[StoryPlan]) -> Stored:
    """Store ``stories`` whole or, if the database refuses the batch, one at a time."""
    try:
        with transaction.atomic():
            insert_stories(stories)
        return Stored(created=len(stories))
    except DatabaseError:
        stored = Stored()
        for story in stories:
            try:
                with transaction.atomic():
                    insert_stories([story])
                stored.created += 1
            except DatabaseError as error:
                stored.refused.append((story.key, f"could not be stored ({error})"))
        return stored


def insert_stories(stories: list[StoryPlan]) -> None:
    """Store new stories with their bylines, tags, history and old addresses in bulk."""
    if not stories:
        return
    now = timezone.now()
    with explicit_timestamps(Article, "created_at", "updated_at"):
        articles = Article.objects.bulk_create(
            Article(
                language=story.language,
                headline=story.headline,
                slug=story.slug,
                standfirst=story.standfirst,
                dateline=story.dateline,
                body=story.body,
                word_count=story.word_count,
                section_id=story.section_id,
                status=story.status,
                published_at=story.published_at,
                deleted_at=now if story.trashed else None,
                created_at=story.written_at,
                updated_at=now,
            )
            for story in stories
        )
    pairs = list(zip(articles, stories, strict=True))
    add_bylines_and_tags((article, story.author_ids, story.tag_ids) for article, story in pairs)
    ArticleEvent.objects.bulk_create(
        ArticleEvent(
            article_id=article.pk,
            at=now,
            to_status=article.status,
            comment=IMPORTED.format(story.key),
        )
        for article, story in pairs
    )
    ImportedItem.objects.bulk_create(
        ImportedItem(
            key=story.key,
            kind=ImportedItem.Kind.POST,
            wp_id=story.wp_id,
            digest=story.digest,
            article_id=article.pk,
            data={"thumbnail": story.thumbnail},
            pictures_pending=story.pictures_pending,
            imported_at=now,
        )
        for article, story in pairs
    )
    add_old_addresses(
        [
            OldAddress(path=path, article_id=article.pk)
            for article, story in pairs
            for path in story.old_paths
        ]
    )


def _start_worker() -> None:
    # The connection objects came along with the fork; each process opens its own.
    connections.close_all()


class Workers:
    """Batches stored by worker processes, a few at a time, while the importer reads on.

    At most two batches per worker wait, so reading never runs far ahead of storing and
    memory stays flat. The slugs of batches not yet stored are kept, so that the next batch
    never picks one of them.
    """

    def __init__(self, jobs: int):
        self.jobs = jobs
        connections.close_all()
        self.pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_start_worker)
        self.waiting: deque = deque()

    def slugs_in_flight(self) -> set[str]:
        return {slug for _result, slugs in self.waiting for slug in slugs}

    def submit(self, stories: list[StoryPlan]) -> list[Stored]:
        """Hand ``stories`` to a worker; what the batches finished meanwhile stored."""
        done = []
        while len(self.waiting) >= 2 * self.jobs:
            done.append(self.waiting.popleft()[0].get())
        self.waiting.append(
            (self.pool.apply_async(store_batch, (stories,)), {story.slug for story in stories})
        )
        return done

    def finish(self) -> list[Stored]:
        """Wait for every batch; what they stored."""
        try:
            return [result.get() for result, _slugs in self.waiting]
        finally:
            self.waiting.clear()
            self.pool.terminate()
            self.pool.join()
