"""Health endpoints for the load balancer, and a clean 503 while the database is away."""

import logging
import sys
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def database_is_up() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return False


def cache_is_up() -> bool:
    # The Redis cache swallows its own errors (IGNORE_EXCEPTIONS), so a round trip of a fresh
    # value is the only way to tell a working cache from a silent one.
    probe = uuid.uuid4().hex
    cache.set("healthz-probe", probe, timeout=10)
    if cache.get("healthz-probe") == probe:
        return True
    logger.error("Health check: the cache does not answer")
    return False


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 while this server can serve readers, 503 when it cannot.

    Only the database decides: without it no page can be built. Without the cache every page
    still answers, only slower, so a cache outage is reported as "degraded" and the load
    balancer keeps the server in rotation instead of taking the whole site down.
    """
    database_ok = database_is_up()
    cache_ok = cache_is_up()
    if not database_ok:
        status = "unavailable"
    elif not cache_ok:
        status = "degraded"
    else:
        status = "ok"
    body = {
        "status": status,
        "database": "ok" if database_ok else "unavailable",
        "cache": "ok" if cache_ok else "unavailable",
    }
    return JsonResponse(body, status=200 if database_ok else 503)


class LivenessMiddleware:
    """``/livez``: the process answers HTTP, whoever asks and however.

    Answered before the security middleware, so a health probe that comes straight from a
    load balancer or cache (no HTTPS, its own Host header) is not redirected or refused as
    an unknown host; touches neither database nor cache, so it never flaps.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path != "/livez":
            return self.get_response(request)
        response = HttpResponse("ok", content_type="text/plain")
        add_never_cache_headers(response)
        return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The site's answer to any exception nothing else caught: 503 if the database is away.

    Django calls this (``handler500`` in newsroom/urls.py) for an exception raised anywhere in
    the request: a view, or a middleware that reads the database itself, such as the page
    cache building its stamp or the session store. While PostgreSQL restarts each request
    fails within the connect timeout; readers see "back shortly" with ``Retry-After`` instead
    of a 500, nginx may serve a stale cached copy, and the next request after the restart
    reconnects by itself (CONN_HEALTH_CHECKS), without restarting the application servers.
    Every other error keeps Django's own 500 page. With DEBUG on Django shows its traceback
    page instead, for both.
    """
    exception = sys.exc_info()[1]
    if not isinstance(exception, OperationalError | InterfaceError):
        return defaults.server_error(request)
    # django.request logs the traceback with the path; this line names the diagnosis.
    logger.error("Database unavailable, answered 503: %s", exception)
    response = HttpResponse(
        render_to_string("503.html", {"SITE_NAME": settings.SITE_NAME}), status=503
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
