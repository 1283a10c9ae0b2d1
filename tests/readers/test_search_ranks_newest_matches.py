"""Full-text search ranks only the newest matching stories, so its cost stays bounded."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from readers import search
from tests.factories import ArticleFactory
from tests.html import parse

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="ranked full-text search needs PostgreSQL"
    ),
]


def headlines_found(client, query: str) -> list[str]:
    """The headlines a reader sees on the first page of results for ``query``."""
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    return [h2.text for h2 in parse(response).find_all("h2", class_="search-result__headline")]


def test_newest_matching_stories_are_found_though_newer_stories_do_not_match(
    reader_client, monkeypatch
):
    monkeypatch.setattr(search, "RANKED_MATCHES", 2)
    now = timezone.now()
    older, newer, newest = (
        ArticleFactory(
            published=True,
            headline=f"Saffron harvest report {n}",
            published_at=now - timedelta(days=n),
        )
        for n in (3, 2, 1)
    )
    ArticleFactory(published=True, headline="Cricket final tonight", published_at=now)

    found = headlines_found(reader_client, "saffron")
    assert sorted(found) == sorted([newer.headline, newest.headline])
    assert older.headline not in found


@pytest.mark.parametrize(
    "matching_ages",
    [(1, 5, 6, 9, 11), (7, 8, 10), (0, 1, 2, 3), (2, 3, 4), (11,), ()],
    ids=["spread", "only-old", "all-new", "across-a-window-edge", "oldest-only", "none"],
)
def test_searching_window_by_window_finds_the_newest_matches(
    reader_client, monkeypatch, matching_ages
):
    # Three stories ranked, windows of three stories: most searches need several windows.
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    monkeypatch.setattr(search, "FIRST_WINDOW_PER_RANKED", 1)
    now = timezone.now()
    stories = [
        ArticleFactory(
            published=True,
            headline=f"Saffron report {age}" if age in matching_ages else f"Cricket {age}",
            # Stories 2 and 3 share a publication time, on the edge of the first window.
            published_at=now - timedelta(hours=age if age == 3 else age + 1),
        )
        for age in range(12)
    ]

    found = headlines_found(reader_client, "saffron")
    matching = [stories[age] for age in matching_ages]
    newest = sorted(matching, key=lambda story: (story.published_at, story.pk), reverse=True)
    assert sorted(found) == sorted(story.headline for story in newest[:3])


@pytest.fixture
def small_index_of_newest(monkeypatch):
    """Searches ranking three stories, windows of three, and six stories kept in the small
    index of the newest: the first window goes through it, older ones through the full one."""
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    monkeypatch.setattr(search, "FIRST_WINDOW_PER_RANKED", 1)
    monkeypatch.setattr(search, "RECENT_STORIES", 6)


@pytest.mark.parametrize(
    "matching_ages",
    [(1, 5, 6, 9, 11), (7, 8, 10), (0, 1, 2, 3), (11,)],
    ids=["spread", "only-old", "all-new", "oldest-only"],
)
def test_stories_older_than_the_newest_are_found_once_out_of_the_small_index(
    reader_client, small_index_of_newest, matching_ages
):
    now = timezone.now()
    stories = [
        ArticleFactory(
            published=True,
            headline=f"Saffron report {age}" if age in matching_ages else f"Cricket {age}",
            published_at=now - timedelta(hours=age + 1),
        )
        for age in range(12)
    ]
    search.forget_older_stories()

    found = headlines_found(reader_client, "saffron")
    newest = sorted((stories[age] for age in matching_ages), key=lambda story: story.published_at)
    assert sorted(found) == sorted(story.headline for story in newest[-3:])


def test_a_story_brought_back_from_the_archive_is_found_among_the_newest(
    reader_client, small_index_of_newest
):
    now = timezone.now()
    archived = ArticleFactory(
        published=True, headline="Saffron prices", published_at=now - timedelta(days=400)
    )
    for hours in range(8):
        ArticleFactory(
            published=True,
            headline=f"Cricket {hours}",
            published_at=now - timedelta(hours=hours + 1),
        )
    search.forget_older_stories()
    assert headlines_found(reader_client, "saffron") == ["Saffron prices"]

    # Republished as news (a plain UPDATE: no save, no editorial step, no clearing of marks).
    Article.objects.filter(pk=archived.pk).update(published_at=now - timedelta(minutes=5))
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_recent FROM articles_article WHERE id = %s", [archived.pk])
        assert cursor.fetchone() == (True,)

    assert headlines_found(reader_client, "saffron") == ["Saffron prices"]


def test_a_story_taken_down_leaves_the_small_index_when_marks_are_next_cleared(
    small_index_of_newest,
):
    story = ArticleFactory(published=True, headline="Saffron prices")
    Article.objects.filter(pk=story.pk).update(deleted_at=timezone.now())

    search.forget_older_stories()

    with connection.cursor() as cursor:
        cursor.execute("SELECT search_recent FROM articles_article WHERE id = %s", [story.pk])
        assert cursor.fetchone() == (False,)
