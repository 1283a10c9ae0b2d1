"""Readers' pages read from a replica; the editing desk and every write use the primary.

Enabled only when DATABASE_REPLICA_URL is set (see docs/deployment.md). A replica lags the
primary by a moment, which anonymous readers never notice (their pages are cached for longer
than that) but an editor would: after saving a story the admin must show what was saved. So
any request that carries a session, writes, or belongs to the admin reads from the primary.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PRIMARY = "default"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

reads_from_primary: ContextVar[bool] = ContextVar("reads_from_primary", default=True)


class ReplicaRouter:
    """Reads to the replica when the current request allows it; writes and migrations to the
    primary."""

    def db_for_read(self, model, **hints) -> str:
        if reads_from_primary.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == PRIMARY


class ReplicaReadsMiddleware:
    """Lets anonymous, read-only requests outside the admin read from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = reads_from_primary.set(self.needs_primary(request))
        try:
            return self.get_response(request)
        finally:
            reads_from_primary.reset(token)

    @staticmethod
    def needs_primary(request: HttpRequest) -> bool:
        return (
            request.method not in SAFE_METHODS
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.path.startswith("/admin/")
        )
