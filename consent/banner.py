"""The consent banner's markup, the same bytes for every reader, and the hash of its words."""

import functools
import hashlib

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.translation import get_language, override

from consent.conf import setting
from consent.models import enabled_scripts
from consent.registry import accept_max_age, categories, refuse_max_age


def banner_markup(language: str | None = None) -> str:
    """The banner, choices dialog, no-JavaScript form and gated scripts, injected in pages.

    The same bytes for every request of a language, so a cached page serves every reader:
    the reader's own choice decides nothing here, consent.js does that in the browser.
    """
    return _rendered_banner(
        language=language or get_language() or settings.LANGUAGE_CODE,
        site_name=setting("SITE_NAME"),
        policy_revision=setting("CONSENT_POLICY_REVISION"),
        cookie_names=(
            setting("CONSENT_COOKIE_NAME"),
            settings.CSRF_COOKIE_NAME,
            settings.SESSION_COOKIE_NAME,
        ),
        max_ages=(int(accept_max_age().total_seconds()), int(refuse_max_age().total_seconds())),
        scripts=tuple(enabled_scripts()),
    )


# Rendering takes about 2 ms and the inputs rarely change, so each combination is kept.
@functools.lru_cache(maxsize=16)
def _rendered_banner(
    *,
    language: str,
    site_name: str,
    policy_revision: str,
    cookie_names: tuple[str, ...],
    max_ages: tuple[int, int],
    scripts: tuple[tuple[str, str], ...],
) -> str:
    with override(language):
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


def banner_text_hash(language: str | None = None) -> str:
    """SHA-256 of the words the banner and its dialog show in the reader's language, kept
    with each record as proof."""
    words = " ".join(strip_tags(banner_markup(language)).split())
    return hashlib.sha256(words.encode()).hexdigest()
