"""A section, tag or author that no published story shows looks to readers exactly like one
that does not exist: its name must not confirm an embargoed subject."""

import pytest

from articles import workflow
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

EMBARGOED = "Embargo Minister Resigns"


@pytest.fixture(params=["draft", "in review", "scheduled", "unpublished", "in the trash"])
def hidden(request) -> dict:
    """A story readers cannot see, hidden in each of the ways a story can be."""
    kind = request.param
    section = SectionFactory(name="Cabinet", slug="cabinet")
    author = AuthorFactory(name="Ghost Writer", slug="ghost-writer")
    fields = {"section": section, "tags": [EMBARGOED], "authors": [author]}
    story = {
        "draft": lambda: ArticleFactory(**fields),
        "in review": lambda: ArticleFactory(in_review=True, **fields),
        "scheduled": lambda: ArticleFactory(scheduled=True, **fields),
        "unpublished": lambda: ArticleFactory(unpublished=True, **fields),
        "in the trash": lambda: ArticleFactory(trashed=True, **fields),
    }[kind]()
    return {"story": story, "tag": story.tags.get()}


def looks_missing(client, address: str, nonexistent: str) -> None:
    response, missing = client.get(address), client.get(nonexistent)
    assert response.status_code == missing.status_code == 404
    assert EMBARGOED not in response.text and "Ghost Writer" not in response.text
    assert "Cabinet" not in response.text


def test_a_tag_only_hidden_stories_carry_has_no_page_and_no_feed(reader_client, hidden):
    slug = hidden["tag"].slug
    looks_missing(reader_client, f"/tag/{slug}/", "/tag/no-such-tag/")
    looks_missing(reader_client, f"/feeds/tag/{slug}/rss/", "/feeds/tag/no-such-tag/rss/")
    looks_missing(reader_client, f"/feeds/tag/{slug}/atom/", "/feeds/tag/no-such-tag/atom/")
    assert slug not in reader_client.get("/sitemap-tags.xml").text


def test_an_author_of_hidden_stories_only_has_no_page_and_no_feed(reader_client, hidden):
    looks_missing(reader_client, "/authors/ghost-writer/", "/authors/nobody/")
    looks_missing(reader_client, "/feeds/author/ghost-writer/rss/", "/feeds/author/nobody/rss/")
    assert "ghost-writer" not in reader_client.get("/sitemap-authors.xml").text


def test_a_section_with_hidden_stories_only_is_not_listed_and_has_no_page(reader_client, hidden):
    looks_missing(reader_client, "/section/cabinet/", "/section/nowhere/")
    looks_missing(reader_client, "/feeds/section/cabinet/rss/", "/feeds/section/nowhere/rss/")
    assert "/section/cabinet/" not in reader_client.get("/").text
    assert "cabinet" not in reader_client.get("/sitemap-sections.xml").text


def test_once_published_the_tag_author_and_section_appear(reader_client, editor):
    story = ArticleFactory(
        in_review=True,
        section=SectionFactory(name="Cabinet", slug="cabinet"),
        tags=["Minister"],
        authors=[AuthorFactory(name="Ghost Writer", slug="ghost-writer")],
    )
    assert reader_client.get("/tag/minister/").status_code == 404

    workflow.approve(story, by=editor)

    for address in ["/tag/minister/", "/authors/ghost-writer/", "/section/cabinet/"]:
        response = reader_client.get(address)
        assert response.status_code == 200, address
        assert story.headline in response.text
