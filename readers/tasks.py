"""Background work for readers' pages, through Django's tasks framework (``django.tasks``).

A change that touches many stories (a section, tag or author renamed) and the stories whose
related posts a published or edited story may change are prepared again here, so the editor's
request never waits for them. Production runs the database-backed worker (``manage.py db_worker``,
started by ``make serve-prod`` next to gunicorn); tasks wait in the database and survive
restarts. Without a worker (``make run``, the tests) they run at once.

Purges that a cache in front did not take are sent again from here (``readers/purging.py``).

Django's tasks are not retried by the framework: a task that fails logs the error and
enqueues itself again, later each time, up to ``ATTEMPTS`` times. Until it succeeds, readers
get the previous parts, which were correct when written, or the cached copy.
"""

import logging
import sys
from datetime import timedelta

from django.tasks import default_task_backend, task
from django.utils import timezone

from articles.models import Article
from readers import freshness, purging
from readers.models import RelatedStory
from readers.prepared import prepare_stories, rebuild_related_blocks, stories_listing
from readers.search import forget_older_stories

logger = logging.getLogger(__name__)

# A task prepares this many stories, so a rename on 3,000 stories is many short tasks that
# other work can pass between, each committed on its own.
BATCH = 200
# How many of the stories showing a story taken down choose a replacement (``to_refill``).
REFILLED = 100
ATTEMPTS = 8
# Waits between attempts double from this: 10 s, 20 s, … about 21 minutes for the last.
FIRST_RETRY_SECONDS = 10


def prepare_stories_later(story_ids) -> None:
    """Prepare ``story_ids`` again in the background, in batches."""
    story_ids = sorted(story_ids)
    for start in range(0, len(story_ids), BATCH):
        prepare_stories_task.enqueue(story_ids[start : start + BATCH])


def neighbours_of(story_ids) -> set[int]:
    """Stories whose related posts a change to ``story_ids`` may have made stale, to choose
    them again: those one of them shows, which share its tags, so a newly published story
    may belong among theirs.

    The stories showing one of them only need their blocks put together again from the
    stored cards (``rebuild_related_blocks_task``).
    """
    listed = RelatedStory.objects.filter(prepared_id__in=story_ids)
    return set(listed.values_list("story_id", flat=True)) - set(story_ids)


def to_refill(showing) -> set[int]:
    """The newest ``REFILLED`` of ``showing``, stories whose related posts showed a story
    taken down: they choose a replacement in the background, older ones show one related
    post fewer until they are next prepared.

    The newest stories sit in the related posts of thousands of others: choosing again for
    all of them cost a minute of CPU for each story taken down, on 100,000 stories.
    """
    newest = Article.objects.filter(pk__in=showing).order_by("-published_at")
    return set(newest.values_list("pk", flat=True)[:REFILLED])


def rebuild_related_blocks_later(story_ids) -> None:
    """Show the new cards of ``story_ids`` in the related posts of the stories showing them."""
    if story_ids:
        rebuild_related_blocks_task.enqueue(sorted(story_ids))


def forget_older_stories_later() -> None:
    forget_older_stories_task.enqueue()


def _again_later(task_function, arguments: tuple, attempt: int) -> None:
    """Log the failure and enqueue the same work again, after a longer wait each time."""
    logger.error(
        "%s failed (attempt %s of %s) for %s",
        task_function.name,
        attempt,
        ATTEMPTS,
        arguments,
        exc_info=sys.exception() is not None,
    )
    if attempt >= ATTEMPTS:
        return
    retry = task_function
    if default_task_backend.supports_defer:
        wait = timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** (attempt - 1))
        retry = task_function.using(run_after=timezone.now() + wait)
    retry.enqueue(*arguments, attempt=attempt + 1)


@task()
def prepare_stories_task(story_ids: list[int], attempt: int = 1) -> list[int]:
    """Prepare these stories again, then make stale the pages of those that changed.

    Most neighbours of a published story come out the same: their pages stay valid.
    """
    try:
        changed = prepare_stories(story_ids).changed
    except Exception:
        _again_later(prepare_stories_task, (story_ids,), attempt)
        raise
    if changed:
        freshness.move({freshness.story_key(pk) for pk in changed} | {freshness.UPDATES})
    return sorted(changed)


@task()
def rebuild_related_blocks_task(story_ids: list[int], attempt: int = 1) -> list[int]:
    """``rebuild_related_blocks`` for ``story_ids``, then make stale the pages that changed."""
    try:
        changed = rebuild_related_blocks(stories_listing(story_ids))
    except Exception:
        _again_later(rebuild_related_blocks_task, (story_ids,), attempt)
        raise
    if changed:
        freshness.move({freshness.story_key(pk) for pk in changed})
    return sorted(changed)


@task()
def forget_older_stories_task(attempt: int = 1) -> None:
    """Keep search's small index to the newest stories, as publications push others out."""
    try:
        forget_older_stories()
    except Exception:
        _again_later(forget_older_stories_task, (), attempt)
        raise


@task()
def purge_task(keys: list[str], addresses: list[str], attempt: int = 1) -> list[str]:
    """Purge ``keys`` from the caches in front at ``addresses``, which did not take it before.

    The addresses that still do not take it.
    """
    failed = purging.purge_from(addresses, keys)
    if failed:
        _again_later(purge_task, (keys, failed), attempt)
    return failed
