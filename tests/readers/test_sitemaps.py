"""Sitemaps and robots.txt: what crawlers are told, and that a large archive stays cheap."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from readers.sitemaps import StorySitemap
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_record_cached")]

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
HIDDEN_STATES = ["in_review", "sent_back", "scheduled", "unpublished", "trashed"]


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def locations(response) -> list[str]:
    return [loc.text for loc in parse(response).iter(f"{SITEMAP}loc")]


def absolute(path: str) -> str:
    return f"http://testserver{path}"


@pytest.mark.parametrize(
    ("name", "kwargs", "path"),
    [
        ("sitemap_index", {}, "/sitemap.xml"),
        ("sitemap", {"section": "stories"}, "/sitemap-stories.xml"),
        ("news_sitemap", {}, "/sitemap-news.xml"),
        ("robots_txt", {}, "/robots.txt"),
    ],
)
def test_sitemap_and_robots_addresses_are_stable(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path


def test_index_lists_every_sitemap(reader_client):
    ArticleFactory(published=True)

    listed = locations(reader_client.get("/sitemap.xml"))

    assert listed == [
        absolute(f"/sitemap-{section}.xml")
        for section in ["news", "stories", "sections", "tags", "authors"]
    ]


def test_story_sitemap_lists_published_stories_with_their_last_edit(reader_client):
    story = ArticleFactory(published=True)
    ArticleFactory(headline="A draft nobody approved")
    for state in HIDDEN_STATES:
        ArticleFactory(**{state: True})

    root = parse(reader_client.get("/sitemap-stories.xml"))

    [url] = root.findall(f"{SITEMAP}url")
    assert url.findtext(f"{SITEMAP}loc") == absolute(story.get_absolute_url())
    local_update = timezone.localtime(story.updated_at)
    assert url.findtext(f"{SITEMAP}lastmod") == local_update.date().isoformat()


def test_story_sitemap_is_paginated_and_the_index_lists_each_page(reader_client, monkeypatch):
    monkeypatch.setattr(StorySitemap, "limit", 2)
    stories = [ArticleFactory(published=True) for _ in range(5)]
    ArticleFactory(headline="A draft between them")
    stories.append(ArticleFactory(published=True))

    index = locations(reader_client.get("/sitemap.xml"))
    story_pages = [url for url in index if "sitemap-stories.xml" in url]
    pages = [
        locations(reader_client.get(url.removeprefix("http://testserver"))) for url in story_pages
    ]

    # Page N lists the stories whose primary key is in ((N - 1) * 2, N * 2].
    last_page = -(-stories[-1].pk // 2)
    assert story_pages[-1] == absolute(f"/sitemap-stories.xml?p={last_page}")
    assert all(len(page) <= 2 for page in pages)
    assert [loc for page in pages for loc in page] == [
        absolute(story.get_absolute_url()) for story in stories
    ]
    assert reader_client.get(f"/sitemap-stories.xml?p={last_page + 1}").status_code == 404
    assert reader_client.get("/sitemap-stories.xml?p=last").status_code == 404


def test_a_sitemap_page_never_loads_the_whole_archive(
    reader_client, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(StorySitemap, "limit", 3)
    stories = [ArticleFactory(published=True) for _ in range(10)]
    deep_page = stories[-1].pk // 3

    # The index: the news sitemap's figures, then every other sitemap's in one statement
    # (readers/sitemap_index.py), kept until a change to what readers see.
    with django_assert_max_num_queries(2), CaptureQueriesContext(connection) as index_queries:
        reader_client.get("/sitemap.xml")
    # A page of stories: MAX(id) to check the page number, then that page's primary keys.
    with django_assert_max_num_queries(2), CaptureQueriesContext(connection) as page_queries:
        response = reader_client.get(f"/sitemap-stories.xml?p={deep_page}")

    assert 1 <= len(locations(response)) <= 3
    story_reads = [
        query["sql"]
        for query in [*index_queries.captured_queries, *page_queries.captured_queries]
        if 'FROM "articles_article"' in query["sql"]
    ]
    for sql in story_reads:
        assert "COUNT(" in sql or "MAX(" in sql or '"articles_article"."id" <=' in sql, sql
    assert '"articles_article"."body"' not in " ".join(story_reads)


def test_news_sitemap_lists_stories_of_the_last_48_hours_for_google_news(reader_client, settings):
    now = timezone.now()
    fresh = ArticleFactory(
        published=True, headline="Rates & prices rise", published_at=now - timedelta(hours=47)
    )
    ArticleFactory(published=True, published_at=now - timedelta(hours=49))
    for state in HIDDEN_STATES:
        ArticleFactory(**{state: True})

    root = parse(reader_client.get("/sitemap-news.xml"))

    [url] = root.findall(f"{SITEMAP}url")
    assert url.findtext(f"{SITEMAP}loc") == absolute(fresh.get_absolute_url())
    news = url.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == settings.SITE_NAME
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Rates & prices rise"
    published = news.findtext(f"{NEWS}publication_date")
    assert datetime.fromisoformat(published) == fresh.published_at.replace(microsecond=0)


def test_section_tag_and_author_sitemaps_list_their_pages(reader_client):
    world = SectionFactory(name="World", slug="world")
    laila = AuthorFactory(name="Laila Ahmadi")
    ArticleFactory(published=True, section=world, authors=[laila], tags=["Climate"])
    AuthorFactory(name="Writer Without Stories")
    ArticleFactory(in_review=True, authors=[AuthorFactory(name="Only A Draft")], tags=["Secret"])

    assert absolute(world.get_absolute_url()) in locations(
        reader_client.get("/sitemap-sections.xml")
    )
    assert locations(reader_client.get("/sitemap-tags.xml")) == [
        absolute(reverse("articles:tag", kwargs={"slug": "climate"}))
    ]
    assert locations(reader_client.get("/sitemap-authors.xml")) == [
        absolute(laila.get_absolute_url())
    ]


def test_sitemaps_of_an_empty_site_are_valid(reader_client):
    for section in ["news", "stories", "sections", "tags", "authors"]:
        assert locations(reader_client.get(f"/sitemap-{section}.xml")) == []
    assert locations(reader_client.get("/sitemap.xml"))


def test_robots_txt_points_to_the_sitemap_index_and_keeps_crawlers_out_of_the_desk(
    reader_client,
):
    response = reader_client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /preview/" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_hidden_story_leaves_no_trace_in_any_sitemap(reader_client):
    for state in HIDDEN_STATES:
        ArticleFactory(headline=f"Hidden {state}", **{state: True})
    ArticleFactory(headline="Hidden draft")
    hidden_slugs = list(Article.objects.values_list("slug", flat=True))

    for section in ["news", "stories"]:
        body = reader_client.get(f"/sitemap-{section}.xml").content.decode()
        assert not any(slug in body for slug in hidden_slugs)
