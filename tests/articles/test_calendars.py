"""Dari and Pashto readers see Solar Hijri dates with Afghan month names and Eastern digits;
English readers see the Gregorian dates they always saw."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from articles.calendars import localised_digits, news_date, time_of_day

KABUL = ZoneInfo("Asia/Kabul")
# 7 December 2026 is 16 Qaws 1405.
AFTERNOON = datetime(2026, 12, 7, 14, 30, tzinfo=KABUL)


@pytest.fixture(autouse=True)
def site_in_kabul(settings):
    settings.TIME_ZONE = "Asia/Kabul"


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load times %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("day", "dari", "pashto"),
    [
        (date(2026, 3, 21), "۱ حمل ۱۴۰۵", "۱ وری ۱۴۰۵"),  # Nowruz
        (date(2025, 3, 21), "۱ حمل ۱۴۰۴", "۱ وری ۱۴۰۴"),  # Nowruz
        (date(2026, 12, 7), "۱۶ قوس ۱۴۰۵", "۱۶ لیندۍ ۱۴۰۵"),
        (date(2026, 3, 20), "۲۹ حوت ۱۴۰۴", "۲۹ کب ۱۴۰۴"),  # the last day of 1404
    ],
)
def test_dari_and_pashto_dates_are_solar_hijri_with_afghan_month_names(day, dari, pashto):
    assert news_date(day, "fa-af") == dari
    assert news_date(day, "ps") == pashto


def test_every_month_has_its_afghan_name_not_the_iranian_one():
    first_days = [date(2026, 3, 21), date(2026, 4, 21), date(2026, 5, 22), date(2026, 6, 22)]
    first_days += [date(2026, 7, 23), date(2026, 8, 23), date(2026, 9, 23), date(2026, 10, 23)]
    first_days += [date(2026, 11, 22), date(2026, 12, 22), date(2027, 1, 21), date(2027, 2, 20)]

    dari = [news_date(day, "fa-af").split()[1] for day in first_days]
    pashto = [news_date(day, "ps").split()[1] for day in first_days]

    assert dari == [
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
    ]
    assert pashto == [
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
    ]


def test_dari_and_pashto_times_follow_an_arabic_comma_in_eastern_digits():
    assert news_date(AFTERNOON, "fa-af", with_time=True) == "۱۶ قوس ۱۴۰۵، ۱۴:۳۰"
    assert news_date(AFTERNOON, "ps", with_time=True) == "۱۶ لیندۍ ۱۴۰۵، ۱۴:۳۰"
    assert news_date(AFTERNOON, "ps", with_time=True, short=True) == "۱۶ لیندۍ ۱۴۰۵، ۱۴:۳۰"
    assert time_of_day(AFTERNOON, "fa-af") == "۱۴:۳۰"


def test_digits_are_the_persian_forms_not_the_arabic_ones():
    text = news_date(datetime(2026, 3, 24, 4, 56, tzinfo=KABUL), "fa-af", with_time=True)

    assert text == "۴ حمل ۱۴۰۵، ۰۴:۵۶"
    assert not set(text) & set("0123456789٠١٢٣٤٥٦٧٨٩")


def test_language_codes_are_read_in_any_case():
    assert news_date(AFTERNOON, "fa-AF") == "۱۶ قوس ۱۴۰۵"
    assert localised_digits("2026", "FA-AF") == "۲۰۲۶"
    assert localised_digits("2026", "en") == "2026"


def test_english_dates_are_unchanged_gregorian():
    assert news_date(AFTERNOON, "en") == "7 December 2026"
    assert news_date(AFTERNOON, "en", with_time=True) == "7 December 2026, 14:30"
    assert news_date(AFTERNOON, "en", with_time=True, short=True) == "7 Dec 2026, 14:30"
    assert news_date(date(2026, 12, 7), "en") == "7 December 2026"
    assert time_of_day(AFTERNOON, "en") == "14:30"


def test_english_dates_match_what_the_date_filter_showed():
    for fmt, filter_name in [
        ("j F Y", "news_date"),
        ("j F Y, H:i", "news_datetime"),
        ("j M Y, H:i", "news_datetime_short"),
        ("H:i", "news_time"),
    ]:
        before = render(f'{{{{ when|date:"{fmt}" }}}}', "en", when=AFTERNOON)
        assert render(f"{{{{ when|{filter_name} }}}}", "en", when=AFTERNOON) == before


def test_the_day_is_kabuls_not_utcs():
    # 19:45 UTC on 20 March 2026 is 00:15 on Nowruz in Kabul (UTC+4:30).
    just_after_midnight = datetime(2026, 3, 20, 19, 45, tzinfo=UTC)
    # 19:15 UTC is 23:45 on the last day of 1404 in Kabul.
    just_before_midnight = datetime(2026, 3, 20, 19, 15, tzinfo=UTC)

    assert news_date(just_after_midnight, "fa-af", with_time=True) == "۱ حمل ۱۴۰۵، ۰۰:۱۵"
    assert news_date(just_before_midnight, "fa-af", with_time=True) == "۲۹ حوت ۱۴۰۴، ۲۳:۴۵"
    assert news_date(just_after_midnight, "en", with_time=True) == "21 March 2026, 00:15"
    assert time_of_day(just_after_midnight, "ps") == "۰۰:۱۵"


@pytest.mark.parametrize(
    ("language", "day", "day_and_time", "card", "time"),
    [
        ("en", "7 December 2026", "7 December 2026, 14:30", "7 Dec 2026, 14:30", "14:30"),
        ("fa-af", "۱۶ قوس ۱۴۰۵", "۱۶ قوس ۱۴۰۵، ۱۴:۳۰", "۱۶ قوس ۱۴۰۵، ۱۴:۳۰", "۱۴:۳۰"),
        ("ps", "۱۶ لیندۍ ۱۴۰۵", "۱۶ لیندۍ ۱۴۰۵، ۱۴:۳۰", "۱۶ لیندۍ ۱۴۰۵، ۱۴:۳۰", "۱۴:۳۰"),
    ],
)
def test_filters_follow_the_pages_language(language, day, day_and_time, card, time):
    assert render("{{ when|news_date }}", language, when=AFTERNOON) == day
    assert render("{{ when|news_datetime }}", language, when=AFTERNOON) == day_and_time
    assert render("{{ when|news_datetime_short }}", language, when=AFTERNOON) == card
    assert render("{{ when|news_time }}", language, when=AFTERNOON) == time


def test_filters_show_nothing_for_a_story_not_yet_published():
    source = "{{ when|news_date }}{{ when|news_datetime }}{{ when|news_datetime_short }}"
    assert render(source + "{{ when|news_time }}", "fa-af", when=None) == ""
