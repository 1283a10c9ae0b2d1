"""Related posts: most shared tags first, newest first among equals, then the same section."""

import pytest

from tests.factories import ArticleFactory, SectionFactory, hours_ago
from tests.html import parse

pytestmark = pytest.mark.django_db


def related_headlines(reader_client, article) -> list[str]:
    page = parse(reader_client.get(article.get_absolute_url()))
    related = page.find_all("aside", class_="related")
    if not related:
        return []
    return [heading.text for heading in related[0].find_all("h3")]


def test_stories_sharing_more_tags_come_first_then_newest(reader_client):
    home, elsewhere = SectionFactory(), SectionFactory()
    story = ArticleFactory(published=True, section=home, tags=["water", "dams", "farming"])
    ArticleFactory(
        published=True,
        section=elsewhere,
        tags=["water"],
        headline="One old",
        published_at=hours_ago(9),
    )
    ArticleFactory(
        published=True,
        section=elsewhere,
        tags=["water", "dams"],
        headline="Two",
        published_at=hours_ago(8),
    )
    ArticleFactory(
        published=True,
        section=elsewhere,
        tags=["farming"],
        headline="One new",
        published_at=hours_ago(2),
    )
    ArticleFactory(
        published=True,
        section=elsewhere,
        tags=["water", "dams", "farming"],
        headline="Three",
        published_at=hours_ago(30),
    )
    ArticleFactory(published=True, section=elsewhere, tags=["unrelated"], headline="Stranger")
    assert related_headlines(reader_client, story) == ["Three", "Two", "One new", "One old"]


def test_same_section_fills_the_remaining_places_up_to_five(reader_client):
    home, elsewhere = SectionFactory(), SectionFactory()
    story = ArticleFactory(published=True, section=home, tags=["budget"])
    ArticleFactory(published=True, section=elsewhere, tags=["budget"], headline="Tagged")
    for number in range(6):
        ArticleFactory(
            published=True,
            section=home,
            headline=f"Section {number}",
            published_at=hours_ago(number + 1),
        )
    ArticleFactory(published=True, section=elsewhere, headline="Other section")
    assert related_headlines(reader_client, story) == [
        "Tagged",
        "Section 0",
        "Section 1",
        "Section 2",
        "Section 3",
    ]


def test_a_story_without_tags_gets_its_sections_newest_stories(reader_client):
    home = SectionFactory()
    story = ArticleFactory(published=True, section=home)
    ArticleFactory(published=True, section=home, headline="Neighbour")
    ArticleFactory(published=True, headline="Far away")
    assert related_headlines(reader_client, story) == ["Neighbour"]


def test_the_story_itself_and_unpublished_stories_are_never_related(reader_client):
    home = SectionFactory()
    story = ArticleFactory(published=True, section=home, tags=["budget"])
    for state in ("in_review", "scheduled", "sent_back", "unpublished", "trashed"):
        ArticleFactory(section=home, tags=["budget"], headline=f"Hidden {state}", **{state: True})
    ArticleFactory(section=home, tags=["budget"], headline="Hidden draft")
    assert related_headlines(reader_client, story) == []


def test_a_story_approved_after_it_was_tagged_becomes_a_related_post(reader_client, editor):
    from articles import workflow

    home, elsewhere = SectionFactory(), SectionFactory()
    story = ArticleFactory(published=True, section=home, tags=["water"])
    waiting = ArticleFactory(in_review=True, section=elsewhere, tags=["water"], headline="Later")
    assert related_headlines(reader_client, story) == []

    workflow.approve(waiting, by=editor)

    assert related_headlines(reader_client, story) == ["Later"]
