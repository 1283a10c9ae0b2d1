"""The consent app's settings, with the defaults it has in a project that sets none."""

from django.conf import settings

DEFAULTS = {
    "CONSENT_POLICY_REVISION": "1",
    "CONSENT_COOKIE_NAME": "cookie_consent",
    "CONSENT_COOKIE_DOMAIN": None,
    # The CNIL's ceilings: asked again after 13 months, a refusal kept for 6.
    "CONSENT_ACCEPT_MAX_AGE_DAYS": 395,
    "CONSENT_REFUSE_MAX_AGE_DAYS": 182,
    "CONSENT_RECORD_RETENTION_DAYS": 3 * 365,
    "SITE_NAME": "this site",
    # A dotted path to a function that writes a date for the page's language (a project
    # whose readers use another calendar); Django's date format when unset.
    "CONSENT_FORMAT_DATE": None,
}


def setting(name: str):
    """``settings.<name>`` when the project sets it, the app's default otherwise."""
    return getattr(settings, name, DEFAULTS[name])
