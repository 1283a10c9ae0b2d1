"""The people whose names appear in bylines, with or without an account."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles import languages, pictures
from articles.images import NewsroomImageField, refresh_renditions
from articles.models.querysets import ShownThroughStories
from articles.slugs import unique_slug


class Author(models.Model):
    """A byline: a staff journalist, a guest writer or a wire agency."""

    name = models.CharField(
        _("name"), max_length=150, help_text=_("As printed in the byline: “By: Name”.")
    )
    names = models.JSONField(
        _("names in other languages"),
        default=dict,
        blank=True,
        help_text=_("As printed in bylines of each other language, in its own script."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=160,
        unique=True,
        blank=True,
        help_text=_("Used in the author page's address."),
    )
    bio = models.TextField(
        _("biography"), blank=True, max_length=1000, help_text=_("Two or three sentences.")
    )
    photo = NewsroomImageField(
        _("photo"),
        blank=True,
        help_text=_("A head-and-shoulders portrait: JPEG, PNG, WebP or AVIF."),
    )
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        verbose_name=_("account"),
        help_text=_("Leave empty for guest writers and wire agencies."),
    )

    STORIES_LOOKUP = "bylines"
    objects = ShownThroughStories.as_manager()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Author, self.name, max_length=160, exclude_pk=self.pk)
        # An author's photo is public whenever it is set (articles/pictures.py).
        named_before = self.photo_renditions
        self.photo_renditions = pictures.addressed(
            refresh_renditions(self.photo, self.photo_renditions),
            public=True,
            named_before=named_before,
        )
        super().save(*args, **kwargs)
        pictures.delete_copies_no_longer_named(self, "photo_renditions", named_before)

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})

    def name_in(self, language: str) -> str:
        return languages.name_in(self, language)
