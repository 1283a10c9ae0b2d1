"""Readers' pages are cacheable by browsers and shared caches; staff pages never are."""

import pytest

from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

PUBLIC_ADDRESSES = [
    "/",
    "/archive/",
    "/section/national/",
    "/tag/water/",
    "/corrections/",
    "/about/",
    "/search/?q=water",
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/section/national/rss/",
    "/sitemap.xml",
    "/sitemap-stories.xml",
    "/sitemap-news.xml",
    "/robots.txt",
]


@pytest.fixture
def story():
    return ArticleFactory(published=True, section=SectionFactory(slug="national"), tags=["water"])


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES)
def test_anonymous_pages_are_public_without_cookies_or_vary_cookie(
    reader_client, story, settings, address
):
    settings.PUBLIC_CACHE_SECONDS = 90
    response = reader_client.get(address)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=90"
    assert response["ETag"]
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_story_page_answers_a_conditional_get_with_304(reader_client, story):
    first = reader_client.get(story.get_absolute_url())
    again = reader_client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_editing_a_story_changes_the_etag_and_the_page(reader_client, story):
    first = reader_client.get(story.get_absolute_url())
    story.headline = "A corrected headline"
    story.save()
    again = reader_client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert b"A corrected headline" in again.content
    assert again["ETag"] != first["ETag"]


def test_each_address_has_its_own_etag(reader_client, story):
    assert reader_client.get("/")["ETag"] != reader_client.get("/archive/")["ETag"]


def test_publishing_a_story_refreshes_the_cached_home_page(reader_client, story):
    assert b"Fresh news" not in reader_client.get("/").content
    ArticleFactory(published=True, headline="Fresh news")
    assert b"Fresh news" in reader_client.get("/").content


def test_unpublishing_removes_the_story_from_cached_pages(reader_client, story):
    assert story.headline.encode() in reader_client.get("/section/national/").content
    story.status = story.Status.UNPUBLISHED
    story.save()
    assert story.headline.encode() not in reader_client.get("/section/national/").content
    assert reader_client.get(story.get_absolute_url()).status_code == 404


def change_headline_quietly(story, headline: str) -> None:
    """Change the story and its prepared parts without telling the page cache, to see
    whether a page came from it."""
    from readers.prepared import prepare_stories

    type(story).objects.filter(pk=story.pk).update(headline=headline)
    prepare_stories([story.pk])


def test_full_page_cache_serves_stored_pages_until_content_changes(reader_client, story):
    reader_client.get("/")
    change_headline_quietly(story, "Changed quietly")
    assert b"Changed quietly" not in reader_client.get("/").content


def test_the_page_cache_can_be_switched_off(reader_client, story, settings):
    settings.FULL_PAGE_CACHE_SECONDS = 0
    for address in ("/", story.get_absolute_url(), "/section/national/", "/tag/water/"):
        reader_client.get(address)
        change_headline_quietly(story, f"Changed quietly for {address}")
        assert f"Changed quietly for {address}".encode() in reader_client.get(address).content


def test_logged_in_staff_get_private_uncached_pages(editor_client, reader_client, story):
    reader_client.get("/")
    response = editor_client.get("/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "ETag" not in response
    conditional = editor_client.get("/", HTTP_IF_NONE_MATCH=reader_client.get("/")["ETag"])
    assert conditional.status_code == 200


def test_pages_rendered_for_staff_are_never_stored(editor_client, reader_client, story):
    editor_client.get("/")
    change_headline_quietly(story, "Changed quietly")
    assert b"Changed quietly" in reader_client.get("/").content


@pytest.mark.parametrize("address", ["/feeds/rss/", "/sitemap.xml"])
def test_feeds_and_sitemaps_answer_a_conditional_get_with_304(reader_client, story, address):
    first = reader_client.get(address)
    again = reader_client.get(address, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_publishing_a_story_refreshes_the_feed(reader_client, story):
    first = reader_client.get("/feeds/rss/")
    newer = ArticleFactory(published=True, headline="Fresh story for the feed")
    again = reader_client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert newer.headline.encode() in again.content


def test_stored_pages_keep_their_headers_and_carry_one_consent_banner(reader_client, story):
    first = reader_client.get("/")
    change_headline_quietly(story, "Changed quietly")
    stored = reader_client.get("/")
    assert b"Changed quietly" not in stored.content
    assert stored.content == first.content
    assert stored.content.count(b'id="consent-banner"') == 1
    for header in ("ETag", "Cache-Control", "X-Frame-Options", "Content-Type"):
        assert stored[header] == first[header]
    assert "Content-Security-Policy" in stored


def test_stored_page_answers_a_conditional_get_with_304(reader_client, story):
    etag = reader_client.get("/").headers["ETag"]
    response = reader_client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_enabling_a_third_party_script_refreshes_stored_pages(reader_client, story):
    from consent.models import ThirdPartyScript

    reader_client.get("/")
    ThirdPartyScript.objects.create(
        name="Stats", category="analytics", src="https://stats.example/a.js"
    )
    assert b"https://stats.example/a.js" in reader_client.get("/").content


def test_each_query_string_is_stored_apart(reader_client, story):
    reader_client.get("/tag/water/")
    change_headline_quietly(story, "Changed quietly")
    assert b"Changed quietly" in reader_client.get("/tag/water/?utm_source=x").content
