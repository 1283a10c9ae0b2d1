"""Readers' pages cost a fixed number of SQL queries, however much there is to show.

The data is large enough to expose any per-story, per-byline or per-tag query: 30 stories
in three sections, each with three bylines, four tags and a correction. The page cache is
off so every request renders, cold: what a page shows of each story was prepared when the
story changed (readers/prepared.py). Each budget counts the section navigation, which a page
reads only when it changed since the last page (it is kept in the shared cache).
"""

import pytest
from django.db import connection

from articles.models import Correction, Tag, TagName
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

TAGS = ["water", "farming", "trade", "roads", "health", "schools"]


@pytest.fixture
def busy_newsroom(settings, run_committed_work):
    settings.FULL_PAGE_CACHE_SECONDS = 0
    sections = [SectionFactory(name=f"Desk {n}", slug=f"desk-{n}") for n in range(3)]
    authors = [AuthorFactory(name=f"Reporter {n}") for n in range(6)]
    stories = []
    for number in range(30):
        story = ArticleFactory(
            published=True,
            section=sections[number % 3],
            authors=[authors[(number + offset) % 6] for offset in range(3)],
            tags=[TAGS[(number + offset) % 6] for offset in range(4)],
        )
        Correction.objects.create(article=story, text=f"Note {number}.")
        stories.append(story)
    run_committed_work()
    return {"stories": stories, "sections": sections, "authors": authors}


def test_story_page_budget(reader_client, busy_newsroom, django_assert_max_num_queries):
    story = busy_newsroom["stories"][0]
    # 1 the story with its section and its prepared parts (byline, tags, corrections and
    # related posts included), 2 section navigation.
    with django_assert_max_num_queries(2):
        response = reader_client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert response.content.count(b'<article class="story-card') == 5


def test_a_story_page_runs_no_template_once_its_frame_is_rendered(reader_client, busy_newsroom):
    """The page around a story's prepared parts is rendered once per process, not per reader."""
    first, second = busy_newsroom["stories"][:2]
    reader_client.get(first.get_absolute_url())
    response = reader_client.get(second.get_absolute_url())
    assert response.status_code == 200
    assert response.templates == []
    assert second.headline in response.content.decode()


@pytest.mark.parametrize(
    ("first", "second", "shown"),
    [
        ("/section/desk-0/", "/section/desk-1/", "<h1>Desk 1</h1>"),
        ("/tag/water/", "/tag/roads/", "<h1>roads</h1>"),
        ("/authors/reporter-0/", "/authors/reporter-1/", "<h1>Reporter 1</h1>"),
        ("/archive/", "/archive/?page=2", "<title>Archive, page 2 |"),
        ("/?utm_source=a", "/", '<h2 class="block-title" id="latest-title">Latest</h2>'),
        ("/search/?q=rivers", "/search/?q=Note", "<title>Search: Note ·"),
        ("/search/?q=rivers", "/search/?q=%3Cqqq%3E", "No stories match “<bdi>&lt;qqq&gt;</bdi>”."),
    ],
)
def test_lists_search_and_the_home_page_run_no_template_once_their_frame_is_rendered(
    reader_client, busy_newsroom, first, second, shown
):
    """A list's, search's or the home page is its frame, rendered once, with the request's
    parts (escaped where they are the reader's words)."""
    reader_client.get(first)
    response = reader_client.get(second)
    assert response.status_code == 200
    assert response.templates == []
    assert shown in response.content.decode()


def test_home_page_budget(
    reader_client, busy_newsroom, run_committed_work, django_assert_max_num_queries
):
    # 1 section navigation, 2 the latest stories' prepared cards, 3 the newest stories of
    # every section (one small indexed part per section, in one query), 4 their prepared
    # cards, for every section's block at once. The same with five sections or fifty.
    with django_assert_max_num_queries(4):
        response = reader_client.get("/")
    assert response.status_code == 200
    assert response.content.count(b'class="section-block"') == 3

    # The navigation, each section's newest and each section's block are kept until they
    # change: only the latest stories are read.
    with django_assert_max_num_queries(1):
        reader_client.get("/")

    # A correction to a story in one section's block: that block's cards are read again,
    # alone, and show it; every section's newest stories are kept.
    section_story = busy_newsroom["stories"][24]
    section_story.headline = "Corrected on desk zero"
    section_story.save()
    run_committed_work()
    with django_assert_max_num_queries(2) as queries:
        response = reader_client.get("/")
    blocks = response.content.split(b'class="home-sections"')[1].split(b'class="latest"')[0]
    assert b"Corrected on desk zero" in blocks
    assert not [query for query in queries.captured_queries if "part_" in query["sql"]]

    # A story published in one section: that section's newest are looked up again, alone.
    desk = busy_newsroom["sections"][1]
    ArticleFactory(published=True, section=desk, headline="Fresh from desk one")
    run_committed_work()
    with django_assert_max_num_queries(3) as queries:
        response = reader_client.get("/")
    assert b"Fresh from desk one" in response.content
    # One part, one section's index: the other sections' newest were kept.
    [newest] = [query["sql"] for query in queries.captured_queries if "part_" in query["sql"]]
    assert newest.count(" AS part_") == 1


@pytest.mark.parametrize(
    "address",
    ["/section/desk-0/", "/tag/water/", "/authors/reporter-0/", "/archive/", "/corrections/"],
)
def test_listing_page_budget(reader_client, busy_newsroom, django_assert_max_num_queries, address):
    # 1 the section, tag or author, 2 the page's prepared cards (and whether an older page
    # exists: no count), 3 section navigation. (The archive and corrections pages have no
    # object to look up.)
    with django_assert_max_num_queries(3):
        response = reader_client.get(address)
    assert response.status_code == 200
    assert response.content.count(b"<article") >= 10 or b"correction-list" in response.content


def test_the_navigation_is_read_again_only_once_it_changed(
    reader_client, busy_newsroom, run_committed_work, django_assert_max_num_queries
):
    story = busy_newsroom["stories"][0]
    reader_client.get("/")
    # 1 the story with its parts: the navigation read for the home page is kept.
    with django_assert_max_num_queries(1):
        reader_client.get(story.get_absolute_url())

    ArticleFactory(published=True, section=SectionFactory(name="Weather", slug="weather"))
    run_committed_work()
    with django_assert_max_num_queries(2):
        response = reader_client.get(story.get_absolute_url())
    assert b'href="/section/weather/"' in response.content


def test_static_page_budget(reader_client, busy_newsroom, django_assert_max_num_queries):
    # 1 the current site, 2 the page, 3 section navigation.
    with django_assert_max_num_queries(3):
        response = reader_client.get("/about/")
    assert response.status_code == 200


def test_cached_pages_cost_no_query(
    reader_client, busy_newsroom, settings, monkeypatch, django_assert_num_queries
):
    settings.FULL_PAGE_CACHE_SECONDS = 60
    # Pages rendered within a second of a change are not stored; here changes are older.
    monkeypatch.setattr("readers.freshness.UNSETTLED_NS", 0)
    story = busy_newsroom["stories"][0]
    for address in ("/", story.get_absolute_url(), "/section/desk-0/"):
        reader_client.get(address)
        with django_assert_num_queries(0):
            assert reader_client.get(address).status_code == 200


def test_home_page_budget_does_not_grow_with_the_number_of_sections(
    reader_client, run_committed_work, django_assert_max_num_queries
):
    for number in range(8):
        ArticleFactory(published=True, section=SectionFactory(slug=f"desk-many-{number}"))
    run_committed_work()
    # The same four queries as with three sections (see test_home_page_budget).
    with django_assert_max_num_queries(4):
        response = reader_client.get("/")
    # Every section has a block, but the one whose only story is the lead above them.
    assert response.content.count(b'class="section-block"') == 7


@pytest.fixture
def busy_pashto_newsroom(busy_newsroom, run_committed_work):
    """The same newsroom written in Pashto, its tag "water" named in Pashto too."""
    stories = busy_newsroom["stories"]
    for story in stories:
        story.language = "ps"
        story.save()
    TagName.objects.create(tag=Tag.objects.get(name="water"), language="ps", name="اوبه")
    run_committed_work()
    return busy_newsroom


@pytest.mark.parametrize(
    "address", ["/ps/section/desk-0/", "/ps/tag/water/", "/ps/authors/reporter-0/", "/ps/archive/"]
)
def test_a_pashto_listing_page_costs_what_an_english_one_does(
    reader_client, busy_pashto_newsroom, django_assert_max_num_queries, address
):
    # 1 the section, tag (with its Pashto name) or author, 2 the cards, 3 the navigation.
    with django_assert_max_num_queries(3):
        response = reader_client.get(address)
    assert response.status_code == 200
    assert response.content.count(b"<article") >= 10
    if "tag" in address:
        assert "اوبه" in response.content.decode()


def test_a_pashto_story_page_costs_what_an_english_one_does(
    reader_client, busy_pashto_newsroom, django_assert_max_num_queries
):
    story = busy_pashto_newsroom["stories"][0]
    story.refresh_from_db()
    with django_assert_max_num_queries(2):
        response = reader_client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert b'dir="rtl"' in response.content


def test_a_page_read_again_and_again_is_planned_once_per_connection(
    reader_client, busy_newsroom, django_assert_max_num_queries
):
    """On PostgreSQL its compiled statement is prepared: planning cost more than running."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    story = busy_newsroom["stories"][0]
    for _ in range(6):
        assert reader_client.get(story.get_absolute_url()).status_code == 200
    # Still counted where query budgets look.
    with django_assert_max_num_queries(2):
        reader_client.get(story.get_absolute_url())

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE from_sql = false")
        prepared = [statement for (statement,) in cursor.fetchall()]
    story_statements = [text for text in prepared if "readers_preparedstory" in text]
    assert story_statements
    # Planned once for every run: what no run changes is written in for the planner to see.
    assert all("'published'" in text for text in story_statements)
