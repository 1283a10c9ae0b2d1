"""Importing a WordPress export: stories in batches, then their pictures one story at a time.

Posts are read as a stream and stored a batch at a time with bulk inserts in one transaction,
as ``seed_articles`` stores its stories; a batch that fails is stored again one post at a
time, each in its own savepoint, so one bad post is reported and the others go in whole.
Each post is remembered by its GUID with a digest of what was read (``ImportedItem``): a
second run skips what did not change, rewrites what did (through the story's own ``save()``,
so readers' pages and the wire follow), and adds what is new. A story someone changed in the
newsroom since it was imported is left as it is.

Pictures come last, once every attachment of the export has been read (WordPress lists an
attachment before or after the post that shows it): each story with pictures is saved on its
own, in its own transaction, through the same checks and renditions as an upload.
"""

from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models import (
    Article,
    ArticleEvent,
    Byline,
    OldAddress,
    Section,
    Tag,
)
from articles.models.old_addresses import normal_path, query_address
from imports import posts, storing, wxr
from imports.models import ImportedItem
from imports.people_and_terms import Terms, add_old_addresses, chunks
from imports.pictures import MediaFolder
from imports.report import UNCHANGED, Report
from imports.story_pictures import add_pictures

UPDATED = "Updated from the WordPress export ({})"
# Where WordPress serves the site's feed, in each of its formats.
SITE_FEEDS = [
    *(normal_path(f"/feed/{kind}") for kind in ("", "rss2", "rss", "rdf", "atom")),
    *(query_address("feed", kind) for kind in ("rss2", "rss", "rdf", "atom")),
]


@dataclass
class Options:
    media_dir: Path | None = None
    dry_run: bool = False
    batch_size: int = 500
    # Processes storing batches side by side (PostgreSQL only, never in a dry run).
    jobs: int = 1
    category_base: str = "category"
    tag_base: str = "tag"


@dataclass
class Importer:
    options: Options
    report: Report = field(default_factory=Report)

    def __post_init__(self) -> None:
        self.terms = Terms(
            self.report,
            category_base=self.options.category_base,
            tag_base=self.options.tag_base,
        )
        self.media = MediaFolder(self.options.media_dir)
        self.posts: list[wxr.WpItem] = []
        self.attachments: list[wxr.WpItem] = []
        self.channel_terms: list[wxr.WpTerm] = []
        self.channel_authors: list[wxr.WpAuthor] = []
        self.default_section_id: int | None = None
        self.site_feeds_kept = False
        self.workers: storing.Workers | None = None

    def start_workers(self) -> None:
        """Start the processes that store batches, if they can be used: on PostgreSQL, outside
        a transaction (their rows must be seen), never in a dry run. Call it before starting
        any thread (a progress bar's), since the workers are forked."""
        if (
            self.options.jobs > 1
            and not self.options.dry_run
            and connection.vendor == "postgresql"
            and not connection.in_atomic_block
        ):
            self.workers = storing.Workers(self.options.jobs)

    def run(self, source) -> Report:
        """Import everything ``source`` (a binary file) holds; a dry run saves nothing."""
        # A dry run does everything in one transaction and rolls it back; a real one commits
        # each batch and each story's pictures on their own.
        with transaction.atomic() if self.options.dry_run else nullcontext():
            try:
                self._read(source)
            finally:
                if self.workers is not None:
                    for stored in self.workers.finish():
                        self._count(stored)
            add_pictures(self)
            if self.options.dry_run:
                transaction.set_rollback(True)
        return self.report

    # Reading ------------------------------------------------------------------------------

    def _read(self, source) -> None:
        try:
            for found in wxr.read(source):
                if isinstance(found, wxr.WpAuthor):
                    self.channel_authors.append(found)
                elif isinstance(found, wxr.WpTerm):
                    self.channel_terms.append(found)
                elif isinstance(found, wxr.WpSite):
                    self._channel_read()
                elif found.post_type == "post":
                    self.posts.append(found)
                elif found.post_type == "attachment":
                    self.attachments.append(found)
                else:
                    self.report.skipped_types[found.post_type or "untyped item"] += 1
                if len(self.posts) + len(self.attachments) >= self.options.batch_size:
                    self._flush()
        except wxr.TruncatedExport as error:
            self.report.file_problem = (
                f"{error}. Every item before that point was imported; export the site again "
                "and run the import once more to bring in the rest."
            )
        self._channel_read()
        self._flush()

    def _channel_read(self) -> None:
        """The site's authors, categories and tags, before its first item."""
        categories = [term for term in self.channel_terms if term.taxonomy == "category"]
        tags = [term for term in self.channel_terms if term.taxonomy == "post_tag"]
        with transaction.atomic():
            self.terms.add_categories(categories)
            self.terms.add_tags(tags)
            self.terms.add_authors(self.channel_authors)
        self.channel_terms, self.channel_authors = [], []
        if not self.site_feeds_kept:
            add_old_addresses([OldAddress(path=path, feed=True) for path in SITE_FEEDS])
            self.site_feeds_kept = True

    def _flush(self) -> None:
        self._store_attachments(self.attachments)
        self._store_posts(self.posts)
        self.posts, self.attachments = [], []

    # Attachments --------------------------------------------------------------------------

    def _store_attachments(self, items: list[wxr.WpItem]) -> None:
        """Remember each attachment: which file it is, its alt text and caption."""
        rows = {}
        for item in items:
            key = posts.item_key(item)
            rows[key] = ImportedItem(
                key=key,
                kind=ImportedItem.Kind.ATTACHMENT,
                wp_id=int(item.wp_id) if item.wp_id.isdigit() else None,
                parent_wp_id=int(item.post_parent) if item.post_parent.isdigit() else None,
                data={
                    "file": item.meta.get("_wp_attached_file") or item.attachment_url,
                    "alt": item.meta.get("_wp_attachment_image_alt", "").strip(),
                    "caption": strip_tags(item.excerpt).strip(),
                    "title": item.title,
                },
                imported_at=timezone.now(),
            )
        ImportedItem.objects.bulk_create(
            rows.values(),
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["wp_id", "parent_wp_id", "data"],
        )

    # Posts --------------------------------------------------------------------------------

    def _store_posts(self, items: list[wxr.WpItem]) -> None:
        plans: dict[str, posts.StoryPlan] = {}
        for item in items:
            try:
                story = posts.plan(item)
            except posts.Refused as refusal:
                self.report.skipped("stories", str(refusal), guid=posts.item_key(item))
                continue
            if story.key in plans:
                self.report.skipped("stories", "another item has the same GUID", guid=story.key)
                continue
            self.report.unknown_shortcodes.update(story.unknown_shortcodes)
            plans[story.key] = story
        known = {
            row.key: row
            for part in chunks(list(plans))
            for row in ImportedItem.objects.filter(key__in=part)
        }
        new = []
        for key, story in plans.items():
            row = known.get(key)
            if row is None or row.article_id is None:
                new.append(story)
            elif row.digest == story.digest:
                self.report.skipped("stories", UNCHANGED)
            else:
                self._update(row, story)
        if not new:
            return
        self._prepare_terms(new)
        self._free_slugs(new)
        if self.workers is None:
            self._count(storing.store_batch(new))
        else:
            for stored in self.workers.submit(new):
                self._count(stored)

    def _count(self, stored: storing.Stored) -> None:
        self.report.created("stories", stored.created)
        for key, reason in stored.refused:
            self.report.skipped("stories", reason, guid=key)

    def _prepare_terms(self, stories: list[posts.StoryPlan]) -> None:
        """Sections, tags and authors that the channel did not list, made before the batch."""
        self.terms.add_tags(
            [
                wxr.WpTerm("post_tag", slug, name)
                for story in stories
                for slug, name in story.tags
                if slug not in self.terms.tags
            ]
        )
        for story in stories:
            if story.section[0]:
                self.terms.section_for(*story.section)
            for login, name in story.authors:
                if name and login not in self.terms.authors:
                    self.terms.author_for(login, name)
            story.section_id = self._section_id(story)
            story.author_ids = self._author_ids(story)
            story.tag_ids = list(dict.fromkeys(self.terms.tags[slug] for slug, _ in story.tags))

    def _section_id(self, story: posts.StoryPlan) -> int:
        if story.section[0]:
            return self.terms.sections[story.section[0]]
        if self.default_section_id is None:
            section = Section.objects.order_by("position", "name").first()
            if section is None:
                section = Section.objects.create(name="News", slug="news")
                self.report.created("sections")
            self.default_section_id = section.pk
        return self.default_section_id

    def _author_ids(self, story: posts.StoryPlan) -> list[int]:
        found = []
        for login, _name in story.authors:
            if login in self.terms.authors:
                found.append(self.terms.authors[login])
            elif login:
                self.report.warn(
                    story.key, f"unknown author “{login}”: imported without that byline"
                )
        return list(dict.fromkeys(found))

    def _free_slugs(self, stories: list[posts.StoryPlan]) -> None:
        """Give each story a slug no other story has; the post's own where possible."""
        wanted = [story.slug for story in stories]
        taken = set(Article.objects.filter(slug__in=wanted).values_list("slug", flat=True))
        if self.workers is not None:
            taken |= self.workers.slugs_in_flight()
        for story in stories:
            slug, number = story.slug, 1
            while slug in taken or (
                slug != story.slug and Article.objects.filter(slug=slug).exists()
            ):
                number += 1
                slug = f"{story.slug}-{number}"
            taken.add(slug)
            story.slug = slug

    def _update(self, row: ImportedItem, story: posts.StoryPlan) -> None:
        """Rewrite a story whose post changed since the last run, unless edited here since."""
        try:
            with transaction.atomic():
                article = Article.objects.select_for_update().get(pk=row.article_id)
                if article.version != row.article_version:
                    self.report.skipped(
                        "stories",
                        "changed in the newsroom since it was imported; left as it is",
                        guid=story.key,
                    )
                    return
                self._prepare_terms([story])
                before = article.status
                for name in ("headline", "standfirst", "dateline", "body", "language", "status"):
                    setattr(article, name, getattr(story, name))
                article.section_id = story.section_id
                article.published_at = story.published_at
                if story.trashed:
                    article.deleted_at = article.deleted_at or timezone.now()
                else:
                    article.deleted_at = None
                article.save()
                article.byline_set.all().delete()
                for position, author_id in enumerate(story.author_ids):
                    Byline.objects.create(article=article, author_id=author_id, position=position)
                article.tags.set(Tag.objects.filter(pk__in=story.tag_ids))
                ArticleEvent.objects.create(
                    article=article,
                    from_status=before,
                    to_status=article.status,
                    comment=UPDATED.format(story.key),
                )
                add_old_addresses(
                    [OldAddress(path=path, article_id=article.pk) for path in story.old_paths]
                )
                row.digest = story.digest
                row.data = {"thumbnail": story.thumbnail}
                row.pictures_pending = story.pictures_pending
                row.imported_at = timezone.now()
                row.save()
        except DatabaseError as error:
            self.report.skipped("stories", f"could not be updated ({error})", guid=story.key)
            return
        self.report.updated("stories")
