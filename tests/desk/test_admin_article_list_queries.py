"""The editing desk's story list costs the same whatever the size of the archive."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from desk.story_list import CappedCountPaginator
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"


def make_stories(count: int) -> None:
    sections = [SectionFactory() for _ in range(3)]
    authors = [AuthorFactory() for _ in range(4)]
    for number in range(count):
        ArticleFactory(
            published=number % 2 == 0,
            section=sections[number % 3],
            authors=[authors[number % 4], authors[(number + 1) % 4], authors[(number + 2) % 4]],
            tags=["Water", f"Tag {number % 7}", f"Tag {number % 11}"],
        )


@pytest.fixture(autouse=True)
def stories_committed(run_committed_work):
    """What saving stories sets off for readers' pages is done before the list is read."""
    return run_committed_work


def list_page_queries(client, stories_committed) -> list[str]:
    stories_committed()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST_URL)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("client_name", ["administrator_client", "editor_client"])
def test_story_list_issues_as_many_queries_for_60_stories_as_for_5(
    request, client_name, stories_committed
):
    client = request.getfixturevalue(client_name)
    make_stories(5)
    few = list_page_queries(client, stories_committed)
    make_stories(55)
    many = list_page_queries(client, stories_committed)

    assert len(many) == len(few)


def test_story_list_stays_within_its_query_budget(
    administrator_client, django_assert_max_num_queries
):
    make_stories(60)
    # Session and user (2), the section and author filters' choices (2), the capped count
    # (1), the page of stories (1), their bylines and those bylines' authors (2), and the
    # date bar's first and last publication (1): 9, none of them repeated per story.
    with django_assert_max_num_queries(9):
        response = administrator_client.get(LIST_URL)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 60


def test_story_list_never_counts_the_whole_table(
    administrator_client, monkeypatch, stories_committed
):
    monkeypatch.setattr(CappedCountPaginator, "COUNT_CAP", 7)
    make_stories(12)

    queries = list_page_queries(administrator_client, stories_committed)

    counts = [sql for sql in queries if "COUNT(" in sql.upper()]
    assert counts, "the list counts the stories it can page through"
    assert all("LIMIT 8" in sql.upper() for sql in counts), counts


def test_date_bar_offers_every_year_of_the_archive_without_reading_every_story(
    editor_client, settings, stories_committed
):
    settings.TIME_ZONE = "UTC"
    for year in (2023, 2025):
        ArticleFactory(published=True, published_at=f"{year}-06-15T12:00:00+00:00")
    stories_committed()

    with CaptureQueriesContext(connection) as captured:
        page = editor_client.get(LIST_URL).content.decode()
    years = [f'?published_at__year={year}">{year}</a>' for year in (2023, 2024, 2025)]
    assert all(year in page for year in years)
    assert not any("DISTINCT" in query["sql"].upper() for query in captured.captured_queries)

    within_2025 = editor_client.get(LIST_URL + "?published_at__year=2025").content.decode()
    assert "?published_at__month=6&amp;published_at__year=2025" in within_2025
