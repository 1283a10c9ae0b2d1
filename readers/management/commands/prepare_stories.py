"""``manage.py prepare_stories``: render the readers' parts of stories not prepared yet.

Stories are prepared whenever they change; this fills in the rest: stories stored in bulk
(``seed_articles``), an upgrade from a version without prepared parts, or new templates
(``readers.prepared.FORMAT`` raised). Deploys run it after ``migrate``; it is safe to run
again and to stop half way, and readers are served meanwhile (unprepared stories are
rendered on request).
"""

import multiprocessing
import os
import sys
import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, connections
from tqdm import tqdm

from articles.models import Article
from readers.prepared import FORMAT, prepare_stories
from readers.search import forget_older_stories

BATCH = 200


def _prepare_batch(story_ids: list[int]) -> int:
    return len(prepare_stories(story_ids).prepared)


def _start_worker() -> None:
    # The connection objects came along with the fork; each process opens its own.
    connections.close_all()


class Command(BaseCommand):
    help = "Prepare the readers' pages of every story that is not prepared (or --all)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="Prepare every story again, prepared or not."
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="Processes preparing side by side (PostgreSQL only; default: one per CPU).",
        )

    def handle(self, *args, all: bool, jobs: int, **options):
        started = time.perf_counter()
        stories = Article.objects.seen_by_readers()
        if not all:
            stories = stories.exclude(prepared__format=FORMAT)
        ids = list(stories.order_by("pk").values_list("pk", flat=True))
        batches = [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]
        parallel = jobs > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block
        with tqdm(total=len(ids), unit=" stories", file=sys.stderr) as progress:
            if parallel:
                connections.close_all()
                context = multiprocessing.get_context("fork")
                with context.Pool(jobs, initializer=_start_worker) as pool:
                    for count in pool.imap_unordered(_prepare_batch, batches):
                        progress.update(count)
            else:
                for batch in batches:
                    progress.update(_prepare_batch(batch))
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Stories stored in bulk were all marked as search's newest (readers/search.py).
            forget_older_stories()
            # Fresh rows without statistics make the planner pick plans for empty tables.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE readers_preparedstory, readers_relatedstory")
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Prepared {len(ids)} stories in {elapsed:.1f} s."))
