"""What an import remembers of each item it read, so that running it again is safe."""

from django.db import models
from django.db.models import Q

from articles.models import Article, Author


class ImportedItem(models.Model):
    """One item of an export (a post, an attachment, an author), keyed as the old site knew it.

    A post and an attachment are keyed on their GUID, an author on their login. The digest
    of what was read tells a second run whether the item changed since.
    """

    class Kind(models.TextChoices):
        POST = "post", "post"
        ATTACHMENT = "attachment", "attachment"
        AUTHOR = "author", "author"

    key = models.CharField(max_length=500, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    wp_id = models.BigIntegerField(null=True, blank=True)
    parent_wp_id = models.BigIntegerField(null=True, blank=True)
    digest = models.CharField(max_length=64, blank=True)
    article = models.OneToOneField(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="imported_from"
    )
    author = models.ForeignKey(
        Author, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    data = models.JSONField(default=dict, blank=True)
    pictures_pending = models.BooleanField(default=False)
    article_version = models.PositiveIntegerField(
        default=1,
        help_text="The story's version as the import left it: the desk and the workflow raise "
        "it, so a story changed in the newsroom since is not overwritten.",
    )
    imported_at = models.DateTimeField()

    class Meta:
        # Few indexes: every post of an import adds a row. Attachments are found by their
        # number, the stories still waiting for pictures by the flag.
        indexes = [
            models.Index(fields=["kind", "wp_id"], name="imported_kind_wp_id_idx"),
            models.Index(
                fields=["id"],
                name="imported_pictures_pending_idx",
                condition=Q(pictures_pending=True),
            ),
        ]

    def __str__(self) -> str:
        return self.key
