"""Stories, the sections they appear in, their bylines and corrections."""

import math
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import ItemBase, NaturalKeyManager
from taggit.models import Tag as TaggitTag

from articles import languages, pictures
from articles.images import NewsroomImageField, refresh_renditions
from articles.models.authors import Author
from articles.models.querysets import ArticleQuerySet, ShownThroughStories
from articles.sanitize import sanitize_html
from articles.slugs import unique_slug

WORDS_READ_PER_MINUTE = 230


class Section(models.Model):
    """A desk of the newsroom and a part of the site: National, World, Business, …"""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("One sentence shown on the section's page."),
    )
    names = models.JSONField(
        _("names in other languages"),
        default=dict,
        blank=True,
        help_text=_("The section's name on the pages of each other language."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in the site's navigation, smallest first.")
    )

    STORIES_LOOKUP = "section"
    objects = ShownThroughStories.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section", kwargs={"slug": self.slug})

    def name_in(self, language: str) -> str:
        return languages.name_in(self, language)


class Tag(TaggitTag):
    """A topic, stored as django-taggit's tag, whose address always has a slug.

    taggit makes the slug from the name's letters and digits, so a name of punctuation
    alone ("!!!") got an empty slug and a page with no address. Every tag a story gets
    comes through this class, so this one rule makes every tag's slug.
    """

    STORIES_LOOKUP = "tags"
    # taggit's natural keys (fixtures, serialisation) kept beside readers' visibility.
    objects = NaturalKeyManager.from_queryset(ShownThroughStories)()

    class Meta:
        proxy = True

    def slugify(self, tag: str, i: int | None = None) -> str:
        slug = super().slugify(tag) or "tag"
        return slug if i is None else f"{slug}_{i}"

    def name_in(self, language: str) -> str:
        """taggit's tag has no column to spare: its other names are rows of ``TagName``
        (``readers.subjects.tag_name_in`` reads one in the query that finds a tag's page)."""
        if language == settings.LANGUAGE_CODE:
            return self.name
        names = {row.language: row.name for row in self.other_names.all()}
        return names.get(language) or self.name


class TagName(models.Model):
    """A tag's name on the pages of another language than the site's first."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="other_names")
    language = models.CharField(max_length=12, choices=languages.OTHER_LANGUAGES)
    name = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tag", "language"], name="tag_name_once_per_language")
        ]

    def __str__(self) -> str:
        return self.name


class TaggedArticle(ItemBase):
    """Tags on stories, through a real foreign key (django-taggit's recommended set-up)."""

    tag = models.ForeignKey(
        Tag, related_name="%(app_label)s_%(class)s_items", on_delete=models.CASCADE
    )
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)
    # The story's publication time, copied on every save of either (as on bylines), so the
    # newest stories of a tag come from one index however many stories carry it.
    published_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        indexes = [
            models.Index(fields=["tag", "-published_at"], name="tagged_tag_published_idx"),
        ]

    def save(self, *args, **kwargs):
        self.published_at = self.content_object.published_at
        super().save(*args, **kwargs)


class Article(models.Model):
    """A story, from first draft to publication and after."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        SENT_BACK = "sent_back", _("Sent back")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    LIVE_STATUSES = (Status.SCHEDULED, Status.PUBLISHED)

    language = models.CharField(
        _("language"),
        max_length=12,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the story is written in; its pages are that language's."),
    )
    original = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        editable=False,
        help_text=_(
            "The story this one translates: the two and its other translations tell "
            "the same news, each in its own language, each reviewed and published on its own."
        ),
    )
    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        allow_unicode=True,
        help_text=_(
            "The story's address. Made from the headline if left empty; "
            "changing it after publication keeps the old address working as a redirect."
        ),
    )
    standfirst = models.TextField(
        _("standfirst"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences under the headline that say what the story is about."),
    )
    dateline = models.CharField(
        _("dateline"),
        max_length=60,
        blank=True,
        help_text=_("Where the story was filed from, in capitals, e.g. KABUL."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Paragraphs, headings, lists, links, bold and italic, quotes and figures. "
            "Anything else is removed when the story is saved."
        ),
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="articles", verbose_name=_("section")
    )
    bylines = models.ManyToManyField(
        Author, through="Byline", related_name="articles", help_text=_("In the order printed.")
    )
    tags = TaggableManager(
        _("tags"),
        through=TaggedArticle,
        blank=True,
        help_text=_("Separate tags with commas: water, farming, Balkh."),
    )

    image = NewsroomImageField(
        _("picture"),
        blank=True,
        width_field="image_width",
        height_field="image_height",
        help_text=_("JPEG, PNG, WebP or AVIF, at least 1280 pixels wide for a sharp picture."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the picture shows, for readers who cannot see it. Required with an image."
        ),
    )
    image_caption = models.CharField(_("caption"), max_length=300, blank=True)
    image_credit = models.CharField(
        _("credit"), max_length=120, blank=True, help_text=_("Photographer or agency.")
    )
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)

    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the story goes (or went) live. Set by an editor's approval."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories_created",
        editable=False,
        help_text=_("The journalist who owns the story."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text=_("Raised on every save, to refuse stale edits.")
    )
    deleted_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text=_("Set when the story is in the trash.")
    )
    word_count = models.PositiveIntegerField(default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        # A newsroom writes stories: the desk says so everywhere ("Add story", "Stories").
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            # Every public listing: live stories, newest first.
            models.Index(
                fields=["language", "-published_at"],
                name="article_live_idx",
                condition=Q(status__in=["scheduled", "published"], deleted_at__isnull=True),
            ),
            models.Index(
                fields=["section", "language", "-published_at"],
                name="article_section_live_idx",
                condition=Q(status__in=["scheduled", "published"], deleted_at__isnull=True),
            ),
            models.Index(fields=["status", "-updated_at"], name="article_status_idx"),
            # The desk's list in its default order, and its date bar's first and last dates,
            # over every story whatever its status.
            models.Index(fields=["-published_at"], name="article_published_idx"),
        ]
        permissions = [
            ("edit_any_article", "Can edit any story, whoever wrote it and whatever its status"),
            ("publish_article", "Can approve, schedule and publish stories"),
            ("send_back_article", "Can send stories back to their journalist"),
            ("unpublish_article", "Can unpublish stories"),
            ("restore_article", "Can restore stories from the trash and restore revisions"),
            ("share_preview", "Can create and revoke preview links to unpublished stories"),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                Article, self.headline, max_length=200, exclude_pk=self.pk, allow_unicode=True
            )
        self.body = sanitize_html(self.body)
        self.word_count = len(strip_tags(self.body).split())
        named_before = self.image_renditions
        self.image_renditions = pictures.addressed(
            refresh_renditions(self.image, self.image_renditions),
            public=self.is_live_or_scheduled,
            named_before=named_before,
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and self.image_renditions != named_before:
            # A workflow step saves the fields it changes; where its picture is follows them.
            kwargs["update_fields"] = {*update_fields, "image_renditions"}
        if self.pk is not None:
            # Before the save, so whatever follows the story's post_save finds them in step.
            for copies in (self.byline_set, self.taggedarticle_set):
                copies.exclude(published_at=self.published_at).update(
                    published_at=self.published_at
                )
        super().save(*args, **kwargs)
        pictures.delete_copies_no_longer_named(self, "image_renditions", named_before)

    def get_absolute_url(self) -> str:
        when = self.published_at or self.created_at or timezone.now()
        return self.address(self.slug, when, self.language)

    @staticmethod
    def address(slug: str, published_at: datetime, language: str) -> str:
        """A story's public address, /YYYY/MM/DD/slug/ dated in the site's time zone, under
        its language's prefix (none for the first language)."""
        when = timezone.localtime(published_at)
        with translation.override(language):
            return reverse(
                "articles:detail",
                kwargs={
                    "year": f"{when.year:04d}",
                    "month": f"{when.month:02d}",
                    "day": f"{when.day:02d}",
                    "slug": slug,
                },
            )

    @property
    def translation_group(self) -> int:
        """The id every version of the same news shares: the original's."""
        return self.original_id or self.pk

    def versions(self) -> "ArticleQuerySet":
        """This story and every translation of the same news, whatever their states."""
        group = self.translation_group
        return Article.objects.filter(Q(pk=group) | Q(original_id=group))

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the picture for readers who cannot see it.")}
            )

    @property
    def is_live(self) -> bool:
        return self.is_live_or_scheduled and self.published_at <= timezone.now()

    @property
    def is_live_or_scheduled(self) -> bool:
        """In ``published()`` now, or going live by itself at its time: its pictures are public."""
        return (
            self.status in self.LIVE_STATUSES
            and self.deleted_at is None
            and self.published_at is not None
        )

    @property
    def current_status(self) -> str:
        """The status as people speak of it: a scheduled story whose time has come is published."""
        if self.status == self.Status.SCHEDULED and self.is_live:
            return self.Status.PUBLISHED
        return self.status

    def get_current_status_display(self) -> str:
        return self.Status(self.current_status).label

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_READ_PER_MINUTE))

    @property
    def authors(self) -> list[Author]:
        """Bylines in printed order; uses the prefetch from ``for_listing()`` when present."""
        return [byline.author for byline in self.byline_set.all()]


class Byline(models.Model):
    """One author's place in a story's byline."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    author = models.ForeignKey(Author, on_delete=models.PROTECT, verbose_name=_("author"))
    position = models.PositiveSmallIntegerField(default=0)
    # The story's publication time, copied on every save of either, so an author's page reads
    # their newest stories in order from one index however large the archive grows.
    published_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_author_once"),
        ]
        indexes = [
            models.Index(fields=["author", "-published_at"], name="byline_author_published_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.author} on “{self.article}”"

    def save(self, *args, **kwargs):
        self.published_at = self.article.published_at
        super().save(*args, **kwargs)


class Correction(models.Model):
    """A dated note an editor appends to a published story; it is never edited away silently."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(
        _("text"), help_text=_("What was wrong and what is right, in plain words.")
    )
    published_at = models.DateTimeField(_("publication time"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["published_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on “{self.article}”"

    def save(self, *args, **kwargs) -> None:
        """Saving a correction changes the story: its modified time (JSON-LD ``dateModified``,
        sitemap ``lastmod``, feeds' ``updated``) moves, whichever way the correction came in."""
        super().save(*args, **kwargs)
        Article.objects.filter(pk=self.article_id).update(updated_at=timezone.now())
