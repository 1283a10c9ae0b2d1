"""``manage.py seed_articles N``: add N generated stories, fast, for benchmarks."""

import multiprocessing
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, connections, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from tqdm import tqdm

from articles.bulk import add_bylines_and_tags, explicit_timestamps, refresh_planner_statistics
from articles.models import Article, Author, Byline, Section, Tag, TaggedArticle
from articles.seeding import DEFAULT_SECTIONS, StoryGenerator, author_names, tag_names


def ensure_sections() -> list[int]:
    """The ids of every section, after adding any of the five default desks that is missing."""
    for position, name in enumerate(DEFAULT_SECTIONS):
        Section.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "position": position}
        )
    return list(Section.objects.order_by("pk").values_list("pk", flat=True))


def ensure_authors() -> list[int]:
    """The ids of the byline pool, in pool order, adding the authors not there yet."""
    names = author_names()
    slugs = [slugify(name) for name in names]
    existing = dict(Author.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    Author.objects.bulk_create(
        Author(name=name, slug=slug, bio=f"{name} reports for the agency.")
        for name, slug in zip(names, slugs, strict=True)
        if slug not in existing
    )
    existing = dict(Author.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    return [existing[slug] for slug in slugs]


def ensure_tags() -> list[int]:
    """The ids of the tag pool, most popular first, adding the tags not there yet.

    A tag is found by its slug, as its page is: the demo's "Drought" is the pool's "drought".
    """
    names = tag_names()
    slugs = [Tag().slugify(name) for name in names]
    existing = dict(Tag.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    missing = {slug: name for name, slug in zip(names, slugs, strict=True) if slug not in existing}
    Tag.objects.bulk_create(Tag(name=name, slug=slug) for slug, name in missing.items())
    existing = dict(Tag.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    return [existing[slug] for slug in slugs]


@dataclass
class SeedingJob:
    """Everything a process needs to make and store any batch of the run on its own."""

    generator: StoryGenerator
    first_number: int
    batch_size: int
    section_ids: list[int]
    author_ids: list[int]
    tag_ids: list[int]

    @transaction.atomic
    def insert_batch(self, batch_index: int, count: int) -> int:
        """One batch in three bulk inserts: stories, then their bylines and tags."""
        batch = self.generator.batch(
            batch_index,
            first_number=self.first_number + batch_index * self.batch_size,
            count=count,
        )
        articles = Article.objects.bulk_create(
            Article(
                headline=story.headline,
                slug=story.slug,
                standfirst=story.standfirst,
                dateline=story.dateline,
                body=story.body,
                word_count=story.word_count,
                section_id=self.section_ids[story.section_index],
                status=story.status,
                published_at=story.published_at,
                created_at=story.created_at,
                updated_at=story.updated_at,
            )
            for story in batch
        )
        add_bylines_and_tags(
            (
                article,
                [self.author_ids[index] for index in story.author_indexes],
                [self.tag_ids[index] for index in story.tag_indexes],
            )
            for article, story in zip(articles, batch, strict=True)
        )
        return len(batch)


# The job of a worker process, handed over once when the process starts.
_worker_job: SeedingJob | None = None


def _start_worker(job: SeedingJob) -> None:
    global _worker_job
    _worker_job = job
    # The connection objects came along with the fork; each process opens its own.
    connections.close_all()


def _insert_in_worker(batch: tuple[int, int]) -> int:
    return _worker_job.insert_batch(*batch)


class Command(BaseCommand):
    help = (
        "Add N generated stories (about 700 words, 1-2 bylines, 3 tags with a skewed "
        "popularity, dates spread over years) for benchmarks. Repeatable with --seed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int, help="How many stories to add.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same stories.")
        parser.add_argument(
            "--years", type=int, default=8, help="Publication dates spread over this many years."
        )
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="Processes inserting batches side by side (PostgreSQL only; default: one "
            "per CPU). PostgreSQL indexes every story for search as it is stored, which "
            "costs about a millisecond of its CPU time per story.",
        )

    def handle(self, *args, count: int, seed: int, years: int, batch_size: int, jobs: int, **_):
        started = time.perf_counter()
        section_ids = ensure_sections()
        # Midnight today: the same seed gives the same stories all day long.
        today = timezone.now().astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        job = SeedingJob(
            generator=StoryGenerator(
                seed=seed, now=today, years=years, section_count=len(section_ids)
            ),
            first_number=(Article.objects.aggregate(last=Max("pk"))["last"] or 0) + 1,
            batch_size=batch_size,
            section_ids=section_ids,
            author_ids=ensure_authors(),
            tag_ids=ensure_tags(),
        )
        batches = [
            (index, min(batch_size, count - start))
            for index, start in enumerate(range(0, count, batch_size))
        ]
        # Other processes cannot see rows of an open transaction (as in tests), and SQLite
        # takes one writer at a time.
        parallel = jobs > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block
        with explicit_timestamps(Article, "created_at", "updated_at"):
            if parallel:
                connections.close_all()
                with multiprocessing.get_context("fork").Pool(
                    jobs, initializer=_start_worker, initargs=(job,)
                ) as pool:
                    self.follow(pool.imap_unordered(_insert_in_worker, batches), count)
            else:
                self.follow((job.insert_batch(*batch) for batch in batches), count)
        refresh_planner_statistics(Article, Byline, TaggedArticle, Tag, Author, Section)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {count} stories in {elapsed:.1f} s "
                f"({count / elapsed if elapsed else 0:.0f} stories a second)."
            )
        )

    def follow(self, inserted: Iterable[int], count: int) -> None:
        """Show a progress bar while the batches are stored."""
        with tqdm(total=count, unit=" stories", file=sys.stderr) as progress:
            for stories in inserted:
                progress.update(stories)
