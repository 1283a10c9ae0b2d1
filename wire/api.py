"""The wire's read-only HTTP API under /wire/v1/, for subscribers' software.

django-ninja describes it (``/wire/v1/openapi.json``) from the same signatures that parse
its parameters. Items are stored as finished ninjs text (``wire/versions.py``), so a list is
one query whose rows are joined into the answer as they are: nothing is serialised again.

Errors are RFC 9457 problem details (``application/problem+json``).
"""

import base64
import binascii
from datetime import datetime
from typing import Annotated

from django.conf import settings
from django.core.cache import cache
from django.db import Error as DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from articles import languages
from wire import keys, queries, versions
from wire.models import Subscriber, WireItem

PAGE_SIZE = 50
LARGEST_PAGE = 100
Status = WireItem.Status


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str


class NinjsItem(Schema):
    """An IPTC ninjs 2.2 news item (http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json)."""

    model_config = {"extra": "allow"}
    uri: str
    version: str
    pubstatus: str = Field(description="usable, withheld (until `embargoed`) or canceled.")


class ItemList(Schema):
    items: list[NinjsItem] = Field(description="ninjs 2.2 items, newest version of each.")
    cursor: str = Field(
        description="Pass as `since` (when you polled with `since`) or as `cursor` (newest "
        "first) to read on from here."
    )
    has_more: bool = Field(description="Whether another page follows at once.")


class RateLimited(HttpError):
    def __init__(self, retry_after: int):
        super().__init__(429, "This key made too many requests: wait before the next.")
        self.retry_after = retry_after


class SubscriberKey(HttpBearer):
    """``Authorization: Bearer nrw_…``, then the key's requests-per-minute limit."""

    def authenticate(self, request: HttpRequest, token: str) -> "queries.KeyRow | None":
        """What the key opens (``request.auth``); due embargoes are released at once, so
        whatever the request reads next sees them published."""
        found = keys.opened_by(token.strip())
        if found is None:
            return None
        count_request(found.key_id, found.subscriber.requests_per_minute)
        if found.embargo_due:
            versions.release_due()
        return found


def count_request(key_id: int, limit: int) -> None:
    """Count a request against the key's limit for this minute; over it, 429.

    The count lives in the shared cache; without it (Redis away) requests are not limited,
    as pages keep working without it.
    """
    now = timezone.now().timestamp()
    minute = int(now // 60)
    counter = f"wire-rate:{key_id}:{minute}"
    try:
        try:
            made = cache.incr(counter)
        except ValueError:  # the minute's first request
            made = 1 if cache.add(counter, 1, timeout=120) else cache.incr(counter)
    except Exception:  # noqa: BLE001 - any cache failure lets the request through
        return
    if made > limit:
        raise RateLimited(retry_after=max(1, 60 - int(now % 60)))


class WireAPI(NinjaAPI):
    """The API whose OpenAPI document says errors come as ``application/problem+json``."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for code, answer in operation["responses"].items():
                    if code != 200 and "application/json" in answer.get("content", {}):
                        content = answer["content"].pop("application/json")
                        answer["content"]["application/problem+json"] = content
        # The parameters are listed one by one; the class that groups them is not a body.
        schema["components"]["schemas"].pop("Filters", None)
        return schema


api = WireAPI(
    title=f"{settings.SITE_NAME} wire",
    version="1",
    description=(
        "Stories of the agency as IPTC ninjs 2.2 items, for subscribers. Send your key as "
        "`Authorization: Bearer nrw_…`. Poll `GET /wire/v1/items?since=0`, keep the "
        "`cursor` it returns, and pass it as `since` next time: each item that changed "
        "since then reaches you once, in its newest version, in the order of its last change."
    ),
    urls_namespace="wire",
    auth=SubscriberKey(),
    docs_url=None,
)


def problem(status: int, title: str, detail: str, **headers) -> HttpResponse:
    body = Problem(title=title, status=status, detail=detail).model_dump_json()
    response = HttpResponse(body, status=status, content_type="application/problem+json")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return private(response)


def private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Authorization"
    return response


@api.exception_handler(AuthenticationError)
def unauthorised(request, error):
    return problem(
        401,
        "Unauthorized",
        "Send a working key as 'Authorization: Bearer nrw_…'; this one is missing, "
        "unknown or revoked.",
        WWW_Authenticate='Bearer realm="wire"',
    )


@api.exception_handler(RateLimited)
def too_many(request, error):
    return problem(429, "Too Many Requests", str(error), Retry_After=str(error.retry_after))


@api.exception_handler(HttpError)
def http_error(request, error):
    return problem(error.status_code, "Bad Request", str(error))


@api.exception_handler(ValidationError)
def invalid(request, error):
    details = "; ".join(
        f"{'.'.join(str(part) for part in entry['loc'][1:])}: {entry['msg']}"
        for entry in error.errors
    )
    return problem(400, "Bad Request", details or "The request's parameters are not valid.")


@api.exception_handler(Http404)
def not_found(request, error):
    return problem(404, "Not Found", str(error) or "No such item for this key.")


@api.exception_handler(DatabaseError)
def database_away(request, error):
    return problem(
        503,
        "Service Unavailable",
        "The wire cannot reach its database just now; try again shortly.",
        Retry_After="30",
    )


class Filters(Schema):
    since: int | None = Field(
        None, ge=0, description="Changes after this cursor, oldest first (start with 0)."
    )
    cursor: str | None = Field(None, description="From a newest-first page's `cursor`.")
    language: str | None = Field(None, description="A BCP 47 tag: en, fa-AF or ps.")
    section: str | None = Field(None, description="A section's slug.")
    tag: str | None = Field(None, description="A tag's slug.")
    limit: int = Field(PAGE_SIZE, ge=1, le=LARGEST_PAGE, description="Items per page.")


@api.get(
    "/items",
    response={200: ItemList, 400: Problem, 401: Problem, 429: Problem, 503: Problem},
    url_name="items",
    summary="Items changed since a cursor, or the newest published",
)
def items(request: HttpRequest, filters: Query[Filters]):
    """With `since`: every change after that cursor, oldest first, withdrawals and (for
    subscribers entitled to them) embargoed items included. Without: the newest published
    items first, paged with `cursor`."""
    if filters.since is not None:
        return changes_since(request.auth, filters)
    return newest_published(request.auth.subscriber, filters)


@api.get(
    "/items/{item_id}",
    response={200: NinjsItem, 401: Problem, 404: Problem, 429: Problem, 503: Problem},
    url_name="item",
    summary="One item, in its newest version",
)
def item(request: HttpRequest, item_id: Annotated[int, Path(description="The story's number.")]):
    """The item as it is now: `usable`, `withheld` (to subscribers entitled to embargoes) or
    `canceled`."""
    subscriber = request.auth.subscriber
    values = queries.scope_values(subscriber) | {"item": item_id}
    document = queries.one(values, entitled=subscriber.receives_embargoed)
    if document is None:
        raise Http404("No item with this id is on the wire for this key.")
    return private(HttpResponse(document, content_type="application/json"))


def changes_since(key: "queries.KeyRow", filters: Filters) -> HttpResponse:
    """Changes in the order they committed; the cursor is the last change number read."""
    subscriber, committed = key.subscriber, key.last_change
    values = filter_values(subscriber, filters) | {"since": filters.since}
    rows = queries.changes(values, entitled=subscriber.receives_embargoed, limit=filters.limit + 1)
    has_more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    # Nothing new: every change up to the counter read before the query was visible to it,
    # so reading on from there misses nothing (and a cursor from the future comes back).
    cursor = rows[-1][0] if rows else committed
    return page([document for _, document in rows], str(cursor), has_more)


def newest_published(subscriber: Subscriber, filters: Filters) -> HttpResponse:
    """Published stories, newest first."""
    values = filter_values(subscriber, filters) | {"now": timezone.now()}
    if filters.cursor:
        values["after_time"], values["after_id"] = decoded_cursor(filters.cursor)
    rows = queries.newest(values, limit=filters.limit + 1)
    has_more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    cursor = encoded_cursor(*rows[-1][:2]) if rows else filters.cursor or ""
    return page([document for *_, document in rows], cursor, has_more)


def filter_values(subscriber: Subscriber, filters: Filters) -> dict:
    """The subscriber's scope and the filters asked, as values of the compiled queries."""
    values = queries.scope_values(subscriber)
    if filters.language:
        values["only_language"] = language_code(filters.language)
    if filters.section:
        values["only_section"] = filters.section
    if filters.tag:
        values["only_tag"] = filters.tag
    return values


def language_code(tag: str) -> str:
    """The site's code for a BCP 47 tag (fa-AF → fa-af), or a 400 naming the choices."""
    codes = {code.lower(): code for code, _name in settings.LANGUAGES}
    if tag.lower() not in codes:
        choices = ", ".join(languages.tag(code) for code in codes.values())
        raise HttpError(400, f"Unknown language {tag!r}: use one of {choices}.")
    return codes[tag.lower()]


def page(documents: list[str], cursor: str, has_more: bool) -> HttpResponse:
    body = (
        '{"items":['
        + ",".join(documents)
        + '],"cursor":"'
        + cursor
        + '","has_more":'
        + ("true" if has_more else "false")
        + "}"
    )
    return private(HttpResponse(body, content_type="application/json"))


def encoded_cursor(published_at: datetime, pk: int) -> str:
    raw = f"{published_at.isoformat()}|{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decoded_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        when, pk = raw.split("|")
        return datetime.fromisoformat(when), int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError) as problem_found:
        raise HttpError(400, "This cursor is not one the wire gave: start again without it.") from (
            problem_found
        )
