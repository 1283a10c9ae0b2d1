"""The reader's choice: parsed from the consent cookie, stored in it, and acted upon."""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core import signing
from django.http import HttpRequest, HttpResponse

from consent.conf import setting
from consent.registry import (
    NECESSARY,
    accept_max_age,
    max_age_for,
    optional_categories,
    optional_keys,
)

# Kept from before the consent app had its own room: cookies already given stay valid.
COOKIE_SALT = "newsroom.consent"
# Servers behind one site may disagree on the time by this much.
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class Consent:
    """The reader's choice as this request knows it; the middleware sets ``request.consent``.

    ``has_choice`` is true only for a valid consent cookie of the current policy revision.
    Without one, nothing optional is allowed; ``via_gpc`` says the refusal comes from the
    browser's Global Privacy Control signal (or a stored choice that recorded it).
    """

    has_choice: bool = False
    granted: frozenset[str] = frozenset()
    consent_id: str = ""
    via_gpc: bool = False
    decided_at: datetime | None = None

    def allows(self, category: str) -> bool:
        return category == NECESSARY or category in self.granted

    @property
    def refused(self) -> frozenset[str]:
        if not self.has_choice and not self.via_gpc:
            return frozenset()
        return frozenset(optional_keys()) - self.granted


def read_signed_payload(request: HttpRequest) -> dict | None:
    """The cookie's content if its signature holds and it is not older than any choice may be.

    Anything else (absent, malformed, tampered, signed with another key, too old) is None.
    """
    raw = request.COOKIES.get(setting("CONSENT_COOKIE_NAME"))
    if not raw:
        return None
    try:
        payload = signing.loads(raw, salt=COOKIE_SALT, max_age=accept_max_age())
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        return None
    return payload if isinstance(payload, dict) else None


def consent_from_request(request: HttpRequest) -> Consent:
    """Parse the consent cookie and the ``Sec-GPC`` header; never raises."""
    gpc = request.headers.get("Sec-GPC", "").strip() == "1"
    payload = read_signed_payload(request)
    choice = _valid_choice(payload) if payload else None
    if choice is None:
        return Consent(via_gpc=gpc)
    return choice


def _valid_choice(payload: dict) -> Consent | None:
    consent_id = payload.get("id")
    granted = payload.get("g")
    decided_at = payload.get("t")
    if not (
        isinstance(consent_id, str)
        and consent_id
        and isinstance(granted, list)
        and all(isinstance(key, str) for key in granted)
        and isinstance(decided_at, int)
    ):
        return None
    if payload.get("r") != setting("CONSENT_POLICY_REVISION"):
        return None
    granted_keys = frozenset(granted) & frozenset(optional_keys())
    try:
        decided = datetime.fromtimestamp(decided_at, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    now = datetime.now(tz=UTC)
    # A choice from the future is no choice: it would never expire.
    if decided > now + CLOCK_SKEW or now - decided > max_age_for(granted_keys):
        return None
    return Consent(
        has_choice=True,
        granted=granted_keys,
        consent_id=consent_id,
        via_gpc=payload.get("m") == "gpc",
        decided_at=decided,
    )


def new_consent_id() -> str:
    return secrets.token_urlsafe(16)


def consent_id_for(request: HttpRequest) -> str:
    """Keep the reader's consent id across decisions and revisions, so records link up."""
    payload = read_signed_payload(request)
    if payload and isinstance(payload.get("id"), str) and payload["id"]:
        return payload["id"]
    return new_consent_id()


def set_consent_cookie(
    response: HttpResponse,
    request: HttpRequest,
    *,
    consent_id: str,
    granted: frozenset[str],
    method: str,
    decided_at: datetime,
) -> None:
    """Store the choice in one signed first-party cookie that consent.js can read.

    It is not HttpOnly because the script must know, without a request of its own, whether
    a valid choice exists; the signature keeps a value edited in the browser from counting.
    """
    payload = {
        "id": consent_id,
        "r": setting("CONSENT_POLICY_REVISION"),
        "g": sorted(granted),
        "t": int(decided_at.timestamp()),
        "m": method,
    }
    response.set_cookie(
        setting("CONSENT_COOKIE_NAME"),
        signing.dumps(payload, salt=COOKIE_SALT),
        max_age=int(max_age_for(granted).total_seconds()),
        path="/",
        domain=setting("CONSENT_COOKIE_DOMAIN"),
        secure=request.is_secure(),
        httponly=False,
        samesite="Lax",
    )


def delete_withdrawn_cookies(
    response: HttpResponse, request: HttpRequest, *, before: Consent, refused: frozenset[str]
) -> None:
    """Expire the site's own cookies of every refused category.

    A declared name is expired when the request carries it, or when the category was
    granted before (its cookie may live on a path this request does not see). Families
    (``_ga_*``) can only be expired by the names the request carries.
    """
    for category in optional_categories():
        if category.key not in refused:
            continue
        withdrawn = category.key in before.granted
        for declaration in category.cookies:
            if not declaration.first_party:
                continue
            names = {name for name in request.COOKIES if declaration.matches(name)}
            if withdrawn and "*" not in declaration.name:
                names.add(declaration.name)
            for name in sorted(names):
                response.delete_cookie(
                    name, path=declaration.path, domain=declaration.domain, samesite="Lax"
                )
