"""The API's queries, compiled once per process and shape (``articles/statements.py``).

Building a queryset costs Django several times what PostgreSQL takes to answer it: a list
of twenty items spent about 4 ms of a worker's CPU in the ORM against 0.4 ms in the
database. Each query here is built by ordinary queryset code from a dict of values; the
names present (which filters were asked, how many languages a subscriber takes) are its
shape, and each shape is compiled once, with a distinct stand-in for every value.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import CharField, Exists, OuterRef, QuerySet, StringAgg, Subquery, Value
from django.db.models.functions import Cast

from articles.models import Article
from articles.statements import A_SLUG, A_TIME, AN_ID, Statement
from wire import scope, versions
from wire.models import ApiKey, Subscriber, WireCounter, WireItem

Status = WireItem.Status
_compiled: dict[tuple, Statement] = {}


def rows(kind: str, build: Callable[[dict], QuerySet], values: dict, *, limit: int | None = None):
    """The rows of ``build(values)``, compiled once for this kind and shape of values."""
    shape = (kind, *sorted(values))
    if shape not in _compiled:
        _compiled[shape] = Statement(lambda **named: build(named), **stand_ins_for(values))
    window = slice(0, limit) if limit is not None else None
    return _compiled[shape].rows(window=window, **values)


def stand_ins_for(values: dict) -> dict:
    """A stand-in for each value, of its type, none equal to another."""
    stand_ins = {}
    for number, (name, value) in enumerate(sorted(values.items())):
        if hasattr(value, "tzinfo"):
            stand_ins[name] = A_TIME + timedelta(days=number)
        elif isinstance(value, int):
            stand_ins[name] = AN_ID - number
        else:
            stand_ins[name] = f"{A_SLUG}-{number}"
    return stand_ins


def listed(values: dict, prefix: str) -> list:
    """The values named ``prefix0``, ``prefix1``, … in order: a list spread over names."""
    return [
        values[f"{prefix}{number}"]
        for number in range(len(values))
        if f"{prefix}{number}" in values
    ]


def spread(prefix: str, items) -> dict:
    return {f"{prefix}{number}": item for number, item in enumerate(items)}


# Keys ----------------------------------------------------------------------------------------


@dataclass
class KeyRow:
    """A key as a request finds it, with what the request needs to know before it reads."""

    key_id: int
    digest: str
    revoked_at: datetime | None
    last_used_at: datetime | None
    subscriber: Subscriber
    # Whether an embargo's time has come: those items are released before anything is read.
    embargo_due: bool
    # The last change number committed before the request read anything (wire/api.py).
    last_change: int


def key_row(prefix: str, *, now: datetime) -> KeyRow | None:
    """The key with ``prefix``, its subscriber and sections, whether an embargo is due and
    the last change number: everything a request needs before it reads, in one round trip."""

    def build(values):
        sections = (
            Subscriber.sections.through.objects.filter(subscriber_id=OuterRef("subscriber_id"))
            .values("subscriber_id")
            .annotate(ids=StringAgg(Cast("section_id", CharField()), Value(",")))
            .values("ids")
        )
        due = versions.due_embargoes(values["now"])
        return (
            ApiKey.objects.filter(prefix=values["prefix"])
            .annotate(
                section_ids=Subquery(sections),
                embargo_due=Exists(due),
                last_change=Subquery(WireCounter.objects.filter(pk=1).values("value")),
            )
            .values_list(
                "pk",
                "digest",
                "revoked_at",
                "last_used_at",
                "subscriber_id",
                "subscriber__is_active",
                "subscriber__languages",
                "subscriber__receives_embargoed",
                "subscriber__requests_per_minute",
                "section_ids",
                "embargo_due",
                "last_change",
            )
        )

    found = rows("key", build, {"prefix": prefix, "now": now})
    if not found:
        return None
    key_id, digest, revoked_at, last_used_at, *subscriber, due, last_change = found[0]
    subscriber_id, is_active, languages, receives_embargoed, per_minute, section_ids = subscriber
    subscriber = Subscriber(
        pk=subscriber_id,
        is_active=is_active,
        languages=languages,
        receives_embargoed=receives_embargoed,
        requests_per_minute=per_minute,
    )
    subscriber._section_ids = [int(pk) for pk in (section_ids or "").split(",") if pk]
    return KeyRow(key_id, digest, revoked_at, last_used_at, subscriber, bool(due), last_change or 0)


# Items ---------------------------------------------------------------------------------------


def scope_values(subscriber: Subscriber) -> dict:
    return spread("language", subscriber.languages) | spread(
        "section", scope.section_ids_of(subscriber)
    )


def within(rows_: QuerySet, values: dict, *, prefix: str) -> QuerySet:
    """``rows_`` (items, or stories with ``prefix`` to their item) narrowed to the
    subscriber's languages and sections and to the filters asked."""
    for name, lookup in (("language", "language__in"), ("section", "section_id__in")):
        if listed(values, name):
            rows_ = rows_.filter(**{f"{prefix}{lookup}": listed(values, name)})
    if "only_language" in values:
        rows_ = rows_.filter(**{f"{prefix}language": values["only_language"]})
    if "only_section" in values:
        rows_ = rows_.filter(**{f"{prefix}section__slug": values["only_section"]})
    if "only_tag" in values:
        article = "" if prefix else "article__"
        rows_ = rows_.filter(**{f"{article}tags__slug": values["only_tag"]})
    return rows_


def changes(values: dict, *, entitled: bool, limit: int) -> list[tuple]:
    """(change number, document) of the items changed after ``values["since"]``."""

    def build(values):
        items = scope.visible(WireItem.objects.all(), entitled=entitled)
        items = within(items, values, prefix="").filter(sequence__gt=values["since"])
        return items.order_by("sequence").values_list("sequence", "document")

    return rows(f"changes-{entitled}", build, values, limit=limit)


def newest(values: dict, *, limit: int) -> list[tuple]:
    """(publication time, id, document) of published stories, newest first, through
    readers' own rule of what is published."""

    def build(values):
        stories = Article.objects.published(at=values["now"]).filter(
            wire_item__pubstatus=Status.USABLE
        )
        stories = within(stories, values, prefix="wire_item__")
        if "after_time" in values:
            stories = stories.filter(published_at__lte=values["after_time"]).exclude(
                published_at=values["after_time"], pk__gte=values["after_id"]
            )
        return stories.order_by("-published_at", "-pk").values_list(
            "published_at", "pk", "wire_item__document"
        )

    return rows("newest", build, values, limit=limit)


def one(values: dict, *, entitled: bool) -> str | None:
    def build(values):
        items = within(scope.visible(WireItem.objects.all(), entitled=entitled), values, prefix="")
        return items.filter(article_id=values["item"]).values_list("document")

    found = rows(f"one-{entitled}", build, values)
    return found[0][0] if found else None
