"""A WordPress post read as a story: its words, state, time, byline, section, tags, addresses.

Nothing here writes; ``imports/importer.py`` stores what ``plan`` returns, in bulk.
"""

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify

from articles.models import Article
from articles.models.old_addresses import normal_path, query_address
from imports.bodies import convert
from imports.wxr import WpItem

# Raise when the way items become stories changes, so a second run rewrites them all.
FORMAT = 1

Status = Article.Status
STATUSES = {
    "publish": (Status.PUBLISHED, False),
    "future": (Status.SCHEDULED, False),
    "draft": (Status.DRAFT, False),
    "pending": (Status.DRAFT, False),
    "private": (Status.DRAFT, True),
    "trash": (Status.DRAFT, True),
}
# A tag of a sanitised body, for counting its words (the parser strip_tags uses is slower).
TAG = re.compile(r"<[^>]*>")
# Letters Pashto writes and Dari does not.
PASHTO_LETTERS = set("ټځڅډړږښګڼېۍ")
# Polylang keeps a post's language as a term of the "language" taxonomy.
LANGUAGE_TERMS = {"en": "en", "fa": "fa-af", "prs": "fa-af", "fa-af": "fa-af", "ps": "ps"}


class Refused(Exception):
    """An item that cannot become a story, and why."""


@dataclass
class StoryPlan:
    """Everything a story made from one post needs, ready to store."""

    key: str
    wp_id: int | None
    digest: str
    headline: str
    slug: str
    standfirst: str
    dateline: str
    body: str
    word_count: int
    language: str
    status: str
    published_at: datetime | None
    trashed: bool
    written_at: datetime
    section: tuple[str, str]  # (category nicename, name), or empty for the default section
    authors: list[tuple[str, str]]  # (login, name) in byline order
    tags: list[tuple[str, str]]  # (slug, name)
    thumbnail: str
    pictures_pending: bool
    old_paths: list[str]
    unknown_shortcodes: dict[str, int] = field(default_factory=dict)
    # Found or made in the newsroom just before the story is stored.
    section_id: int | None = None
    author_ids: list[int] = field(default_factory=list)
    tag_ids: list[int] = field(default_factory=list)


def item_key(item: WpItem) -> str:
    return item.guid or f"wordpress-post:{item.wp_id}"


def digest(item: WpItem) -> str:
    """What a second run compares: every field of the post the story is made from."""
    document = json.dumps([FORMAT, asdict(item)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(document.encode()).hexdigest()


def wordpress_time(gmt: str, local: str) -> datetime | None:
    """A post's time: its UTC column, else its local one read in the newsroom's time zone
    (WordPress leaves the UTC column at zero on drafts)."""
    for text, zone in ((gmt, UTC), (local, ZoneInfo(settings.TIME_ZONE))):
        if text and not text.startswith("0000"):
            try:
                return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
            except ValueError:
                continue
    return None


def language_of(item: WpItem) -> str:
    """Polylang's language term if the post has one, else the script of its words."""
    for domain, nicename, _name in item.terms:
        if domain == "language" and nicename.lower() in LANGUAGE_TERMS:
            return LANGUAGE_TERMS[nicename.lower()]
    text = item.title + " " + item.content[:3000]
    if any("\u0600" <= letter <= "\u06ff" for letter in item.title):
        return "ps" if PASHTO_LETTERS & set(text) else "fa-af"
    return settings.LANGUAGE_CODE


def story_slug(item: WpItem) -> str:
    """The post's own slug when it has one, so date-based permalinks keep working as they
    are; a trashed post's loses WordPress's "__trashed" ending."""
    slug = slugify(unquote(item.post_name).removesuffix("__trashed"), allow_unicode=True)
    slug = slug or slugify(item.title, allow_unicode=True) or "story"
    return slug[:190].strip("-")


def old_paths(item: WpItem) -> list[str]:
    """The addresses the post answered at: its permalink and ``?p=ID``."""
    paths = []
    link = urlsplit(item.link)
    asked = parse_qs(link.query)
    if link.path.strip("/"):
        paths.append(normal_path(link.path))
    elif asked.get("p"):
        paths.append(query_address("p", asked["p"][0]))
    if item.wp_id:
        paths.append(query_address("p", item.wp_id))
    return list(dict.fromkeys(paths))


def plan(item: WpItem) -> StoryPlan:
    """The story for a post, or ``Refused`` with the reason."""
    if not item.title.strip():
        raise Refused("the item has no title")
    if item.status not in STATUSES:
        raise Refused(f"a post in the state “{item.status}” is not a story")
    status, trashed = STATUSES[item.status]
    written_at = wordpress_time(item.post_date_gmt, item.post_date)
    if written_at is None:
        if status in Article.LIVE_STATUSES:
            raise Refused("the post has no publication date")
        written_at = timezone.now()
    body = convert(item.content)
    excerpt = " ".join(strip_tags(item.excerpt).split())
    categories = [(nice, name) for domain, nice, name in item.terms if domain == "category"]
    co_authors = [
        (nice.removeprefix("cap-"), name) for domain, nice, name in item.terms if domain == "author"
    ]
    return StoryPlan(
        key=item_key(item),
        wp_id=int(item.wp_id) if item.wp_id.isdigit() else None,
        digest=digest(item),
        headline=Truncator(" ".join(item.title.split())).chars(200),
        slug=story_slug(item),
        standfirst=Truncator(excerpt).chars(500),
        dateline=body.dateline,
        body=body.html,
        word_count=len(TAG.sub(" ", body.html).split()),
        language=language_of(item),
        status=status,
        published_at=written_at if status in Article.LIVE_STATUSES else None,
        trashed=trashed,
        written_at=written_at,
        section=categories[0] if categories else ("", ""),
        authors=co_authors or [(item.creator, "")],
        tags=[(nice, name) for domain, nice, name in item.terms if domain == "post_tag"],
        thumbnail=item.meta.get("_thumbnail_id", "").strip(),
        pictures_pending=body.has_pictures or bool(item.meta.get("_thumbnail_id")),
        old_paths=old_paths(item),
        unknown_shortcodes=dict(body.unknown_shortcodes),
    )
