"""What each story is on the wire, version by version, and which change each version was.

After any change to a story, its byline, tags or corrections commits, the story's item is
made again (``wire/ninjs.py``). If subscribers would get something different (other words,
another picture, a correction, published, embargoed, withdrawn), it becomes a new version
with the next change number; otherwise nothing happens, so a draft saved a hundred times,
a story in review or a share link never reaches the wire.

What a story is on the wire follows ``Article.objects.published()``: published now is
``usable``; approved for a later time is ``withheld`` until then (only subscribers entitled to
embargoes receive it); anything else, once it had been sent, is ``canceled``.

A scheduled story goes live without being saved. Each API request first releases the
embargoes whose time has come (one indexed query), and with a worker a task scheduled for
that time does the same, so its webhooks leave on time.
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from articles.models import Article, Byline, Correction, TaggedArticle
from wire import ninjs
from wire.models import WireCounter, WireItem

logger = logging.getLogger(__name__)

Status = WireItem.Status


def when_committed(work, using=None) -> None:
    """Run ``work`` once the change commits (the tests run it before their next request)."""
    transaction.on_commit(work, using=using)


def story_touched(sender, instance, raw=False, using=None, **kwargs) -> None:
    """Signal receiver: a story or one of its parts was saved or deleted."""
    if raw:
        return
    if isinstance(instance, Article):
        article_id = instance.pk
    elif isinstance(instance, TaggedArticle):
        article_id = instance.content_object_id
    elif isinstance(instance, Byline | Correction):
        article_id = instance.article_id
    else:
        return
    when_committed(partial(record_safely, article_id), using=using)


def tags_touched(sender, instance, action, reverse, pk_set, using=None, **kwargs) -> None:
    """Signal receiver (``m2m_changed``): tags added to or taken from stories at once."""
    if not action.startswith("post_"):
        return
    article_ids = (pk_set or set()) if reverse else {instance.pk}
    for article_id in article_ids:
        when_committed(partial(record_safely, article_id), using=using)


def record_safely(article_id: int) -> None:
    """``record`` after a commit: the editor's step is done, and a failure must not undo it.

    A failure is logged; the story's next change, or the next ``release_due``, records it.
    """
    try:
        record(article_id)
    except Exception:
        logger.exception("The wire could not record story %s", article_id)


def wire_status(article_id: int) -> str | None:
    """What readers' rule makes of the story for subscribers now."""
    if Article.objects.published().filter(pk=article_id).exists():
        return Status.USABLE
    if Article.objects.embargoed().filter(pk=article_id).exists():
        return Status.WITHHELD
    return None


def locked_counter() -> WireCounter:
    """The change counter, locked until the transaction ends (made again if a test emptied
    the tables its migration filled)."""
    return WireCounter.objects.select_for_update().get_or_create(pk=1)[0]


def record(article_id: int) -> WireItem | None:
    """Make the story's item again; store and announce it if subscribers would see a change.

    Returns the new version, or None when nothing changed for subscribers.
    """
    from wire import tasks, webhooks

    with transaction.atomic():
        counter = locked_counter()
        item = WireItem.objects.filter(article_id=article_id).first()
        status = wire_status(article_id)
        if status is None:
            if item is None or item.pubstatus == Status.CANCELED:
                return None
            document = ninjs.canceled_item(article_id, language=item.language)
            article = None
        else:
            article = stories_for_items().get(pk=article_id)
            document = ninjs.story_item(article, pubstatus=status)
        digest = ninjs.content_digest(document)
        if item is not None and item.pubstatus == status and item.content_digest == digest:
            return None
        previous_status = item.pubstatus if item else None
        counter.value += 1
        counter.save(update_fields=["value"])
        item = item or WireItem(article_id=article_id)
        next_version(item, article, status or Status.CANCELED, document, digest, counter.value)
        item.save()
        event = event_of(previous_status, item.pubstatus)
        when_committed(partial(webhooks.announce, item, event))
        if status == Status.WITHHELD:
            when_committed(partial(tasks.release_at, article_id, item.embargoed_until))
    return item


def next_version(
    item: WireItem,
    article: Article | None,
    status: str,
    document: dict,
    digest: str,
    sequence: int,
) -> None:
    """Make ``item`` (unsaved) the story's next version, change number ``sequence``.

    ``article`` is None for a withdrawal, which keeps the language and section it had.
    """
    now = timezone.now()
    item.sequence = sequence
    item.version = (item.version or 0) + 1
    item.pubstatus = status
    if article is not None:
        item.language = article.language
        item.section_id = article.section_id
    item.embargoed_until = article.published_at if status == Status.WITHHELD else None
    item.was_usable = item.was_usable or status == Status.USABLE
    item.content_digest = digest
    item.document = ninjs.stamped(document, version=item.version, at=now)
    item.changed_at = now


def event_of(previous_status: str | None, status: str) -> str:
    """The webhook event a move from ``previous_status`` to ``status`` is."""
    if status == Status.CANCELED:
        return "item.canceled"
    if status == Status.WITHHELD:
        return "item.embargoed"
    return "item.updated" if previous_status == Status.USABLE else "item.published"


def stories_for_items():
    """Stories with everything their item shows, in a fixed number of queries."""
    return Article.objects.for_listing().prefetch_related("tags__other_names", "corrections")


def release_due() -> None:
    """Record the embargoed stories whose time has come: they are now usable."""
    for article_id in due_embargoes(timezone.now()).values_list("article_id", flat=True):
        record_safely(article_id)


def due_embargoes(now) -> QuerySet[WireItem]:
    """Withheld items whose embargo has ended by ``now``."""
    return WireItem.objects.filter(pubstatus=Status.WITHHELD, embargoed_until__lte=now)


def record_missing(batch: int = 500) -> int:
    """Record every published or embargoed story the wire has no item for; how many.

    For stories that reached the database without a save the wire heard (an existing archive
    when the wire is installed, ``seed_articles``). Each batch is one transaction.
    """
    on_wire = Article.objects.published() | Article.objects.embargoed()
    missing = on_wire.filter(wire_item__isnull=True).order_by("pk").values_list("pk", flat=True)
    recorded = 0
    while ids := list(missing[:batch]):
        with transaction.atomic():
            counter = locked_counter()
            made = []
            for article in stories_for_items().filter(pk__in=ids).order_by("pk"):
                status = Status.USABLE if article.is_live else Status.WITHHELD
                document = ninjs.story_item(article, pubstatus=status)
                counter.value += 1
                item = WireItem(article_id=article.pk)
                digest = ninjs.content_digest(document)
                next_version(item, article, status, document, digest, counter.value)
                made.append(item)
            WireItem.objects.bulk_create(made)
            counter.save(update_fields=["value"])
        recorded += len(made)
    return recorded
