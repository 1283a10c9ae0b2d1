"""Dates as readers in Afghanistan read them.

Dari and Pashto readers date their days in the Solar Hijri calendar, with the month names
used in Afghanistan (Hamal, Sawr, ..., not Iran's Farvardin, Ordibehesht, ...) and with
Eastern Arabic-Indic digits. English pages keep Django's Gregorian formats. The calendar
arithmetic is jdatetime's; this module only names the months and writes the digits.
"""

from datetime import date, datetime

import jdatetime
from django.utils import dateformat, timezone, translation

AFGHAN_MONTHS: dict[str, tuple[str, ...]] = {
    "fa-af": (
        "حمل",
        "ثور",
        "جوزا",
        "سرطان",
        "اسد",
        "سنبله",
        "میزان",
        "عقرب",
        "قوس",
        "جدی",
        "دلو",
        "حوت",
    ),
    "ps": (
        "وری",
        "غویی",
        "غبرګولی",
        "چنګاښ",
        "زمری",
        "وږی",
        "تله",
        "لړم",
        "لیندۍ",
        "مرغومی",
        "سلواغه",
        "کب",
    ),
}

# Extended Arabic-Indic digits (U+06F0–U+06F9), the forms Dari and Pashto use; Arabic's
# own (U+0660–U+0669) differ in 4, 5 and 6.
_EASTERN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# The formats English pages used before, so English output stays exactly the same.
_DATE = "j F Y"
_DATETIME = "j F Y, H:i"
_DATETIME_SHORT = "j M Y, H:i"


def _solar_hijri_months(language: str | None) -> tuple[str, ...] | None:
    """The Afghan month names for a language code in any case (``fa-AF``), or None."""
    return AFGHAN_MONTHS.get((language or "").lower())


def localised_digits(text: str, language: str | None) -> str:
    """Write Latin digits as Eastern Arabic-Indic ones for Dari and Pashto; else unchanged."""
    if _solar_hijri_months(language) is None:
        return text
    return text.translate(_EASTERN_DIGITS)


def _local(value: date) -> date:
    """An aware datetime in the site's zone (Kabul), so the day is the readers' day, not UTC's.

    Plain dates and naive datetimes are taken as already local, as Django's ``date`` filter
    takes them.
    """
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def news_date(
    value: date, language: str | None, *, with_time: bool = False, short: bool = False
) -> str:
    """The date of a story as readers of ``language`` write it.

    Dari and Pashto: ``۱۶ قوس ۱۴۰۵``, with the time ``۱۶ قوس ۱۴۰۵، ۱۴:۳۰``. Any other
    language: Django's ``date`` filter with the site's formats, ``7 December 2026``,
    ``7 December 2026, 14:30``, or with ``short`` ``7 Dec 2026, 14:30`` (story cards, where
    space is short; Solar Hijri month names have no short forms, so ``short`` changes nothing
    there). A plain date has no time of day, so ``with_time`` is ignored for it.
    """
    local = _local(value)
    with_time = with_time and isinstance(local, datetime)
    months = _solar_hijri_months(language)
    if months is None:
        fmt = (_DATETIME_SHORT if short else _DATETIME) if with_time else _DATE
        # Month names in the given language, as the filter shows them on that language's pages.
        with translation.override(language):
            return dateformat.format(local, fmt)
    day = jdatetime.date.fromgregorian(date=_as_date(local))
    text = f"{day.day} {months[day.month - 1]} {day.year}"
    if with_time:
        text += f"، {local:%H:%M}"
    return localised_digits(text, language)


def time_of_day(value: datetime, language: str | None) -> str:
    """Hours and minutes in the site's zone, ``14:30`` or ``۱۴:۳۰``, for the latest-news list."""
    return localised_digits(f"{_local(value):%H:%M}", language)


def _as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value
