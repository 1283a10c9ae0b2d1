"""Search: it finds published stories, ranks them, highlights safely and never breaks."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["in_review", "sent_back", "scheduled", "unpublished", "trashed"]
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranked full-text search needs PostgreSQL"
)


class ResultsPage(HTMLParser):
    """The headlines listed on a search page, in order, and the snippets' HTML."""

    def __init__(self, html: str):
        super().__init__()
        self.headlines: list[str] = []
        self._in_headline = False
        self.feed(html)
        self.snippets = re.findall(r'<p class="search-result__snippet">(.*?)</p>', html, re.S)

    def handle_starttag(self, tag, attrs):
        self._in_headline = self._in_headline or ("class", "search-result__headline") in attrs

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in_headline = False

    def handle_data(self, data):
        if self._in_headline and data.strip():
            self.headlines.append(data.strip())


def stories_an_hour_apart(count: int, headline: str, **fields) -> list[Article]:
    now = timezone.now()
    return [
        ArticleFactory(
            published=True,
            headline=f"{headline} {number}",
            published_at=now - timedelta(hours=number),
            **fields,
        )
        for number in range(count)
    ]


def search(client, query: str | None, **params):
    if query is not None:
        params["q"] = query
    response = client.get(reverse("articles:search"), params)
    assert response.status_code == 200
    return response, ResultsPage(response.content.decode())


def test_search_address_is_stable():
    assert reverse("articles:search") == "/search/"


def test_search_finds_published_stories_only(reader_client):
    found = ArticleFactory(published=True, headline="Pomegranate exports reach Europe")
    ArticleFactory(headline="Pomegranate draft")
    for state in HIDDEN_STATES:
        ArticleFactory(headline=f"Pomegranate {state}", **{state: True})

    _response, page = search(reader_client, "pomegranate")

    assert page.headlines == [found.headline]


def test_every_word_must_match(reader_client):
    both = ArticleFactory(published=True, headline="Saffron growers in Herat")
    ArticleFactory(published=True, headline="Saffron prices in Kabul")

    _response, page = search(reader_client, "saffron herat")

    assert page.headlines == [both.headline]


def test_search_looks_in_standfirst_and_body_text_but_not_in_markup(reader_client):
    in_standfirst = ArticleFactory(
        published=True, headline="Roads", standfirst="A new highway to Mazar."
    )
    in_body = ArticleFactory(
        published=True, headline="Schools", body="<p>Teachers in Mazar were paid.</p>"
    )
    ArticleFactory(published=True, headline="Markup", body="<p><strong>Nothing</strong></p>")

    _response, page = search(reader_client, "mazar")
    _response, markup = search(reader_client, "strong")

    assert sorted(page.headlines) == sorted([in_standfirst.headline, in_body.headline])
    if connection.vendor == "postgresql":
        assert markup.headlines == []


@on_postgresql
def test_headline_match_ranks_above_standfirst_above_body(reader_client):
    now = timezone.now()
    in_body = ArticleFactory(
        published=True,
        headline="Parliament sits",
        body="<p>Members discussed irrigation.</p>",
        published_at=now - timedelta(hours=1),
    )
    in_headline = ArticleFactory(
        published=True, headline="Irrigation plan approved", published_at=now - timedelta(days=3)
    )
    in_standfirst = ArticleFactory(
        published=True,
        headline="Farmers gather",
        standfirst="They asked for irrigation.",
        published_at=now - timedelta(days=2),
    )

    _response, page = search(reader_client, "irrigation")

    assert page.headlines == [in_headline.headline, in_standfirst.headline, in_body.headline]


@on_postgresql
def test_web_search_syntax_phrases_exclusions_and_or(reader_client):
    ArticleFactory(published=True, headline="Copper mine opens in Logar")
    ArticleFactory(published=True, headline="Mine clearance in Logar")
    ArticleFactory(published=True, headline="Gold mine opens in Badakhshan")

    _r, phrase = search(reader_client, '"mine opens"')
    _r, excluded = search(reader_client, "mine -gold")
    _r, either = search(reader_client, "copper or gold")

    assert sorted(phrase.headlines) == [
        "Copper mine opens in Logar",
        "Gold mine opens in Badakhshan",
    ]
    assert sorted(excluded.headlines) == ["Copper mine opens in Logar", "Mine clearance in Logar"]
    assert sorted(either.headlines) == [
        "Copper mine opens in Logar",
        "Gold mine opens in Badakhshan",
    ]


@on_postgresql
def test_search_ignores_word_endings(reader_client):
    story = ArticleFactory(published=True, headline="Farmers are harvesting early")

    _response, page = search(reader_client, "harvest farmer")

    assert page.headlines == [story.headline]


@on_postgresql
def test_stories_inserted_in_bulk_are_searchable(reader_client):
    section = ArticleFactory(published=True, headline="Unrelated").section
    Article.objects.bulk_create(
        Article(
            headline=f"Imported wire story {number}",
            slug=f"imported-wire-story-{number}",
            body="<p>Caravans crossed the Salang pass.</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(minutes=number + 1),
        )
        for number in range(3)
    )

    _response, page = search(reader_client, "salang")

    assert page.headlines == [f"Imported wire story {number}" for number in range(3)]


@on_postgresql
def test_an_edited_story_is_found_by_its_new_words(reader_client):
    story = ArticleFactory(published=True, headline="Bridge closed")

    story.headline = "Bridge reopened"
    story.save()

    assert search(reader_client, "reopened")[1].headlines == ["Bridge reopened"]


@on_postgresql
def test_search_uses_the_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM articles_article "
            "WHERE search_document @@ websearch_to_tsquery('english', 'budget')"
        )
        plan = " ".join(row[0] for row in cursor.fetchall())

    assert "article_search_document_idx" in plan


@on_postgresql
def test_a_storys_search_document_is_kept_in_its_row():
    """Ranking reads each match's document: kept in the row, it costs no TOAST lookup."""
    words = " ".join(f"word{number}" for number in range(300))
    story = ArticleFactory(published=True, headline="Harvest report", body=f"<p>{words}</p>")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_size(search_document) FROM articles_article WHERE id = %s",
            [story.pk],
        )
        (document_size,) = cursor.fetchone()
        cursor.execute(
            "SELECT reltoastrelid::regclass FROM pg_class WHERE oid = 'articles_article'::regclass"
        )
        (toast_table,) = cursor.fetchone()
        # What this transaction stored out of line: the story is the only one it wrote.
        cursor.execute(f"SELECT coalesce(sum(octet_length(chunk_data)), 0) FROM {toast_table}")  # noqa: S608
        (stored_out_of_line,) = cursor.fetchone()

    assert document_size > 2_000  # Wider than a row keeps by default.
    assert stored_out_of_line < document_size  # The body went out instead.


def test_query_of_only_common_words_finds_nothing_but_answers(reader_client):
    ArticleFactory(published=True, headline="The state of the roads")

    response, page = search(reader_client, "the of")

    if connection.vendor == "postgresql":
        assert page.headlines == []
        assert "No stories match “<bdi>the of</bdi>”." in response.content.decode()
    else:
        assert page.headlines == ["The state of the roads"]


def test_equally_good_matches_come_newest_first(reader_client):
    now = timezone.now()
    older = ArticleFactory(
        published=True, headline="Flood warning", published_at=now - timedelta(days=2)
    )
    newer = ArticleFactory(
        published=True, headline="Flood warning", published_at=now - timedelta(hours=2)
    )

    _response, page = search(reader_client, "flood")

    assert page.headlines == [newer.headline, older.headline]


def test_snippet_highlights_matches_and_escapes_everything_else(reader_client):
    ArticleFactory(
        published=True,
        headline="Budget",
        standfirst="The <script>alert(1)</script> budget & the bazaar.",
        body="<p>The bazaar &amp; the budget.</p>",
    )

    _response, page = search(reader_client, "bazaar")

    [snippet] = page.snippets
    assert "<mark>bazaar</mark>" in snippet
    assert "<script>" not in snippet
    assert "budget &amp; the" in snippet
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0


def test_a_searched_word_spelt_like_an_escaped_character_leaves_the_snippet_readable(
    reader_client,
):
    ArticleFactory(
        published=True,
        headline="Salt",
        body='<p>Salt &amp; pepper, O\'Brien said, and amp up the "quote" x27 stall.</p>',
    )

    _response, page = search(reader_client, "amp quot x27")

    [snippet] = page.snippets
    assert "Salt &amp; pepper, O&#x27;Brien said" in snippet
    assert "<mark>amp</mark> up the &quot;<mark>quote</mark>&quot; <mark>x27</mark>" in snippet


def test_snippet_shows_the_words_around_a_match_deep_in_the_story(reader_client):
    filler = " ".join(f"word{number}" for number in range(300))
    ArticleFactory(
        published=True,
        headline="Provinces report",
        standfirst="What the provinces said.",
        body=f"<p>{filler}</p><p>Farmers in Balkh began the <b>harvesting</b> of wheat.</p>"
        f"<p>{filler.replace('word', 'later')}</p>",
    )

    _response, page = search(reader_client, "harvest")

    [snippet] = page.snippets
    assert snippet.startswith("… ")
    assert "Farmers in Balkh began the <mark>harvesting</mark> of wheat." in snippet
    assert snippet.endswith(" …")
    assert "word0 " not in snippet


def test_a_story_found_by_its_headline_alone_shows_its_opening(reader_client):
    ArticleFactory(
        published=True,
        headline="Pomegranates",
        standfirst="The orchards of Kandahar had a good year.",
        body="<p>Growers sent more fruit abroad than ever.</p>",
    )

    _response, page = search(reader_client, "pomegranates")

    [snippet] = page.snippets
    assert (
        snippet
        == "The orchards of Kandahar had a good year. Growers sent more fruit abroad than ever."
    )


def test_results_are_paginated_with_the_query_kept(reader_client):
    stories_an_hour_apart(25, "Election day")

    first, first_page = search(reader_client, "election")
    _second, second_page = search(reader_client, "election", page=2)

    assert len(first_page.headlines) == 20
    assert len(second_page.headlines) == 5
    assert "25 stories match “<bdi>election</bdi>”." in first.content.decode()
    assert 'href="?q=election&amp;page=2"' in first.content.decode()
    assert reader_client.get("/search/", {"q": "election", "page": 9}).status_code == 404


def test_empty_search_asks_for_words(reader_client):
    ArticleFactory(published=True)

    for query in [None, "", "   ", "\x01\t"]:
        response, page = search(reader_client, query)
        assert "Type something to search." in response.content.decode()
        assert page.headlines == []


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        "((((",
        "a & | ! ( ) : * <-> b",
        "-",
        "or or or",
        "the and of",
        "\x7f\x1b[31m",
        "%00",
        "'; DROP TABLE articles_article; --",
        "😀 نتیجه 選挙",
        "x" * 100_000,
        "budget " * 20_000,
    ],
    ids=lambda query: repr(query[:20]),
)
def test_odd_queries_answer_with_a_clear_page(reader_client, query):
    ArticleFactory(published=True, headline="Nothing odd here")

    response, page = search(reader_client, query)

    body = response.content.decode()
    assert "No stories match" in body or "Type something to search." in body or page.headlines
    assert Article.objects.exists()


def test_query_that_is_not_valid_utf8_answers_with_a_clear_page(reader_client):
    response = reader_client.get("/search/?q=%ED%A0%80%FF")

    assert response.status_code == 200
    assert "No stories match" in response.content.decode()


def test_a_long_query_is_cut_short_before_searching(reader_client):
    story = ArticleFactory(published=True, headline="Budget debate")

    response, page = search(reader_client, "budget " + "x" * 100_000)

    assert page.headlines == []
    assert 'value="budget xxx' in response.content.decode()
    assert "x" * 201 not in response.content.decode()
    assert story.headline not in page.headlines


def test_search_matches_non_latin_words(reader_client):
    story = ArticleFactory(published=True, headline="گزارش اقتصادی کابل")

    _response, page = search(reader_client, "اقتصادی")

    assert page.headlines == [story.headline]


def test_search_page_sets_no_cookie_and_has_no_csrf_token(reader_client):
    ArticleFactory(published=True, headline="Cookies")

    response, _page = search(reader_client, "cookies")

    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert 'method="get"' in response.content.decode()


def test_search_query_count_does_not_grow_with_results(
    reader_client, django_assert_max_num_queries
):
    stories_an_hour_apart(
        30, "Drought report", authors=[AuthorFactory(), AuthorFactory()], tags=["Weather"]
    )

    # 1 COUNT(*) for the paginator, 1 for the page of stories with their sections, 1 for
    # the bylines with their authors, on PostgreSQL 1 for the page's highlighted snippets,
    # and 1 for the section navigation while its cache is cold (new sections were just saved).
    with django_assert_max_num_queries(5):
        _response, page = search(reader_client, "drought")

    assert len(page.headlines) == 20
