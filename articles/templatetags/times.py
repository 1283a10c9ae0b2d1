"""Times as machines read them, the same in every template of the site and the desk, and
dates as readers read them, in the calendar and digits of the page's language."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from articles import calendars

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


@register.filter
def news_date(value: date | None) -> str:
    """The day, ``7 December 2026`` or ``۱۶ قوس ۱۴۰۵``: the page's language picks the calendar.

    Dari and Pashto readers date days in the Solar Hijri calendar (articles/calendars.py).
    """
    if value is None:
        return ""
    return calendars.news_date(value, get_language())


@register.filter
def news_datetime(value: datetime | None) -> str:
    """The day and time, ``7 December 2026, 14:30`` or ``۱۶ قوس ۱۴۰۵، ۱۴:۳۰``."""
    if value is None:
        return ""
    return calendars.news_date(value, get_language(), with_time=True)


@register.filter
def news_datetime_short(value: datetime | None) -> str:
    """As ``news_datetime`` with English months cut short, ``7 Dec 2026, 14:30``, for cards."""
    if value is None:
        return ""
    return calendars.news_date(value, get_language(), with_time=True, short=True)


@register.filter
def news_time(value: datetime | None) -> str:
    """The time of day alone, ``14:30`` or ``۱۴:۳۰``, for the latest-news list."""
    if value is None:
        return ""
    return calendars.time_of_day(value, get_language())


@register.filter
def local_digits(value) -> str:
    """A number in the page's digits: ``12`` on English pages, ``۱۲`` on Dari and Pashto ones."""
    return calendars.localised_digits(str(value), get_language())
