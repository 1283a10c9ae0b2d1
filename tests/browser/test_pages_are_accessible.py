"""Readers' pages and the story form pass an axe-core WCAG 2.2 AA audit with zero violations."""

import pytest
from playwright.sync_api import expect

from tests.browser.checks import assert_accessible
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.desk import log_in, rich_text_editor

pytestmark = BROWSER_TEST_MARKS


def test_home_page_is_accessible(page, live_server, published_story):
    page.goto(live_server.url)
    assert_accessible(page)


def test_story_page_is_accessible(page, live_server, published_story):
    page.goto(live_server.url + published_story.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == published_story.headline
    assert_accessible(page)


def test_section_page_is_accessible(page, live_server, published_story):
    page.goto(live_server.url + published_story.section.get_absolute_url())
    assert_accessible(page)


def test_tag_page_is_accessible(page, live_server, published_story):
    page.goto(live_server.url + "/tag/water/")
    assert page.get_by_role("link", name=published_story.headline).is_visible()
    assert_accessible(page)


def test_author_page_is_accessible(page, live_server, published_story):
    page.goto(live_server.url + published_story.authors[0].get_absolute_url())
    assert page.get_by_role("link", name=published_story.headline).is_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("deeper wells", "1 story matches"),
        ("zebra", "No stories match"),
        ("", "Type something to search."),
    ],
    ids=["results", "no-match", "empty"],
)
def test_search_page_is_accessible(page, live_server, published_story, query, status):
    page.goto(live_server.url)
    page.get_by_role("searchbox", name="Search stories").fill(query)
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".search__status")).to_contain_text(status)
    assert_accessible(page)


def test_not_found_page_is_accessible(page, live_server, db):
    response = page.goto(live_server.url + "/2020/01/01/no-such-story/")
    assert response.status == 404
    assert_accessible(page)


def test_privacy_page_is_accessible(page, live_server, db):
    page.goto(live_server.url + "/privacy/")
    assert_accessible(page)


def test_story_form_is_accessible(page, live_server, journalist, newsroom):
    log_in(page, live_server.url, journalist.email)
    page.goto(live_server.url + "/admin/articles/article/add/")
    expect(rich_text_editor(page)).to_have_attribute("aria-label", "Body")
    expect(page.get_by_role("combobox", name="Author")).to_be_visible()
    assert_accessible(page)


def test_cookie_banner_and_its_choices_are_accessible(page, live_server, published_story):
    page.goto(live_server.url)
    banner = page.get_by_role("region", name="Cookies on")
    expect(banner).to_be_visible()
    assert_accessible(page)
    banner.get_by_role("button", name="Choose").click()
    expect(page.get_by_role("dialog", name="Choose which cookies to allow")).to_be_visible()
    assert_accessible(page)


def test_cookie_settings_page_is_accessible(page, live_server, db):
    page.goto(live_server.url + "/consent/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cookie settings")
    assert_accessible(page)
