"""A story as an IPTC ninjs 2.2 news item: what subscribers' systems read.

The document is made when the story changes (``wire/versions.py``) and stored whole, so the
API sends stored text and never builds an item on a subscriber's request.
"""

import hashlib
import json
from datetime import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from articles import languages
from articles.addresses import site_url
from articles.images import CONTENT_TYPES
from articles.models import Article

SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"
# The fields that say which version an item is, left out of what decides if it changed.
VERSION_FIELDS = ("version", "versioncreated", "pubstatus")


def item_uri(article_id: int) -> str:
    """The item's identifier, which is also where the API answers with it."""
    return site_url(reverse("wire:item", kwargs={"item_id": article_id}))


def timestamp(moment: datetime) -> str:
    return timezone.localtime(moment, timezone.UTC).isoformat(timespec="seconds")


def absolute(address: str) -> str:
    return site_url(address) if address.startswith("/") else address


def story_item(article: Article, *, pubstatus: str) -> dict:
    """Everything subscribers get of ``article`` (fetched by ``stories_for_items``)."""
    language = article.language
    item = {
        "uri": item_uri(article.pk),
        "standard": {"name": "ninjs", "version": "2.2", "schema": SCHEMA},
        "type": "text",
        "representationtype": "full",
        "profile": "newsroom-story",
        "firstcreated": timestamp(article.created_at),
        "contentcreated": timestamp(article.created_at),
        "pubstatus": pubstatus,
        "language": languages.tag(language),
        "headlines": [{"role": "main", "value": article.headline}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": article.body,
                "wordcount": article.word_count,
            }
        ],
        "by": ", ".join(author.name_in(language) for author in article.authors),
        "people": [
            {
                "name": author.name_in(language),
                "rel": "author",
                "literal": author.slug,
                "uri": site_url(author.get_absolute_url()),
            }
            for author in article.authors
        ],
        "subjects": [
            {
                "name": article.section.name_in(language),
                "rel": "section",
                "literal": article.section.slug,
                "uri": site_url(article.section.get_absolute_url()),
            },
            *(
                {"name": tag.name_in(language), "rel": "about", "literal": tag.slug}
                for tag in article.tags.all()
            ),
        ],
        "altids": [
            {"role": "slug", "value": article.slug},
            {"role": "url", "value": site_url(article.get_absolute_url())},
        ],
        "copyrightholder": settings.SITE_NAME,
        "copyrightnotice": f"© {timezone.localtime(article.published_at).year} "
        f"{settings.SITE_NAME}",
    }
    if pubstatus == "withheld":
        item["embargoed"] = timestamp(article.published_at)
    if article.original_id:
        item["altids"].append({"role": "translation-of", "value": item_uri(article.original_id)})
    if article.dateline:
        item["located"] = article.dateline
    if article.standfirst:
        item["descriptions"] = [{"role": "summary", "value": article.standfirst}]
    corrections = [
        {
            "role": correction.kind,
            "value": f"{timestamp(correction.published_at)} {correction.text}",
        }
        for correction in article.corrections.all()
    ]
    if corrections:
        item.setdefault("descriptions", []).extend(corrections)
        item["ednote"] = corrections[-1]["value"]
    if article.image_renditions:
        item["associations"] = [picture(article)]
    return item


def picture(article: Article) -> dict:
    """The story's picture as an associated item, one rendition per stored size and format."""
    renditions = article.image_renditions
    original_width, original_height = renditions["width"], renditions["height"]
    picture_item = {
        "name": "featuremedia",
        "uri": f"{item_uri(article.pk)}#picture",
        "type": "picture",
        "renditions": [
            {
                "name": f"{extension}-{width}",
                "href": absolute(default_storage.url(path)),
                "contenttype": CONTENT_TYPES.get(extension, f"image/{extension}"),
                "width": width,
                "height": round(original_height * width / original_width),
                "sizeinbytes": renditions.get("bytes", {}).get(path, 0),
                "title": article.image_alt,
            }
            for extension in ("jpeg", "webp", "avif")
            for width, path in renditions.get(extension, [])
        ],
        "descriptions": [{"role": "alt", "value": article.image_alt}],
    }
    if article.image_caption:
        picture_item["descriptions"].append({"role": "caption", "value": article.image_caption})
    if article.image_credit:
        picture_item["by"] = article.image_credit
        picture_item["copyrightholder"] = article.image_credit
    return picture_item


def canceled_item(article_id: int, *, language: str) -> dict:
    """What is left of a withdrawn story: its identity and that it must not be used."""
    return {
        "uri": item_uri(article_id),
        "standard": {"name": "ninjs", "version": "2.2", "schema": SCHEMA},
        "type": "text",
        "representationtype": "partial",
        "language": languages.tag(language),
        "pubstatus": "canceled",
        "ednote": "Withdrawn by the agency: remove this story wherever it was used.",
    }


def content_digest(item: dict) -> str:
    """What decides whether a story changed for subscribers: its item without version stamps."""
    content = {key: value for key, value in item.items() if key not in VERSION_FIELDS}
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


def stamped(item: dict, *, version: int, at: datetime) -> str:
    """The item as stored and sent: with its version and when it was made."""
    item = {**item, "version": str(version), "versioncreated": timestamp(at)}
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))
