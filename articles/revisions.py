"""Snapshots of a story: every save and transition keeps one, so nothing typed is ever lost.

A small model of our own (``ArticleRevision`` with a JSON snapshot) rather than
django-reversion: a story's history needs its bylines in order and its tags by name, and
restoring must create a new revision instead of rewriting rows, which is a few lines here.
"""

import difflib
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Max
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, ArticleRevision, Author, Byline, Section

# Snapshot keys in the order a diff lists them, with the words people use for them.
FIELD_LABELS = {
    "headline": "Headline",
    "slug": "Address (slug)",
    "standfirst": "Standfirst",
    "dateline": "Dateline",
    "section": "Section",
    "bylines": "Bylines",
    "tags": "Tags",
    "body": "Body",
    "image": "Featured image",
    "image_alt": "Alt text",
    "image_caption": "Caption",
    "image_credit": "Credit",
    "status": "Status",
}
TEXT_FIELDS = ["headline", "slug", "standfirst", "dateline", "body"]
IMAGE_TEXT_FIELDS = ["image_alt", "image_caption", "image_credit"]


def snapshot(article: Article) -> dict:
    """Everything a reader would see of the story, in plain JSON."""
    bylines = Byline.objects.filter(article=article).select_related("author")
    return {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "dateline": article.dateline,
        "body": article.body,
        "section": {"id": article.section_id, "name": str(article.section)},
        "bylines": [{"id": b.author_id, "name": b.author.name} for b in bylines],
        "tags": sorted(article.tags.names()),
        "image": article.image.name or "",
        "image_alt": article.image_alt,
        "image_caption": article.image_caption,
        "image_credit": article.image_credit,
        "status": article.status,
        "version": article.version,
    }


def record(
    article: Article, *, by: AbstractBaseUser | None, note: str = "", data: dict | None = None
) -> ArticleRevision:
    """Store the next revision: the story as it is now, or ``data`` when given."""
    last = article.revisions.aggregate(last=Max("number"))["last"] or 0
    return ArticleRevision.objects.create(
        article=article,
        number=last + 1,
        created_by=by if by and by.is_authenticated else None,
        snapshot=data if data is not None else snapshot(article),
        note=note[:200],
    )


def at_version(article: Article, version: int) -> dict | None:
    """The snapshot of the story as it was at ``version``, when one was kept."""
    revision = (
        article.revisions.filter(snapshot__version=version).exclude(note__startswith="Conflict")
    ).first()
    return revision.snapshot if revision else None


def display_value(key: str, value) -> str:
    """A snapshot value as the plain text a person compares."""
    if key == "section":
        return (value or {}).get("name", "")
    if key == "bylines":
        return ", ".join(byline["name"] for byline in value or [])
    if key == "tags":
        return ", ".join(value or [])
    if key == "status":
        return Article.Status(value).label if value else ""
    if key == "body":
        # One paragraph per line, tags removed: editors compare words, not markup.
        text = (value or "").replace("</p>", "</p>\n").replace("<br>", "\n")
        return strip_tags(text).strip()
    return str(value or "")


@dataclass(frozen=True)
class FieldChange:
    key: str
    label: str
    before: SafeString
    after: SafeString


def changed_fields(old: dict, new: dict) -> list[str]:
    """The labels of the fields that differ between two snapshots."""
    return [
        label
        for key, label in FIELD_LABELS.items()
        if display_value(key, old.get(key)) != display_value(key, new.get(key))
    ]


def _marked_words(before: str, after: str) -> tuple[SafeString, SafeString]:
    """Word-level diff, escaped, with removals in <del> and additions in <ins>."""
    old_words, new_words = before.split(" "), after.split(" ")
    old_out, new_out = [], []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part = escape(" ".join(old_words[i1:i2]))
        new_part = escape(" ".join(new_words[j1:j2]))
        if op == "equal":
            old_out.append(old_part)
            new_out.append(new_part)
            continue
        if old_part:
            old_out.append(f"<del>{old_part}</del>")
        if new_part:
            new_out.append(f"<ins>{new_part}</ins>")
    return mark_safe(" ".join(old_out)), mark_safe(" ".join(new_out))  # noqa: S308 - escaped above


def diff(old: dict, new: dict) -> list[FieldChange]:
    """What changed between two snapshots, field by field, ready to show side by side."""
    changes = []
    for key, label in FIELD_LABELS.items():
        before, after = display_value(key, old.get(key)), display_value(key, new.get(key))
        if before != after:
            changes.append(FieldChange(key, label, *_marked_words(before, after)))
    return changes


def apply_snapshot(article: Article, data: dict) -> None:
    """Put a snapshot's content back on the story and save it; the caller records the result.

    Authors or sections deleted since the snapshot are skipped rather than failing the restore.
    """
    for key in TEXT_FIELDS + IMAGE_TEXT_FIELDS:
        setattr(article, key, data.get(key, ""))
    article.image.name = data.get("image") or ""
    section_id = (data.get("section") or {}).get("id")
    if Section.objects.filter(pk=section_id).exists():
        article.section_id = section_id
    article.save()
    author_ids = [byline["id"] for byline in data.get("bylines", [])]
    existing = set(Author.objects.filter(pk__in=author_ids).values_list("pk", flat=True))
    Byline.objects.filter(article=article).delete()
    Byline.objects.bulk_create(
        Byline(article=article, author_id=author_id, position=position)
        for position, author_id in enumerate(a for a in author_ids if a in existing)
    )
    article.tags.set(data.get("tags", []))
