"""Addresses a story, section, tag or author had on the site the newsroom moved from.

A newsroom that moves keeps every link to its archive working: search engines, other sites
and readers' bookmarks name the old addresses. Each row maps one old address to what it
showed; the readers' site answers it with a permanent redirect to the new page
(``readers/old_addresses.py``) while readers may see that page.
"""

from urllib.parse import unquote

from django.db import models
from django.db.models import Q

from articles.models.authors import Author
from articles.models.stories import Article, Section, Tag

# The old site's query addresses that name a page, kept as "?name=value".
QUERY_NAMES = ("p", "page_id", "cat", "tag", "author", "feed")


def normal_path(path: str) -> str:
    """An address as it is stored and looked up: percent-decoded, no trailing slash.

    A link may name the same page with a Dari slug percent-encoded or not, and with or
    without its last slash; both forms find the one row.
    """
    decoded = unquote(path).strip()
    if not decoded.startswith(("/", "?")):
        decoded = "/" + decoded
    return decoded.rstrip("/") or "/"


def query_address(name: str, value: str) -> str:
    """The stored form of a query address such as ``/?p=123``."""
    return f"?{name}={value.strip()}"


class OldAddress(models.Model):
    """One address of the old site and the page now at a new one (or its feed)."""

    path = models.CharField(
        max_length=500,
        unique=True,
        help_text="The old path, percent-decoded without its last slash, or ?p=ID and the like.",
    )
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="old_addresses",
        db_index=False,
    )
    section = models.ForeignKey(
        Section,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="old_addresses",
        db_index=False,
    )
    tag = models.ForeignKey(
        Tag,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="old_addresses",
        db_index=False,
    )
    author = models.ForeignKey(
        Author,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="old_addresses",
        db_index=False,
    )
    feed = models.BooleanField(
        default=False,
        help_text="The old address was a feed: it leads to the feed of what it names "
        "(the site's feed when it names nothing).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "old address"
        verbose_name_plural = "old addresses"
        # Each row names one thing: an index of the rows naming each kind, not of the NULLs
        # the other three columns hold (four full indexes made the import's inserts slower).
        indexes = [
            models.Index(
                fields=[name],
                name=f"old_address_{name}_idx",
                condition=Q(**{f"{name}__isnull": False}),
            )
            for name in ("article", "section", "tag", "author")
        ]
        constraints = [
            models.CheckConstraint(
                name="old_address_names_one_thing",
                condition=(
                    Q(article__isnull=False, section=None, tag=None, author=None)
                    | Q(article=None, section__isnull=False, tag=None, author=None)
                    | Q(article=None, section=None, tag__isnull=False, author=None)
                    | Q(article=None, section=None, tag=None, author__isnull=False)
                    | Q(article=None, section=None, tag=None, author=None, feed=True)
                ),
            )
        ]

    def __str__(self) -> str:
        return self.path
