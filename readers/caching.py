"""HTTP caching of readers' pages, and the server's store of whole pages.

``public_page`` marks a view as a readers' page: anonymous readers get ``Cache-Control:
public`` and an ``ETag`` made from the page's bytes, logged-in staff a page no cache keeps.
While rendering, the page names what it shows (``shows(request, key, …)``; the keys are
described in ``readers/freshness.py``). ``PageCacheMiddleware`` stores the finished page
with the version of each of those keys, and serves it while none has moved: publishing a
story makes stale the pages that show it or list it, and no other.
"""

import hashlib
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import quote_etag

from readers import freshness

PAGE_KEY_PREFIX = "page"


def shows(request: HttpRequest, *keys: str) -> None:
    """Note that the page being rendered shows ``keys``; outside a readers' page, nothing."""
    shown = getattr(request, "shown_keys", None)
    if shown is not None:
        shown.update(keys)


def _may_be_logged_in(request: HttpRequest) -> bool:
    """Look at the user only when a session cookie exists.

    Touching ``request.user`` reads the session, which makes Django add ``Vary: Cookie``;
    an anonymous reader without a session cookie must get a page any shared cache can keep.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated


def public_page(
    view: Callable[..., HttpResponse], *, showing: Iterable[str] = ()
) -> Callable[..., HttpResponse]:
    """Serve a readers' page with conditional GET, shared-cache headers and the page store.

    ``showing`` names keys every page of the view shows, besides those it notes itself.
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
        request.shown_keys = {freshness.SITE, *showing}
        request.rendering_started_ns = time.time_ns()
        response = _rendered(view(request, *args, **kwargs))
        if response.status_code == 200 and not response.streaming:
            etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
            response.headers["ETag"] = etag
            name_keys(response, request.shown_keys)
            if settings.PURGE_BACKEND != "none" and freshness.moved_since(
                request.shown_keys, request.rendering_started_ns
            ):
                # A change to what the page shows committed while it was read, and its purge
                # may reach the cache in front before this page does: the cache must not
                # keep the page, or it would outlive the purge.
                response.headers["Surrogate-Control"] = "no-store"
            if settings.FULL_PAGE_CACHE_SECONDS:
                # PageCacheMiddleware stores it once the rest of the stack has finished it.
                response.shown_keys = request.shown_keys
                response.rendering_started_ns = request.rendering_started_ns
            response = get_conditional_response(request, etag=etag, response=response)
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        return response

    wrapper.is_public_page = True
    return wrapper


def name_keys(response: HttpResponse, keys: set[str]) -> None:
    """Tell caches in front what the page shows, so they can be purged by key.

    ``xkey`` for Varnish's xkey module, ``Surrogate-Key`` for Fastly and other CDNs; the
    keys are ``readers/freshness.py``'s, named only for what a reader may see on the page.
    """
    named = " ".join(sorted(keys))
    response.headers["xkey"] = named
    response.headers["Surrogate-Key"] = named


class SharedResponseMiddleware:
    """Keep every response marked public the same bytes for every reader, whatever cookies.

    A shared cache keys a public page on its address alone, so such a response must not set
    a cookie (it would reach every reader of the copy) nor vary on cookies (no cache could
    keep it). Django's session and CSRF middleware add both on a readers' page when a
    request brings a stale ``sessionid`` or a malformed ``csrftoken``; this middleware sits
    above them and takes both away again. Readers' pages use neither sessions nor CSRF.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "public" in _fields(response.get("Cache-Control", "")):
            response.cookies.clear()
            vary = _fields(response.get("Vary", ""))
            kept = [field for field in vary if field != "cookie"]
            if kept != vary:
                # Only "Cookie" goes; other fields keep their names (HTTP ignores case).
                del response.headers["Vary"]
                if kept:
                    response.headers["Vary"] = ", ".join(kept)
        return response


def _fields(header: str) -> list[str]:
    """A comma-separated header's fields, lower case, without their values."""
    return [field.split("=")[0].strip().lower() for field in header.split(",") if field.strip()]


def _rendered(response: HttpResponse) -> HttpResponse:
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return response


def _page_cache_key(request: HttpRequest) -> str:
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"{PAGE_KEY_PREFIX}:{address}"


class PageCacheMiddleware:
    """Serve anonymous readers the stored copy of a public page, and store new copies.

    Only responses that ``public_page`` marked are stored, as the finished bytes and headers
    the middleware below produced (the consent banner included); ``SharedResponseMiddleware``
    below has taken away any cookie they would have set.
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
        found = cache.get_many([key, freshness.NEXT_DUE_KEY])
        freshness.release_due_stories(found.get(freshness.NEXT_DUE_KEY))
        stored = found.get(key)
        known = freshness.versions_of(stored["versions"]) if stored is not None else {}
        if stored is not None and known == stored["versions"]:
            return _stored_response(request, stored)
        response = self.get_response(request)
        shown = getattr(response, "shown_keys", None)
        if shown is not None and request.method == "GET":
            versions = _versions_read_before(response, shown, known)
            if versions is not None:
                stored = {
                    "versions": versions,
                    "status": response.status_code,
                    "headers": list(response.items()),
                    "content": response.content,
                }
                cache.set(key, stored, timeout=settings.FULL_PAGE_CACHE_SECONDS)
        return response


def _versions_read_before(response: HttpResponse, shown: set[str], known: dict) -> dict | None:
    """The versions of ``shown`` as they were before the page was read, or None if unsure.

    The keys the stale copy showed were read before rendering, so the page is stored with
    those versions: a change committed meanwhile leaves it stale at once, never wrongly
    fresh. A key new to the page is safe only if it last moved before rendering began.
    """
    new = freshness.versions_of(shown - known.keys())
    if freshness.unsettled(new.values(), response.rendering_started_ns):
        return None
    return {**{key: known[key] for key in shown & known.keys()}, **new}


def _is_public_page(request: HttpRequest) -> bool:
    """Whether the address leads to a ``public_page`` view; nothing else touches the store."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "is_public_page", False)


def _stored_response(request: HttpRequest, stored: dict) -> HttpResponse:
    response = HttpResponse(stored["content"], status=stored["status"], headers=stored["headers"])
    return get_conditional_response(request, etag=response.get("ETag"), response=response)
