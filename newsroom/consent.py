"""Cookie consent: the category registry, the reader's choice and the consent cookie.

Every cookie the site or a configured third-party script may set is declared here, in the
category that needs the reader's permission for it. The banner, the settings page, the
deletion of cookies on withdrawal and docs/consent.md all read this one registry.
"""

import fnmatch
import functools
import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.checks import Tags, Warning, register
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.html import strip_tags

NECESSARY = "necessary"
COOKIE_SALT = "newsroom.consent"
# The CNIL's ceilings: consent is asked again after 13 months; a refusal is kept no longer
# than an acceptance, so refusing never costs the reader more questions than accepting.
LONGEST_ACCEPTANCE_DAYS = 395


@register(Tags.security)
def check_consent_lifetimes(app_configs, **kwargs) -> list[Warning]:
    """Warn when settings would keep a choice longer than the regulators accept."""
    problems = []
    if settings.CONSENT_ACCEPT_MAX_AGE_DAYS > LONGEST_ACCEPTANCE_DAYS:
        problems.append(
            Warning(
                "CONSENT_ACCEPT_MAX_AGE_DAYS is longer than 13 months.",
                hint=f"Set it to {LONGEST_ACCEPTANCE_DAYS} days or fewer.",
                id="newsroom.W001",
            )
        )
    if settings.CONSENT_REFUSE_MAX_AGE_DAYS > settings.CONSENT_ACCEPT_MAX_AGE_DAYS:
        problems.append(
            Warning(
                "CONSENT_REFUSE_MAX_AGE_DAYS is longer than CONSENT_ACCEPT_MAX_AGE_DAYS.",
                hint="A refusal should be remembered for 6 months (182 days).",
                id="newsroom.W002",
            )
        )
    return problems


@dataclass(frozen=True)
class CookieDeclaration:
    """One cookie as the reader is told about it.

    ``name`` may end in ``*`` for a family of cookies (``_ga_*``). ``provider`` is empty for
    cookies set on this site's own domain (the site can delete those); a host name there
    means the cookie lives on that provider's domain, out of the site's reach.
    """

    name: str
    purpose: str
    lifetime: str
    path: str = "/"
    domain: str | None = None
    provider: str = ""

    @property
    def first_party(self) -> bool:
        return not self.provider

    def matches(self, cookie_name: str) -> bool:
        return fnmatch.fnmatchcase(cookie_name, self.name)


@dataclass(frozen=True)
class Category:
    key: str
    name: str
    description: str
    cookies: tuple[CookieDeclaration, ...] = field(default_factory=tuple)

    @property
    def optional(self) -> bool:
        return self.key != NECESSARY


def _necessary() -> Category:
    return Category(
        key=NECESSARY,
        name="Strictly necessary",
        description=(
            "What the site cannot work without. These cookies are exempt from consent and "
            "cannot be switched off; readers who only read stories get none but the one that "
            "remembers their choice."
        ),
        cookies=(
            CookieDeclaration(
                name=settings.CONSENT_COOKIE_NAME,
                purpose=(
                    "Remembers your cookie choice, so we do not ask again on every page; "
                    "set only after you choose."
                ),
                lifetime="13 months after an acceptance, 6 months after a refusal",
            ),
            CookieDeclaration(
                name=settings.CSRF_COOKIE_NAME,
                purpose=(
                    "Protects forms against forgery; set only on pages with a form that "
                    "changes something, such as the staff login."
                ),
                lifetime="1 year",
            ),
            CookieDeclaration(
                name=settings.SESSION_COOKIE_NAME,
                purpose="Keeps staff signed in to the editing desk; never set for readers.",
                lifetime="2 weeks",
            ),
        ),
    )


def _optional() -> tuple[Category, ...]:
    return (
        Category(
            key="analytics",
            name="Audience measurement",
            description=(
                "Counts visits and pages read, so the newsroom knows which stories readers "
                "find useful. Off unless you allow it."
            ),
            cookies=(
                CookieDeclaration(
                    name="_ga",
                    purpose="Tells visits apart for audience statistics.",
                    lifetime="2 years",
                ),
                CookieDeclaration(
                    name="_ga_*",
                    purpose="Keeps the state of the current visit for audience statistics.",
                    lifetime="2 years",
                ),
            ),
        ),
        Category(
            key="media",
            name="Embedded media",
            description=(
                "Videos, maps and posts from other services shown inside stories. Those "
                "services may set their own cookies when the content loads."
            ),
            cookies=(
                CookieDeclaration(
                    name="YSC",
                    purpose="Set by the video service to count views of an embedded video.",
                    lifetime="until the browser closes",
                    domain=".youtube.com",
                    provider="youtube.com",
                ),
                CookieDeclaration(
                    name="VISITOR_INFO1_LIVE",
                    purpose="Set by the video service to estimate the reader's bandwidth.",
                    lifetime="6 months",
                    domain=".youtube.com",
                    provider="youtube.com",
                ),
            ),
        ),
        Category(
            key="advertising",
            name="Advertising",
            description=(
                "Measures whether advertisements on the site are seen and lets advertisers "
                "show fewer repeated ones. Off unless you allow it."
            ),
            cookies=(
                CookieDeclaration(
                    name="_gcl_au",
                    purpose="Links an advertisement click to a later visit.",
                    lifetime="3 months",
                ),
            ),
        ),
    )


def categories() -> tuple[Category, ...]:
    """Every category, necessary first. Built on each call so settings overrides apply."""
    return (_necessary(), *_optional())


def optional_categories() -> tuple[Category, ...]:
    return tuple(category for category in categories() if category.optional)


def optional_keys() -> tuple[str, ...]:
    return tuple(category.key for category in optional_categories())


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


def _accept_max_age() -> timedelta:
    return timedelta(days=settings.CONSENT_ACCEPT_MAX_AGE_DAYS)


def _refuse_max_age() -> timedelta:
    return timedelta(days=settings.CONSENT_REFUSE_MAX_AGE_DAYS)


def max_age_for(granted: frozenset[str]) -> timedelta:
    """An acceptance lasts 13 months at most; a refusal of everything optional, 6."""
    return _accept_max_age() if granted else _refuse_max_age()


def read_signed_payload(request: HttpRequest) -> dict | None:
    """The cookie's content if its signature holds and it is not older than any choice may be.

    Anything else (absent, malformed, tampered, signed with another key, too old) is None.
    """
    raw = request.COOKIES.get(settings.CONSENT_COOKIE_NAME)
    if not raw:
        return None
    try:
        payload = signing.loads(raw, salt=COOKIE_SALT, max_age=_accept_max_age())
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
    if payload.get("r") != settings.CONSENT_POLICY_REVISION:
        return None
    granted_keys = frozenset(granted) & frozenset(optional_keys())
    decided = datetime.fromtimestamp(decided_at, tz=UTC)
    if datetime.now(tz=UTC) - decided > max_age_for(granted_keys):
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
        "r": settings.CONSENT_POLICY_REVISION,
        "g": sorted(granted),
        "t": int(decided_at.timestamp()),
        "m": method,
    }
    response.set_cookie(
        settings.CONSENT_COOKIE_NAME,
        signing.dumps(payload, salt=COOKIE_SALT),
        max_age=int(max_age_for(granted).total_seconds()),
        path="/",
        domain=settings.CONSENT_COOKIE_DOMAIN,
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


def banner_markup() -> str:
    """The banner, choices dialog, no-JavaScript form and gated scripts, injected in pages.

    The same bytes for every request, so a cached page serves every reader: the reader's
    own choice decides nothing here, consent.js does that in the browser.
    """
    from newsroom.models import enabled_scripts

    return _rendered_banner(
        site_name=settings.SITE_NAME,
        policy_revision=settings.CONSENT_POLICY_REVISION,
        cookie_names=(
            settings.CONSENT_COOKIE_NAME,
            settings.CSRF_COOKIE_NAME,
            settings.SESSION_COOKIE_NAME,
        ),
        max_ages=(int(_accept_max_age().total_seconds()), int(_refuse_max_age().total_seconds())),
        scripts=tuple(enabled_scripts()),
    )


# Rendering takes about 2 ms and the inputs rarely change, so each combination is kept.
@functools.lru_cache(maxsize=16)
def _rendered_banner(
    *,
    site_name: str,
    policy_revision: str,
    cookie_names: tuple[str, ...],
    max_ages: tuple[int, int],
    scripts: tuple[tuple[str, str], ...],
) -> str:
    return render_to_string(
        "consent/banner.html",
        {
            "SITE_NAME": site_name,
            "categories": categories(),
            "scripts": scripts,
            "policy_revision": policy_revision,
            "cookie_name": cookie_names[0],
            "accept_max_age": max_ages[0],
            "refuse_max_age": max_ages[1],
        },
    )


def banner_text_hash() -> str:
    """SHA-256 of the words the banner and its dialog show, kept with each record as proof."""
    words = " ".join(strip_tags(banner_markup()).split())
    return hashlib.sha256(words.encode()).hexdigest()
