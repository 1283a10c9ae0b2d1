"""``manage.py seed_articles N``: add N generated stories, fast, for benchmarks."""

import itertools
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from tqdm import tqdm

from accounts.models import Author
from articles.models import Article, Byline, Section, TaggedArticle
from articles.seeding import (
    DEFAULT_SECTIONS,
    SeededStory,
    StoryGenerator,
    author_names,
    tag_names,
)


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
    """The ids of the tag pool, most popular first, adding the tags not there yet."""
    names = tag_names()
    existing = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
    Tag.objects.bulk_create(
        Tag(name=name, slug=slugify(name)) for name in names if name not in existing
    )
    existing = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
    return [existing[name] for name in names]


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

    def handle(self, *args, count: int, seed: int, years: int, batch_size: int, **options):
        started = time.perf_counter()
        section_ids = ensure_sections()
        author_ids = ensure_authors()
        tag_ids = ensure_tags()
        # Midnight today: the same seed gives the same stories all day long.
        today = timezone.now().astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        generator = StoryGenerator(
            seed=seed, now=today, years=years, section_count=len(section_ids)
        )
        first_number = (Article.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        stories = generator.stories(count, first_number=first_number)
        with (
            explicit_timestamps(Article, "created_at", "updated_at"),
            tqdm(total=count, unit=" stories", file=sys.stderr) as progress,
        ):
            for batch in itertools.batched(stories, batch_size):
                self.insert(batch, section_ids, author_ids, tag_ids)
                progress.update(len(batch))
        refresh_planner_statistics(Article, Byline, TaggedArticle, Tag, Author, Section)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {count} stories in {elapsed:.1f} s "
                f"({count / elapsed if elapsed else 0:.0f} stories a second)."
            )
        )

    @transaction.atomic
    def insert(
        self,
        batch: tuple[SeededStory, ...],
        section_ids: list[int],
        author_ids: list[int],
        tag_ids: list[int],
    ) -> None:
        """One batch in three bulk inserts: stories, then their bylines and their tags."""
        articles = Article.objects.bulk_create(
            Article(
                headline=story.headline,
                slug=story.slug,
                standfirst=story.standfirst,
                dateline=story.dateline,
                body=story.body,
                word_count=story.word_count,
                section_id=section_ids[story.section_index],
                status=story.status,
                published_at=story.published_at,
                created_at=story.created_at,
                updated_at=story.updated_at,
            )
            for story in batch
        )
        Byline.objects.bulk_create(
            Byline(article_id=article.pk, author_id=author_ids[index], position=position)
            for article, story in zip(articles, batch, strict=True)
            for position, index in enumerate(story.author_indexes)
        )
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object_id=article.pk, tag_id=tag_ids[index])
            for article, story in zip(articles, batch, strict=True)
            for index in story.tag_indexes
        )
