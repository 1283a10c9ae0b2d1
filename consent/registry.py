"""Cookie consent: the registry of categories and the cookies each sets, and their lifetimes.

Every cookie the site or a configured third-party script may set is declared here, in the
category that needs the reader's permission for it. The banner, the settings page, the
deletion of cookies on withdrawal and docs/consent.md all read this one registry.
"""

import fnmatch
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.utils.translation import gettext as _

from consent.conf import setting

NECESSARY = "necessary"
# The CNIL's ceilings: consent is asked again after 13 months; a refusal is kept no longer
# than an acceptance, so refusing never costs the reader more questions than accepting.
LONGEST_ACCEPTANCE_DAYS = 395


@register(Tags.security)
def check_consent_lifetimes(app_configs, **kwargs) -> list[Warning]:
    """Warn when settings would keep a choice longer than the regulators accept."""
    problems = []
    if setting("CONSENT_ACCEPT_MAX_AGE_DAYS") > LONGEST_ACCEPTANCE_DAYS:
        problems.append(
            Warning(
                "CONSENT_ACCEPT_MAX_AGE_DAYS is longer than 13 months.",
                hint=f"Set it to {LONGEST_ACCEPTANCE_DAYS} days or fewer.",
                id="consent.W001",
            )
        )
    if setting("CONSENT_REFUSE_MAX_AGE_DAYS") > setting("CONSENT_ACCEPT_MAX_AGE_DAYS"):
        problems.append(
            Warning(
                "CONSENT_REFUSE_MAX_AGE_DAYS is longer than CONSENT_ACCEPT_MAX_AGE_DAYS.",
                hint="A refusal should be remembered for 6 months (182 days).",
                id="consent.W002",
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
        name=_("Strictly necessary"),
        description=_(
            "What the site cannot work without. These cookies are exempt from consent and "
            "cannot be switched off; readers who only read stories get none but the one that "
            "remembers their choice."
        ),
        cookies=(
            CookieDeclaration(
                name=setting("CONSENT_COOKIE_NAME"),
                purpose=_(
                    "Remembers your cookie choice, so we do not ask again on every page; "
                    "set only after you choose."
                ),
                lifetime=_("13 months after an acceptance, 6 months after a refusal"),
            ),
            CookieDeclaration(
                name=settings.CSRF_COOKIE_NAME,
                purpose=_(
                    "Protects forms against forgery; set only on pages with a form that "
                    "changes something, such as the staff login."
                ),
                lifetime=_("1 year"),
            ),
            CookieDeclaration(
                name=settings.SESSION_COOKIE_NAME,
                purpose=_("Keeps staff signed in to the editing desk; never set for readers."),
                lifetime=_("2 weeks"),
            ),
        ),
    )


def _optional() -> tuple[Category, ...]:
    return (
        Category(
            key="analytics",
            name=_("Audience measurement"),
            description=_(
                "Counts visits and pages read, so the newsroom knows which stories readers "
                "find useful. Off unless you allow it."
            ),
            cookies=(
                CookieDeclaration(
                    name="_ga",
                    purpose=_("Tells visits apart for audience statistics."),
                    lifetime=_("2 years"),
                ),
                CookieDeclaration(
                    name="_ga_*",
                    purpose=_("Keeps the state of the current visit for audience statistics."),
                    lifetime=_("2 years"),
                ),
            ),
        ),
        Category(
            key="media",
            name=_("Embedded media"),
            description=_(
                "Videos, maps and posts from other services shown inside stories. Those "
                "services may set their own cookies when the content loads."
            ),
            cookies=(
                CookieDeclaration(
                    name="YSC",
                    purpose=_("Set by the video service to count views of an embedded video."),
                    lifetime=_("until the browser closes"),
                    domain=".youtube.com",
                    provider="youtube.com",
                ),
                CookieDeclaration(
                    name="VISITOR_INFO1_LIVE",
                    purpose=_("Set by the video service to estimate the reader's bandwidth."),
                    lifetime=_("6 months"),
                    domain=".youtube.com",
                    provider="youtube.com",
                ),
            ),
        ),
        Category(
            key="advertising",
            name=_("Advertising"),
            description=_(
                "Measures whether advertisements on the site are seen and lets advertisers "
                "show fewer repeated ones. Off unless you allow it."
            ),
            cookies=(
                CookieDeclaration(
                    name="_gcl_au",
                    purpose=_("Links an advertisement click to a later visit."),
                    lifetime=_("3 months"),
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


def accept_max_age() -> timedelta:
    return timedelta(days=setting("CONSENT_ACCEPT_MAX_AGE_DAYS"))


def refuse_max_age() -> timedelta:
    return timedelta(days=setting("CONSENT_REFUSE_MAX_AGE_DAYS"))


def max_age_for(granted: frozenset[str]) -> timedelta:
    """An acceptance lasts 13 months at most; a refusal of everything optional, 6."""
    return accept_max_age() if granted else refuse_max_age()
