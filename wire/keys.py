"""API keys: issued once, kept as digests, compared in constant time, revocable."""

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from django.utils import timezone

from wire import queries
from wire.models import ApiKey, Subscriber

KEY_SHAPE = re.compile(r"^nrw_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$")
# A key's last use is written at most this often: not a write on every request.
LAST_USED_PRECISION = timedelta(minutes=1)
# Compared against when no key has the prefix, so a miss costs what a hit does.
NO_SUCH_DIGEST = hashlib.sha256(b"no such key").hexdigest()


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(subscriber: Subscriber, *, label: str = "") -> tuple[ApiKey, str]:
    """A new key for ``subscriber``: the stored row, and the key itself, to be shown once."""
    while True:
        prefix = secrets.token_hex(6)
        if not ApiKey.objects.filter(prefix=prefix).exists():
            break
    key = f"nrw_{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiKey.objects.create(
        subscriber=subscriber, label=label, prefix=prefix, digest=digest_of(key)
    )
    return row, key


def revoke(api_key: ApiKey) -> None:
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])


def opened_by(key: str) -> queries.KeyRow | None:
    """What ``key`` opens, if it is a working key of an active subscriber; else None."""
    shape = KEY_SHAPE.match(key or "")
    now = timezone.now()
    found = queries.key_row(shape[1], now=now) if shape else None
    matches = hmac.compare_digest(found.digest if found else NO_SUCH_DIGEST, digest_of(key or ""))
    if not matches or found.revoked_at is not None or not found.subscriber.is_active:
        return None
    if found.last_used_at is None or now - found.last_used_at > LAST_USED_PRECISION:
        ApiKey.objects.filter(pk=found.key_id).update(last_used_at=now)
    return found
