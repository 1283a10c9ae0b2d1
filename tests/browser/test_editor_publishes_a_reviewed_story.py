"""Journey 2: an editor sends a story back, the journalist revises it, the editor publishes it,
and readers find it everywhere they look."""

import re
from xml.etree import ElementTree

from playwright.sync_api import Page, expect

from articles.models import Article
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.desk import (
    WELLS_STORY,
    desk_for,
    desk_nav,
    expect_message,
    make_photo,
    write_and_submit,
)

pytestmark = BROWSER_TEST_MARKS

EDITOR_COMMENT = "Name the village in the first paragraph, please."
REVISED_STANDFIRST = "In Dehdadi, a second dry spring sends farmers back to hand-dug wells."


def open_from_review_queue(desk, base_url: str, headline: str) -> None:
    desk.goto(f"{base_url}/admin/")
    desk_nav(desk, "Awaiting review").click()
    desk.get_by_role("link", name=headline).click()


def expect_story_listed(reader: Page, address: str, headline: str) -> None:
    """The page a click led to lists the story.

    A click returns once the next page starts to arrive, so this waits for that page's
    address and then for the link, instead of reading whatever the tab holds at that moment.
    """
    expect(reader).to_have_url(re.compile(address))
    expect(reader.get_by_role("link", name=headline).first).to_be_visible()


def test_story_goes_from_review_through_revision_to_every_reader_surface(
    new_context, live_server, journalist, editor, newsroom, published_story_elsewhere, tmp_path
):
    base_url = live_server.url
    story = WELLS_STORY
    journalist_desk = desk_for(new_context, base_url, journalist)
    write_and_submit(journalist_desk, base_url, story, make_photo(tmp_path))

    editor_desk = desk_for(new_context, base_url, editor)
    open_from_review_queue(editor_desk, base_url, story.headline)
    editor_desk.get_by_label("Comment").fill(EDITOR_COMMENT)
    editor_desk.get_by_role("button", name="Send back").click()
    expect_message(editor_desk, "Sent back")

    journalist_desk.goto(f"{base_url}/admin/")
    desk_nav(journalist_desk, "My stories").click()
    row = journalist_desk.get_by_role("row", name=story.headline)
    assert EDITOR_COMMENT in row.inner_text()
    assert "Sent back" in row.inner_text()
    row.get_by_role("link", name=story.headline).click()
    journalist_desk.get_by_label("Standfirst").fill(REVISED_STANDFIRST)
    journalist_desk.get_by_role("button", name="Submit for review").click()
    expect_message(journalist_desk, "In review")

    open_from_review_queue(editor_desk, base_url, story.headline)
    editor_desk.get_by_role("button", name="Approve and publish now").click()
    expect_message(editor_desk, "Published")

    reader = new_context().new_page()
    reader.goto(base_url)
    reader.get_by_role("link", name=story.headline).first.click()
    assert_story_page_as_published(reader)

    reader.locator(".story-header .kicker").get_by_role("link", name=story.section).click()
    expect_story_listed(reader, "/section/", story.headline)
    for tag in story.tags:
        reader.go_back()
        reader.locator(".story-tags").get_by_role("link", name=tag).click()
        expect_story_listed(reader, "/tag/", story.headline)
    for author in story.authors:
        reader.goto(base_url + Article.objects.get(headline=story.headline).get_absolute_url())
        reader.locator(".byline").get_by_role("link", name=author).click()
        expect_story_listed(reader, "/authors/", story.headline)

    reader.get_by_role("searchbox", name="Search stories").fill("deeper wells")
    reader.get_by_role("button", name="Search").click()
    expect_story_listed(reader, r"/search/\?q=deeper", story.headline)

    # A feed reader finds the site's feed where the page announces it.
    feed_link = reader.locator('link[rel=alternate][type="application/rss+xml"]')
    feed = reader.request.get(base_url + feed_link.get_attribute("href"))
    titles = [item.findtext("title") for item in ElementTree.fromstring(feed.body()).iter("item")]
    assert story.headline in titles


def assert_story_page_as_published(reader) -> None:
    """The story page shows the revised text with the formatting typed in the editor."""
    story = WELLS_STORY
    expect(reader.get_by_role("heading", level=1)).to_have_text(story.headline)
    assert reader.locator(".standfirst").inner_text() == REVISED_STANDFIRST
    byline = reader.locator(".byline").inner_text()
    assert byline == f"By: {story.authors[0]} and {story.authors[1]}"
    body = reader.locator(".story-body")
    assert body.inner_text().startswith(f"{story.dateline}:")
    assert body.locator("strong").inner_text() == story.bold
    assert body.get_by_role("link", name=story.link_text).get_attribute("href") == story.link_url
    assert body.locator("p").count() == 2
    assert reader.get_by_role("img", name=story.image_alt).is_visible()
    related = reader.get_by_role("complementary", name="Related posts")
    assert related.get_by_role("link", name="Wheat prices steady in Kabul markets").is_visible()
