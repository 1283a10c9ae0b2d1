"""Full addresses on the public site, for what is read away from any request."""

from django.conf import settings


def site_scheme() -> str:
    return "https" if settings.SECURE_SSL_REDIRECT else "http"


def site_url(path: str) -> str:
    """``path`` on the site's public host: e-mail and prepared pages have no request to ask."""
    return f"{site_scheme()}://{settings.SITE_DOMAIN}{path}"
