"""``manage.py import_wordpress EXPORT.xml``: move a WordPress site's posts into the newsroom."""

import os
import resource
import sys
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from articles.bulk import refresh_planner_statistics
from articles.models import Article, Author, Byline, OldAddress, Section, Tag, TaggedArticle
from imports.importer import Importer, Options
from imports.models import ImportedItem


class ReadProgress:
    """A file whose reads move a progress bar: the export's size is known, its items not."""

    def __init__(self, file, progress: tqdm):
        self.file, self.progress = file, progress

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.progress.update(len(data))
        return data


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export, all content): posts as stories, users and "
        "co-authors as authors, categories as sections, tags, pictures from --media-dir, and "
        "every old address as a redirect. Safe to run again: it updates what changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("export", type=Path, help="The WXR file WordPress exported.")
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="The old site's wp-content/uploads folder, copied from its server.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read everything and report; save nothing."
        )
        parser.add_argument("--batch-size", type=int, default=500, help="Posts stored at once.")
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="Processes storing batches side by side (PostgreSQL only; default: one per "
            "CPU). PostgreSQL indexes every story for search as it is stored.",
        )
        parser.add_argument(
            "--defer-preparation",
            action="store_true",
            help="Leave preparing readers' pages and the wire to `prepare_stories` and "
            "`record_wire_items`, run afterwards (readers get unprepared stories rendered on "
            "request meanwhile).",
        )
        parser.add_argument(
            "--category-base",
            default="category",
            help="The old site's category base (Settings → Permalinks), if it was changed.",
        )
        parser.add_argument(
            "--tag-base", default="tag", help="The old site's tag base, if it was changed."
        )

    def handle(self, *args, export, media_dir, dry_run, batch_size, **options):
        # Paths typed on the command line, or given by call_command as they are.
        export = Path(export)
        media_dir = Path(media_dir) if media_dir else None
        if not export.is_file():
            raise CommandError(f"There is no file at {export}.")
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"There is no folder at {media_dir}.")
        importer = Importer(
            Options(
                media_dir=media_dir,
                dry_run=dry_run,
                batch_size=batch_size,
                jobs=options["jobs"],
                category_base=options["category_base"],
                tag_base=options["tag_base"],
            )
        )
        started = time.perf_counter()
        importer.start_workers()
        with (
            export.open("rb") as file,
            tqdm(
                total=export.stat().st_size,
                unit="B",
                unit_scale=True,
                file=sys.stderr,
                disable=options["verbosity"] < 1,
            ) as progress,
        ):
            report = importer.run(ReadProgress(file, progress))
        elapsed = time.perf_counter() - started
        for line in report.lines(dry_run=dry_run):
            self.stdout.write(line)
        stories = sum(report.counts["stories"].values())
        # Kilobytes on Linux: the most this process held at once, however long the export.
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"Read {stories} posts in {elapsed:.1f} s ({stories / elapsed if elapsed else 0:.0f} "
            f"posts a second); peak memory {peak:.0f} MB."
        )
        if dry_run or not report.changed_anything():
            return
        # Fresh rows without statistics make the planner pick plans for empty tables.
        refresh_planner_statistics(
            Article, Byline, TaggedArticle, Tag, Author, Section, OldAddress, ImportedItem
        )
        if options["defer_preparation"]:
            self.stdout.write(
                "Now run `manage.py prepare_stories` and `manage.py record_wire_items`."
            )
            return
        # Stories stored in bulk were not saved one by one: prepare what readers' pages and
        # the wire need of them, as after seed_articles.
        started = time.perf_counter()
        call_command("prepare_stories", stdout=self.stdout, verbosity=options["verbosity"])
        call_command("record_wire_items", stdout=self.stdout)
        self.stdout.write(
            f"Readers' pages and the wire ready in {time.perf_counter() - started:.1f} s."
        )
