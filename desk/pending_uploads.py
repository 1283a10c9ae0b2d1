"""A picture chosen in a story form that failed to save, kept until the form is saved again.

A browser never fills a file input back in: without this, a story form sent back with an
error (a missing byline, a headline too long) silently dropped the chosen picture. The
file is kept under ``pending/`` in the media storage, outside every public address, and
the form carries a signed token naming it and the person who chose it; the token opens it
for nobody else, and a day later the file is deleted.
"""

import secrets
from datetime import timedelta
from pathlib import PurePosixPath

from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from articles.images import CONTENT_TYPES

FOLDER = "pending"
SALT = "desk.pending-upload"
KEPT_FOR = timedelta(days=1)


def keep(upload, user) -> str:
    """Store ``upload`` for ``user`` and return the token that names it."""
    _forget_old_ones()
    extension = PurePosixPath(upload.name).suffix.lower()
    upload.seek(0)
    name = default_storage.save(f"{FOLDER}/{secrets.token_urlsafe(18)}{extension}", upload)
    return signing.dumps({"name": name, "by": user.pk, "as": upload.name}, salt=SALT)


def _opened(token: str, user) -> dict | None:
    try:
        kept = signing.loads(token, salt=SALT, max_age=KEPT_FOR)
    except signing.BadSignature:
        return None
    if kept.get("by") != user.pk or not default_storage.exists(kept["name"]):
        return None
    return kept


def file_for(token: str, user) -> File | None:
    """The kept picture as a file to save with the story, or None when the token is not
    this person's, has expired, or its file is gone."""
    kept = _opened(token, user) if token else None
    if kept is None:
        return None
    return File(default_storage.open(kept["name"], "rb"), name=PurePosixPath(kept["as"]).name)


def discard(token: str, user) -> None:
    kept = _opened(token, user) if token else None
    if kept is not None:
        default_storage.delete(kept["name"])


def _forget_old_ones() -> None:
    """Files of forms nobody saved again, once their tokens have expired."""
    try:
        _, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    too_old = timezone.now() - KEPT_FOR
    for name in names:
        path = f"{FOLDER}/{name}"
        if default_storage.get_modified_time(path) < too_old:
            default_storage.delete(path)


@require_GET
@never_cache
def preview(request: HttpRequest) -> FileResponse:
    """The kept picture, shown in the form to the person who chose it."""
    kept = _opened(request.GET.get("token", ""), request.user)
    content_type = kept and CONTENT_TYPES.get(PurePosixPath(kept["name"]).suffix.lower())
    if not content_type:
        raise Http404
    return FileResponse(default_storage.open(kept["name"], "rb"), content_type=content_type)
