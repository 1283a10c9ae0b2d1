"""Consent cookies as a browser would carry them, valid or spoilt on purpose."""

from datetime import datetime

from django.conf import settings
from django.core import signing
from django.utils import timezone

from consent.cookie import COOKIE_SALT


def signed_choice(
    granted: list[str],
    *,
    decided_at: datetime | None = None,
    revision: str | None = None,
    consent_id: str = "reader-1",
    method: str = "banner",
) -> str:
    """A cookie value exactly as the site signs it, with the time and revision given."""
    payload = {
        "id": consent_id,
        "r": settings.CONSENT_POLICY_REVISION if revision is None else revision,
        "g": sorted(granted),
        "t": int((decided_at or timezone.now()).timestamp()),
        "m": method,
    }
    return signing.dumps(payload, salt=COOKIE_SALT)


def carry(client, value: str) -> None:
    client.cookies[settings.CONSENT_COOKIE_NAME] = value


def set_cookie_header(response, name: str) -> str:
    """The Set-Cookie line for ``name``, as the browser receives it."""
    return response.cookies[name].OutputString()
