"""One site-wide "content changed" stamp, and the HTTP caching of readers' pages built on it.

Every public page shows a mix of stories, sections, authors and corrections, so instead of
working out which pages one edit touches, any saved or deleted row that a reader can see
bumps a single stamp kept in the cache. Pages use it as their Last-Modified time, in their
ETag and in the key of the server-side page cache, so publishing, editing or unpublishing a
story makes every page fresh at once, for the price of one cache read per request.

A scheduled story goes live without being saved, so the stamp also remembers when the next
scheduled story is due and moves forward by itself once that moment has passed.

Stored pages are served by ``PageCacheMiddleware``, high in the middleware stack: a hit
reads the stamp and the page in one cache round trip and skips sessions, CSRF, the consent
banner and the view, which the stored bytes already went through.
"""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import post_delete
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date, parse_http_date_safe, quote_etag

STAMP_KEY = "content-changed"
PAGE_KEY_PREFIX = "page"


def mark_content_changed(*, at: datetime | None = None, recount_schedule: bool = True) -> datetime:
    """Record that something readers can see has changed; every public page becomes stale.

    Only a story's own change can move the schedule, so other changes skip that query.
    """
    from articles.models import Article

    changed_at = at or timezone.now()
    state = None if recount_schedule else cache.get(STAMP_KEY)
    if state is None:
        next_due = Article.objects.filter(
            status=Article.Status.SCHEDULED, published_at__gt=changed_at, deleted_at__isnull=True
        ).aggregate(next_due=Min("published_at"))["next_due"]
    else:
        next_due = state["next_due"]
    cache.set(STAMP_KEY, {"changed_at": changed_at, "next_due": next_due}, timeout=None)
    return changed_at


def content_changed_at() -> datetime:
    """When readers' content last changed, including scheduled stories that have gone live."""
    return _changed_at(cache.get(STAMP_KEY))


def _changed_at(state: dict | None) -> datetime:
    """The stamp from its stored state, moved on when a scheduled story has come due."""
    if state is None:
        return mark_content_changed()
    next_due = state["next_due"]
    if next_due is not None and next_due <= timezone.now():
        return mark_content_changed(at=next_due)
    return state["changed_at"]


def note_what_readers_saw(sender, instance, **kwargs) -> None:
    """Signal receiver (``pre_save`` of stories): whether readers could see it until now.

    Unpublishing, sending back or trashing makes a story hidden; the pages that showed it
    must change all the same, so the save that hides it is judged by the state it leaves.
    """
    instance.was_seen_by_readers = bool(instance.pk) and (
        type(instance).objects.filter(pk=instance.pk).seen_by_readers().exists()
    )


def concerns_readers(instance, *, deleted: bool = False) -> bool:
    """Whether saving (or deleting) ``instance`` can change a page readers get.

    A draft's save, its bylines and tags, a story in review, a new tag or author no published
    story shows yet: none of them is on any public page, so they leave every cached page
    valid. A deletion always counts, as the row cannot be asked any more.
    """
    from articles.models import Article, Tag

    if deleted:
        return True
    if isinstance(instance, Article):
        return getattr(instance, "was_seen_by_readers", True) or instance.is_live_or_scheduled
    story = getattr(instance, "article", None) or getattr(instance, "content_object", None)
    if isinstance(story, Article):
        return Article.objects.filter(pk=story.pk).seen_by_readers().exists()
    # Sections, authors and tags (taggit's own class as well as the stories' proxy).
    model = Tag if instance._meta.model_name == "tag" else type(instance)
    if hasattr(model, "STORIES_LOOKUP"):
        return model.objects.shown_to_readers().filter(pk=instance.pk).exists()
    return True


def content_changed_receiver(sender, instance=None, using=None, **kwargs) -> None:
    """Signal receiver: cache invalidation only, no editorial decision is taken here.

    The stamp moves at once and again after the commit: a reader's request between the two
    would otherwise store the old page under the new stamp. A change no reader can see moves
    nothing.
    """
    from articles.models import Article

    deleted = kwargs.get("signal") is post_delete or instance is None
    if instance is not None and not concerns_readers(instance, deleted=deleted):
        return
    recount_schedule = sender is Article
    mark_content_changed(recount_schedule=recount_schedule)
    transaction.on_commit(
        lambda: mark_content_changed(recount_schedule=recount_schedule), using=using
    )


class RememberedFragments:
    """This process's least-recently-used store of fragments of readers' pages.

    Values are kept as they are, not pickled, so reading one costs a dictionary lookup (a
    pickled list of twenty stories took a millisecond to load); callers treat them as
    read-only. Keys carry the content stamp: entries of older content are never read again
    and fall off the end. A restart (a deploy) starts empty.
    """

    def __init__(self) -> None:
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple):
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def set(self, key: tuple, value, *, limit: int) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > limit:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


remembered_fragments = RememberedFragments()


def remember[T](request: HttpRequest | None, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept in this process's memory until readers' content next changes.

    For what readers' pages read and render the same for everyone (stories, lists, cards,
    related posts). Only requests ``public_page`` served to anonymous readers carry the
    stamp; staff and previews always get a fresh ``compute()``.
    """
    changed_at = getattr(request, "content_changed_at", None)
    if changed_at is None or not settings.FRAGMENT_CACHE_ENTRIES:
        return compute()
    key = (name, changed_at)
    value = remembered_fragments.get(key)
    if value is None:
        value = compute()
        remembered_fragments.set(key, value, limit=settings.FRAGMENT_CACHE_ENTRIES)
    return value


def _may_be_logged_in(request: HttpRequest) -> bool:
    """Look at the user only when a session cookie exists.

    Touching ``request.user`` reads the session, which makes Django add ``Vary: Cookie``;
    an anonymous reader without a session cookie must get a page any shared cache can keep.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated


def _page_cache_key(request: HttpRequest) -> str:
    """One entry per address; the entry records the stamp it was rendered under."""
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"{PAGE_KEY_PREFIX}:{address}"


def _etag(request: HttpRequest, changed_at: datetime) -> str:
    digest = hashlib.sha256(f"{changed_at.isoformat()} {request.get_full_path()}".encode())
    return quote_etag(digest.hexdigest()[:32])


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a readers' page with conditional GET, shared-cache headers and the page cache.

    Logged-in people (staff) always get a freshly rendered page marked ``private, no-store``,
    and their pages are never stored.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if _may_be_logged_in(request):
            response = _rendered(view(request, *args, **kwargs))
            add_never_cache_headers(response)
            return response

        # PageCacheMiddleware has read the stamp already when it looked for a stored copy.
        changed_at = getattr(request, "content_changed_at", None) or content_changed_at()
        request.content_changed_at = changed_at
        etag = _etag(request, changed_at)
        last_modified = int(changed_at.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = _rendered(view(request, *args, **kwargs))
            if settings.FULL_PAGE_CACHE_SECONDS and response.status_code == 200:
                # PageCacheMiddleware stores it once the rest of the stack has finished it.
                response.page_cache_stamp = changed_at
        if response.status_code in (200, 304):
            response.headers.setdefault("ETag", etag)
            response.headers.setdefault("Last-Modified", http_date(last_modified))
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        return response

    wrapper.is_public_page = True
    return wrapper


def _rendered(response: HttpResponse) -> HttpResponse:
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return response


class PageCacheMiddleware:
    """Serve anonymous readers the stored copy of a public page, and store new copies.

    Only responses that ``public_page`` marked are stored, as the finished bytes and headers
    the middleware below produced (the consent banner included), and only without cookies.
    A session cookie means someone may be logged in: such requests bypass the store.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            not settings.FULL_PAGE_CACHE_SECONDS
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or not _is_public_page(request)
        ):
            return self.get_response(request)
        key = _page_cache_key(request)
        found = cache.get_many([STAMP_KEY, key])
        stored = found.get(key)
        changed_at = _changed_at(found.get(STAMP_KEY))
        if stored is not None and stored["changed_at"] == changed_at:
            return _stored_response(request, stored)
        request.content_changed_at = changed_at
        response = self.get_response(request)
        stamp = getattr(response, "page_cache_stamp", None)
        if stamp is not None and request.method == "GET" and not response.cookies:
            stored = {
                "changed_at": stamp,
                "status": response.status_code,
                "headers": list(response.items()),
                "content": response.content,
            }
            cache.set(key, stored, timeout=settings.FULL_PAGE_CACHE_SECONDS)
        return response


def _is_public_page(request: HttpRequest) -> bool:
    """Whether the address leads to a ``public_page`` view; nothing else touches the store."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "is_public_page", False)


def _stored_response(request: HttpRequest, stored: dict) -> HttpResponse:
    response = HttpResponse(stored["content"], status=stored["status"], headers=stored["headers"])
    not_modified = get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )
    return not_modified or response
