"""Story pages and story cards, rendered when a story changes instead of when a reader asks.

What a story page shows the same to every reader (headline, byline, dateline, body, picture,
corrections, topics, share links, structured data) and each card other pages list it with are
rendered here and kept in ``readers.PreparedStory``, with the related posts chosen for it. A
reader's request reads them as text: no template, no body, no bylines or tags to fetch.

Stories are prepared after the step that changed them commits (``readers/freshness.py``),
or in the background when one change touches many (``readers/tasks.py``). A story whose parts
are missing or were rendered by older templates (``FORMAT``) is rendered on the request, as
before, so nothing a reader gets ever depends on preparation having run.
"""

import functools
from contextlib import suppress
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.xmlutils import UnserializableContentError

from articles import languages
from articles.addresses import site_url
from articles.calendars import localised_digits
from articles.images import jpeg_rendition_url
from articles.models import Article
from readers.feed_items import WRITERS, write_item
from readers.models import PreparedStory, RelatedStory
from readers.related import related_articles
from readers.story import news_article_json_ld, share_links, with_dateline

# Raise it whenever a template under templates/prepared/ or includes/story_card.html changes:
# stories prepared with another number are rendered on the request until prepared again
# (`manage.py prepare_stories`, which deploys run after `migrate`).
FORMAT = 9

# The cards readers' pages list a story with, by name: the options of includes/story_card.html.
CARDS = {
    "list": {"level": 2, "with_image": True, "with_standfirst": True},
    "list_with_section": {
        "level": 2,
        "with_image": True,
        "with_standfirst": True,
        "show_section": True,
    },
    "home": {"level": 3},
    "home_with_image": {"level": 3, "with_image": True},
    "related": {"level": 3, "show_section": True, "without_byline": True},
}
# Cards with a template of their own: the home page's lead and "Latest" list, a search result's
# headline and byline (the page adds the snippet matching the reader's query).
PAGE_CARDS = {
    "lead": "prepared/lead_story.html",
    "latest": "prepared/latest_item.html",
    "search_result": "prepared/search_result.html",
}
# Each story's item in the RSS and Atom feeds (``readers/feed_items.py``), by column.
FEED_ITEMS = tuple(WRITERS)
# What a story's prepared record holds that pages show: a change to any is a change readers see.
SHOWN_PARTS = ("format", "head", "page", "cards", *FEED_ITEMS, "related")
# Saving a story at approval moves its update time a little; only later edits count as updates.
UPDATE_NOTICE_AFTER = timedelta(minutes=5)


def in_story_language(render):
    """``render(article, …)`` in the story's language, whatever the language of the request or
    task that asks: a story's parts are the same wherever they are shown."""

    @functools.wraps(render)
    def rendered(article: Article, *args, **kwargs):
        with translation.override(article.language):
            return render(article, *args, **kwargs)

    return rendered


def for_preparing(stories: QuerySet) -> QuerySet:
    """Everything preparing reads, fetched in a fixed number of queries for any number."""
    translated = Exists(Article.objects.filter(original_id=OuterRef("pk")))
    return (
        stories.for_listing()
        .prefetch_related(
            "corrections",
            Prefetch("tags", to_attr="prefetched_tags"),
            "prefetched_tags__other_names",
        )
        .annotate(is_translated=translated)
    )


def versions_shown(article: Article) -> list[dict]:
    """The versions of ``article``'s news readers may see now, itself included, in the order
    of ``settings.LANGUAGES``: what its language links and ``hreflang`` links name."""
    shown = article.versions().published().only("slug", "published_at", "language")
    return [
        {
            "language": story.language,
            "tag": languages.tag(story.language),
            "name": languages.local_name(story.language),
            "direction": languages.direction(story.language),
            "path": story.get_absolute_url(),
            "url": site_url(story.get_absolute_url()),
        }
        for story in sorted(shown, key=lambda story: languages.CODES.index(story.language))
    ]


def story_context(article: Article) -> dict:
    """What the story page's prepared parts show, the same for every reader."""
    canonical_url = site_url(article.get_absolute_url())
    tags = getattr(article, "prefetched_tags", None)
    published, updated = article.published_at, article.updated_at
    has_versions = article.original_id or getattr(article, "is_translated", True)
    versions = versions_shown(article) if article.is_live and has_versions else []
    return {
        "article": article,
        "SITE_NAME": gettext(settings.SITE_NAME),
        "og_locale": languages.og_locale(article.language),
        "versions": versions if len(versions) > 1 else [],
        "other_versions": [v for v in versions if v["language"] != article.language],
        # Every version names the same page as the default: the first language's, if shown.
        "x_default": versions[0]["url"] if len(versions) > 1 else "",
        "reading_time": ngettext(
            "%(minutes)s min read", "%(minutes)s min read", article.reading_minutes
        )
        % {"minutes": localised_digits(str(article.reading_minutes), article.language)},
        "canonical_url": canonical_url,
        "description": Truncator(article.standfirst or article.headline).chars(200),
        "social_image_url": social_image_url(article),
        "logo_url": site_url(static("img/logo.png")),
        "body": with_dateline(article.body, article.dateline),
        "tags": list(article.tags.all()) if tags is None else tags,
        "corrections": list(article.corrections.all()),
        "share_links": share_links(canonical_url, article.headline),
        "json_ld": news_article_json_ld(article, canonical_url, site_url),
        "was_updated": bool(published and updated - published > UPDATE_NOTICE_AFTER),
    }


@in_story_language
def render_card(article: Article, card: str) -> str:
    """One of ``article``'s cards by name (``CARDS``, ``PAGE_CARDS``) or feed items (column)."""
    if card in FEED_ITEMS:
        return write_item(article, card)
    if card in PAGE_CARDS:
        return render_to_string(PAGE_CARDS[card], {"story": article}).strip()
    context = {"story": article, **CARDS[card]}
    return render_to_string("includes/story_card.html", context).strip()


def related_block(cards: list[str]) -> str:
    """The "Related posts" block of a story page, from its related stories' cards."""
    return render_to_string("prepared/related.html", {"cards": cards}).strip()


@in_story_language
def render_parts(article: Article) -> dict:
    """The head, the page and every card of ``article``, as strings ready to insert."""
    context = story_context(article)
    return {
        "head": render_to_string("prepared/story_head.html", context).strip(),
        "page": render_to_string("prepared/story_page.html", context).strip(),
        "cards": {name: render_card(article, name) for name in (*CARDS, *PAGE_CARDS)},
        **feed_items(article),
    }


def feed_items(article: Article) -> dict[str, str]:
    """``article``'s feed items; one with text XML cannot carry is refused when a feed is read."""
    items = dict.fromkeys(FEED_ITEMS, "")
    for column in FEED_ITEMS:
        with suppress(UnserializableContentError):
            items[column] = write_item(article, column)
    return items


class Preparation(NamedTuple):
    """What ``prepare_stories`` did: the stories prepared, those whose parts changed, and
    those whose card in other stories' related posts changed (a headline, say: a standfirst
    is not on it)."""

    prepared: set[int]
    changed: set[int]
    related_card_changed: set[int]


def prepare_stories(story_ids) -> Preparation:
    """Render and store the parts of the stories readers may see among ``story_ids``.

    Their related posts are chosen at the same time, among stories published now, and
    stored as rendered cards. Stories readers cannot see keep nothing: previews render
    themselves. A story counts as changed if its parts differ from those stored before (or
    it lost them): only the pages showing those need rendering again.
    """
    stories = list(for_preparing(Article.objects.filter(pk__in=story_ids).seen_by_readers()))
    parts = {article.pk: render_parts(article) for article in stories}
    chosen = {article.pk: [story.pk for story in related_articles(article)] for article in stories}
    cards = {pk: mark_safe(story_parts["cards"]["related"]) for pk, story_parts in parts.items()}  # noqa: S308
    others = {pk for ids in chosen.values() for pk in ids} - cards.keys()
    cards |= dict(
        finish_cards(card_rows(Article.objects.filter(pk__in=others), "related"), "related")
    )
    now = timezone.now()
    records = [
        PreparedStory(
            story_id=pk,
            format=FORMAT,
            **parts[pk],
            related=related_block([cards[i] for i in chosen[pk] if i in cards]),
            related_ids=chosen[pk],
            prepared_at=now,
        )
        for pk in parts
    ]
    before = {
        row[0]: row[1:]
        for row in PreparedStory.objects.filter(story_id__in=story_ids).values_list(
            "story_id", *SHOWN_PARTS
        )
    }
    changed = {
        record.story_id
        for record in records
        if before.get(record.story_id) != tuple(getattr(record, name) for name in SHOWN_PARTS)
    } | (before.keys() - parts.keys())
    cards_at = SHOWN_PARTS.index("cards")
    related_card_changed = {
        pk
        for pk in changed & parts.keys() & before.keys()
        if before[pk][cards_at].get("related") != parts[pk]["cards"]["related"]
    }
    with transaction.atomic():
        hidden = PreparedStory.objects.filter(story_id__in=story_ids).exclude(story_id__in=parts)
        hidden.delete()
        PreparedStory.objects.bulk_create(
            records,
            update_conflicts=True,
            unique_fields=["story"],
            update_fields=[*SHOWN_PARTS, "related_ids", "prepared_at"],
        )
        RelatedStory.objects.filter(prepared_id__in=chosen).delete()
        RelatedStory.objects.bulk_create(
            RelatedStory(prepared_id=story_id, story_id=pk, position=position)
            for story_id, ids in chosen.items()
            for position, pk in enumerate(ids)
        )
    return Preparation(
        prepared=set(parts), changed=changed, related_card_changed=related_card_changed
    )


def stories_listing(story_ids) -> set[int]:
    """The stories whose related posts show one of ``story_ids``."""
    listing = RelatedStory.objects.filter(story_id__in=story_ids)
    return set(listing.values_list("prepared_id", flat=True)) - set(story_ids)


def rebuild_related_blocks(story_ids) -> set[int]:
    """Put together again the related posts of ``story_ids`` from the stored cards: a story
    readers can no longer see drops out, one whose card changed shows its new card. The
    stories whose block changed.

    Nothing is chosen again and nothing else of those stories is rendered: the newest stories
    sit in the related posts of thousands of others, and preparing those again cost 12 ms
    each (a minute of CPU for 6,000 on 100,000 stories). Choosing a replacement for a story
    taken down is left to the background.
    """
    records = list(
        PreparedStory.objects.filter(story_id__in=story_ids).only(
            "story_id", "related_ids", "related"
        )
    )
    if not records:
        return set()
    shown = {pk for record in records for pk in record.related_ids}
    cards = dict(published_cards(sorted(shown), "related"))
    blocks: dict[tuple[int, ...], str] = {}  # Many stories show the same newest ones.
    changed = []
    for record in records:
        related_ids = tuple(pk for pk in record.related_ids if pk in cards)
        if related_ids not in blocks:
            blocks[related_ids] = related_block([cards[pk] for pk in related_ids])
        if (list(related_ids), blocks[related_ids]) != (record.related_ids, record.related):
            record.related_ids, record.related = list(related_ids), blocks[related_ids]
            changed.append(record)
    with transaction.atomic():
        PreparedStory.objects.bulk_update(changed, ["related", "related_ids"], batch_size=500)
        RelatedStory.objects.filter(story_id__in=shown - cards.keys()).delete()
    return {record.story_id for record in changed}


def stored(article: Article) -> PreparedStory | None:
    """``article``'s prepared parts if current (read through ``select_related("prepared")``)."""
    try:
        record = article.prepared
    except ObjectDoesNotExist:
        return None
    return record if record.format == FORMAT else None


def page_parts(article: Article, record: PreparedStory | None) -> PreparedStory:
    """The story page's prepared parts: stored, or rendered now (previews) without ``record``."""
    if record is None:
        current = for_preparing(Article.objects.filter(pk=article.pk)).first() or article
        chosen = [story.pk for story in related_articles(current)]
        cards = finish_cards(
            card_rows(Article.objects.filter(pk__in=chosen), "related"), "related", chosen
        )
        record = PreparedStory(
            **render_parts(current),
            related=related_block([card for _pk, card in cards]),
            related_ids=chosen,
        )
    return record


def published_cards(story_ids: list[int], card: str) -> list[tuple[int, SafeString]]:
    """(id, card) for those of ``story_ids`` readers may see now, in that order."""
    published = Article.objects.published().filter(pk__in=story_ids)
    return finish_cards(card_rows(published, card), card, story_ids)


def card_rows(stories: QuerySet, card: str) -> QuerySet:
    """``stories`` as (id, format, stored card) rows, for ``finish_cards``: one query."""
    return stories.values_list("pk", "prepared__format", KeyTextTransform(card, "prepared__cards"))


def finish_cards(rows, card: str, order: list[int] | None = None) -> list[tuple[int, SafeString]]:
    """(id, card) for each row of ``card_rows``, in order; cards not stored are rendered.

    Stories not prepared (yet) cost one more query for them all.
    """
    rows = list(rows)
    missing = [pk for pk, format_, html in rows if format_ != FORMAT or not html]
    rendered = {}
    if missing:
        for article in for_preparing(Article.objects.filter(pk__in=missing)):
            rendered[article.pk] = render_card(article, card)
    found = {pk: mark_safe(rendered.get(pk, html)) for pk, _format, html in rows}  # noqa: S308
    return [(pk, found[pk]) for pk in order or [row[0] for row in rows] if pk in found]


def social_image_url(article: Article) -> str:
    image_url = jpeg_rendition_url(article.image_renditions, widest=True)
    return site_url(image_url) if image_url.startswith("/") else image_url
