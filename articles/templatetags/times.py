"""Times as machines read them, the same in every template of the site and the desk."""

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso_time(value: datetime | None) -> str:
    """ISO 8601 in the site's time zone, to the second: ``2026-12-01T16:03:37+04:30``.

    For ``<time datetime>``, Open Graph and sitemaps. Django's ``date:"c"`` adds the
    microseconds, and HTML validators accept at most three decimals.
    """
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
