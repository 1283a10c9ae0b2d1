"""Search in Dari, Pashto and English: each page searches its own language's stories, and a
Dari or Pashto word is found whichever keyboard typed it, in the story or in the query."""

import re

import pytest
from django.db import connection
from django.db.models import Value
from django.utils import translation

from articles.models import Article
from articles.search_text import (
    REMOVED,
    REPLACED,
    SEARCH_CONFIGS,
    SQL_FUNCTION,
    Normalised,
    normalise,
    search_config,
    sql_normalised,
)
from tests.factories import ArticleFactory
from tests.html import parse

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search configurations need PostgreSQL"
)

# Each language's search page, as readers reach it.
SEARCH_PAGES = {"en": "/search/", "fa-af": "/fa-af/search/", "ps": "/ps/search/"}


@pytest.fixture(autouse=True)
def later_tests_start_in_the_first_language():
    """A request to a /fa-af/ or /ps/ page leaves its language active in this thread, where the
    next test's ``reverse()`` would put it in the address."""
    yield
    translation.deactivate()


# Every character the normalisation replaces or removes.
EVERY_FORM = "".join(REPLACED) + "".join(
    chr(code) for first, last in REMOVED for code in range(first, last + 1)
)


def story(language: str, headline: str, standfirst: str = "", body: str = "") -> Article:
    """A published story written in ``language``, with nothing in English unless it is."""
    return ArticleFactory(
        published=True,
        language=language,
        headline=headline,
        standfirst=standfirst,
        body=f"<p>{body or headline}</p>",
    )


def search(client, language: str, query: str):
    response = client.get(SEARCH_PAGES[language], {"q": query})
    assert response.status_code == 200
    return parse(response)


def headlines_found(client, language: str, query: str) -> list[str]:
    """The headlines a reader of ``language`` sees for ``query``."""
    page = search(client, language, query)
    return [h2.text for h2 in page.find_all("h2", class_="search-result__headline")]


def marked_words(client, language: str, query: str) -> list[str]:
    """The words the results' snippets mark."""
    response = client.get(SEARCH_PAGES[language], {"q": query})
    snippets = re.findall(
        r'<p class="search-result__snippet">(.*?)</p>', response.content.decode(), re.S
    )
    return [word for snippet in snippets for word in re.findall(r"<mark>(.*?)</mark>", snippet)]


# What the normalisation does.


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("\u064a", "\u06cc"),  # ي
        ("\u0649", "\u06cc"),  # ى
        ("\u0643", "\u06a9"),  # ك
        ("\u06c1", "\u0647"),  # ہ
        ("\u06d5", "\u0647"),  # ە
        ("\u06c0", "\u0647"),  # ۀ
        ("\u0629", "\u0647"),  # ة
        ("\u0623", "\u0627"),  # أ
        ("\u0625", "\u0627"),  # إ
        ("\u0671", "\u0627"),  # ٱ
        ("\u0624", "\u0648"),  # ؤ
    ],
)
def test_arabic_letter_forms_read_as_the_persian_and_pashto_ones(typed, read):
    assert normalise(f"x{typed}x") == f"x{read}x"


def test_a_word_typed_on_an_arabic_keyboard_reads_as_written_on_a_persian_one():
    assert normalise("كشاورزي") == "کشاورزی"


def test_diacritics_superscript_alef_and_tatweel_are_dropped():
    assert normalise("کِتابـــ") == "کتاب"
    assert normalise("مُدَرِّسَه") == "مدرسه"
    assert normalise("هٰذا") == "هذا"
    assert normalise("خانهٔ") == "خانه"


def test_zero_width_non_joiner_separates_the_parts_of_a_word():
    assert normalise("کتاب\u200cها") == "کتاب ها"


def test_eastern_digits_read_as_ascii():
    assert normalise("سال ۱۴۰۵ و ٢٠٢٦") == "سال 1405 و 2026"


def test_latin_text_punctuation_and_other_letters_are_left_as_they_are():
    text = "Farmers' “harvest” in Kandahar, 1405 — ښوونځی ګل ې ۍ ئ"

    assert normalise(text) == text


def test_normalising_twice_changes_nothing():
    once = normalise(EVERY_FORM + " کِتاب\u200cها ۱۴۰۵")

    assert normalise(once) == once


def test_english_is_stemmed_and_dari_and_pashto_are_matched_word_for_word():
    assert SEARCH_CONFIGS == {
        "en": "pg_catalog.english",
        "fa-af": "pg_catalog.simple",
        "ps": "pg_catalog.simple",
    }
    assert search_config("uz") == "pg_catalog.simple"


def test_the_normalising_sql_takes_no_parameters_and_needs_no_escaping_of_percent():
    assert "%" not in sql_normalised("body")


@pytest.mark.django_db
def test_the_database_reads_a_story_as_python_does():
    ArticleFactory(headline=EVERY_FORM + " کِتاب\u200cها ۱۴۰۵ Kabul")

    stored, given = (
        Article.objects.annotate(stored=Normalised("headline"), given=Normalised(Value("ك\u0640ي")))
        .values_list("stored", "given")
        .get()
    )

    assert stored == normalise(EVERY_FORM + " کِتاب\u200cها ۱۴۰۵ Kabul")
    assert given == "کی"


@on_postgresql
@pytest.mark.django_db
def test_the_normalising_sql_is_the_python_normalisation():
    text = EVERY_FORM + " کِتاب\u200cها ۱۴۰۵ Kabul"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {SQL_FUNCTION}(%s)", [text])  # noqa: S608 - our own SQL
        [(normalised,)] = cursor.fetchall()

    assert normalised == normalise(text)


@on_postgresql
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fa-af", "ps"])
def test_stored_documents_hold_the_words_as_queries_are_normalised(language):
    """The generated column (migration 0012) reads stories as ``normalise`` reads queries."""
    article = story(
        language,
        headline="گزارش كشاورزي " + EVERY_FORM,
        standfirst="مـــدرسه‌های ۱۴۰۵ Harvesting",
        body="دانِشگاه &amp; <b>کابل</b>",
    )
    # Markup and entities go as migration 0012 strips them.
    body = re.sub(r"<[^>]*>|&[#a-zA-Z0-9]+;", " ", article.body)
    config = search_config(language)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_document = setweight(to_tsvector(%s::regconfig, %s), 'A')"
            " || setweight(to_tsvector(%s::regconfig, %s), 'B')"
            " || setweight(to_tsvector(%s::regconfig, %s), 'C')"
            " FROM articles_article WHERE id = %s",
            [
                *(config, normalise(article.headline)),
                *(config, normalise(article.standfirst)),
                *(config, normalise(body)),
                article.pk,
            ],
        )
        [(same,)] = cursor.fetchall()

    assert same


# What readers find.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "written", "typed"),
    [
        ("fa-af", "کمک به کشاورزی در کندهار", "كشاورزي"),
        ("ps", "په کلي کې نوی روغتون", "كلي"),
    ],
    ids=["dari", "pashto"],
)
def test_a_story_written_with_persian_letters_is_found_by_a_query_typed_with_arabic_ones(
    reader_client, language, written, typed
):
    found = story(language, written)
    story(language, "خبر دیگر")

    assert headlines_found(reader_client, language, typed) == [found.headline]


@pytest.mark.django_db
def test_a_story_written_with_arabic_letters_is_found_by_a_query_typed_with_persian_ones(
    reader_client,
):
    found = story("fa-af", "كمك به كشاورزي")

    assert headlines_found(reader_client, "fa-af", "کشاورزی") == [found.headline]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("افتتاح مـــدرسه جدید", "مدرسه"),
        ("افتتاح دانِشگاهِ جدید", "دانشگاه"),
        ("توزیع کتاب\u200cها", "کتاب"),
        ("توزیع کتاب ها", "کتاب\u200cها"),
        ("افتتاح دانشگاه جدید", "دانِشگاه"),
    ],
    ids=["tatweel", "diacritics", "zwnj-in-the-story", "zwnj-in-the-query", "diacritics-typed"],
)
def test_a_word_is_found_whether_stretched_vowelled_or_joined(reader_client, written, typed):
    found = story("fa-af", "گزارش", standfirst="خبر روز", body=written)

    assert headlines_found(reader_client, "fa-af", typed) == [found.headline]


@pytest.mark.django_db
def test_eastern_and_western_digits_find_each_other(reader_client):
    eastern = story("fa-af", "بودجه سال ۱۴۰۵")
    western = story("fa-af", "بودجه سال 1404")

    assert headlines_found(reader_client, "fa-af", "1405") == [eastern.headline]
    assert headlines_found(reader_client, "fa-af", "۱۴۰۴") == [western.headline]


@pytest.mark.django_db
def test_english_search_still_finds_other_forms_of_a_word(reader_client):
    found = story("en", "Farmers are harvesting early")

    assert headlines_found(reader_client, "en", "harvest farmer") == [found.headline]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fa-af", "ps"])
def test_each_language_searches_only_its_own_stories(reader_client, language):
    headlines = {
        "en": "UNICEF opens schools in Herat",
        "fa-af": "UNICEF مکتب‌ها را در هرات باز کرد",
        "ps": "UNICEF په هرات کې ښوونځي پرانیستل",
    }
    for code, headline in headlines.items():
        story(code, headline)

    assert headlines_found(reader_client, language, "unicef") == [headlines[language]]


@pytest.mark.django_db
def test_a_dari_word_does_not_find_the_english_story_it_appears_in(reader_client):
    story("en", "The word کابل in English copy")

    assert headlines_found(reader_client, "fa-af", "کابل") == []


@pytest.mark.django_db
def test_the_snippet_marks_the_word_however_it_was_typed(reader_client):
    story("fa-af", "گزارش", standfirst="کمک‌های تازه به کشاورزی در کندهار رسید.")

    assert marked_words(reader_client, "fa-af", "كشاورزي") == ["کشاورزی"]


@pytest.mark.django_db
def test_the_snippet_keeps_the_zero_width_non_joiner_inside_words(reader_client):
    story("fa-af", "گزارش", standfirst="مکتب‌ها در کابل درس‌های تازه آغاز می‌کنند.")

    page = search(reader_client, "fa-af", "کابل")

    [snippet] = page.find_all("p", class_="search-result__snippet")
    assert snippet.text == "مکتب\u200cها در کابل درس\u200cهای تازه آغاز می\u200cکنند. گزارش"
    assert [mark.text for mark in snippet.find_all("mark")] == ["کابل"]


@pytest.mark.django_db
def test_the_snippet_marks_a_word_the_story_wrote_with_diacritics(reader_client):
    story("fa-af", "گزارش", standfirst="دیروز دانِشگاهِ تازه در کابل باز شد.")

    assert marked_words(reader_client, "fa-af", "دانشگاه") == ["دانشگاه"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["\u064e\u0650", "\u0640\u0640", "\u200c"])
def test_a_query_of_only_marks_answers_with_an_empty_page(reader_client, query):
    story("fa-af", "گزارش")

    assert headlines_found(reader_client, "fa-af", query) == []
