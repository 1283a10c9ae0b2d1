"""What the editorial workflow records about a story: old addresses, audit trail, revisions,
share links."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models.stories import Article


class SlugRedirect(models.Model):
    """An address a published story used before an editor changed its slug."""

    old_slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.article.slug}"


class ArticleEvent(models.Model):
    """The audit trail: who moved a story from which state to which, when, and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    from_status = models.CharField(max_length=20, choices=Article.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Article.Status.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.article}: {self.from_status or '—'} → {self.to_status}"


class ArticleRevision(models.Model):
    """A full snapshot of a story as saved, so any two saves can be compared or restored."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    snapshot = models.JSONField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_number_once"),
        ]

    def __str__(self) -> str:
        return f"Revision {self.number} of “{self.article}”"


class PreviewLink(models.Model):
    """A signed, expiring, revocable address that lets someone without an account read one draft."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Preview link for “{self.article}”"

    def is_valid(self, *, at: datetime | None = None) -> bool:
        return self.revoked_at is None and (at or timezone.now()) < self.expires_at
