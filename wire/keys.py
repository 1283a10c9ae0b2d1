"""API keys: issued once, kept as digests, compared in constant time, revocable."""

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from django.utils import timezone

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


def subscriber_for(key: str) -> tuple[Subscriber, int] | None:
    """The active subscriber that ``key`` opens and the key's id, or None."""
    from wire import queries

    shape = KEY_SHAPE.match(key or "")
    found = queries.key_row(shape[1]) if shape else None
    digest = found[1] if found else NO_SUCH_DIGEST
    matches = hmac.compare_digest(digest, digest_of(key or ""))
    if not matches:
        return None
    key_id, _digest, revoked_at, last_used_at, subscriber = found
    if revoked_at is not None or not subscriber.is_active:
        return None
    now = timezone.now()
    if last_used_at is None or now - last_used_at > LAST_USED_PRECISION:
        ApiKey.objects.filter(pk=key_id).update(last_used_at=now)
    return subscriber, key_id
