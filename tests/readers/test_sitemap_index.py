"""The sitemap index written from one query answers what Django's sitemap index view does."""

from datetime import timedelta

import pytest
from django.contrib.sitemaps import views as django_sitemap_views
from django.test import RequestFactory
from django.utils import timezone, translation

from articles.models import Article
from readers import sitemap_index
from readers.sitemaps import SITEMAPS, NewsSitemap, ReadersSitemap, StorySitemap
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_record_cached")]

HIDDEN_STATES = ["in_review", "sent_back", "scheduled", "unpublished", "trashed"]


@pytest.fixture
def both_indexes(run_committed_work):
    """Django's index and ours for the same request, made once the changes before it have
    committed, as for a request through the test client."""

    def both(path: str = "/sitemap.xml", sitemaps=SITEMAPS):
        run_committed_work()
        request = RequestFactory().get(path)
        theirs = django_sitemap_views.index(request, sitemaps=sitemaps, sitemap_url_name="sitemap")
        theirs.render()
        ours = sitemap_index.index(request, sitemaps=sitemaps, sitemap_url_name="sitemap")
        return theirs, ours

    return both


def assert_same(theirs, ours) -> None:
    assert ours.status_code == theirs.status_code == 200
    assert ours.content.decode() == theirs.content.decode()
    assert dict(ours.headers) == dict(theirs.headers)


def a_varied_archive() -> None:
    now = timezone.now()
    section = SectionFactory(name="World", slug="world")
    author = AuthorFactory(name="Laila Ahmadi")
    ArticleFactory(published=True, section=section, authors=[author], tags=["Climate"])
    ArticleFactory(published=True, published_at=now - timedelta(hours=3), tags=["Wheat"])
    ArticleFactory(published=True, published_at=now - timedelta(hours=60))
    ArticleFactory(published=True, language="ps", tags=["Climate"])
    ArticleFactory(in_review=True, authors=[AuthorFactory(name="Only A Draft")], tags=["Secret"])
    for state in HIDDEN_STATES:
        ArticleFactory(**{state: True}, section=SectionFactory())


def test_the_index_of_an_empty_site_is_djangos(both_indexes):
    assert_same(*both_indexes())


def test_the_index_is_djangos_in_every_language(both_indexes):
    a_varied_archive()

    for language, path in [("en", "/sitemap.xml"), ("ps", "/ps/sitemap.xml")]:
        with translation.override(language):
            assert_same(*both_indexes(path))


def test_the_index_lists_every_page_of_a_paginated_sitemap_as_django_does(
    monkeypatch, both_indexes
):
    monkeypatch.setattr(StorySitemap, "limit", 2)
    monkeypatch.setattr(NewsSitemap, "limit", 2)
    for _ in range(5):
        ArticleFactory(published=True, published_at=timezone.now() - timedelta(hours=1))
    ArticleFactory(headline="A draft between them")
    ArticleFactory(published=True)

    theirs, ours = both_indexes()

    assert_same(theirs, ours)
    assert b"sitemap-stories.xml?p=4" in ours.content
    assert b"sitemap-news.xml?p=3" in ours.content


def test_a_hidden_story_changes_nothing_in_the_index(both_indexes):
    ArticleFactory(published=True, published_at=timezone.now() - timedelta(hours=5))
    _, before = both_indexes()

    for state in HIDDEN_STATES:
        ArticleFactory(**{state: True}, tags=["Embargo"], section=SectionFactory())
    Article.objects.filter(status=Article.Status.SCHEDULED).update(updated_at=timezone.now())
    theirs, after = both_indexes()

    assert after.content == before.content
    assert_same(theirs, after)


def test_every_sitemap_dated_gives_the_index_a_last_modified_time(both_indexes):
    ArticleFactory(published=True, published_at=timezone.now() - timedelta(hours=5))
    dated = {name: SITEMAPS[name] for name in ("news", "stories")}

    theirs, ours = both_indexes(sitemaps=dated)

    assert_same(theirs, ours)
    assert ours.has_header("Last-Modified")


def test_the_index_costs_one_query_until_a_story_changes(
    django_assert_num_queries, run_committed_work
):
    a_varied_archive()
    run_committed_work()

    def index():
        request = RequestFactory().get("/sitemap.xml")
        return sitemap_index.index(request, sitemaps=SITEMAPS, sitemap_url_name="sitemap")

    # The sizes and newest changes of the sitemaps stories do not age out of, then the news
    # sitemap's.
    with django_assert_num_queries(2):
        index()
    # The news sitemap's; the others' are kept until a story changes.
    with django_assert_num_queries(1):
        index()


def test_publishing_or_editing_a_story_updates_the_kept_figures(monkeypatch, both_indexes):
    monkeypatch.setattr(StorySitemap, "limit", 1)
    ArticleFactory(published=True)
    assert_same(*both_indexes())

    ArticleFactory(published=True, tags=["New Tag"])
    assert_same(*both_indexes())

    story = Article.objects.published().first()
    story.standfirst = "Edited later."
    story.save()
    assert_same(*both_indexes())


def test_a_scheduled_story_reaches_the_kept_figures_when_it_goes_live(monkeypatch, both_indexes):
    monkeypatch.setattr(StorySitemap, "limit", 1)
    ArticleFactory(published=True)
    ArticleFactory(scheduled=True)
    _, before = both_indexes()
    later = timezone.now() + timedelta(days=3)
    monkeypatch.setattr(timezone, "now", lambda: later)

    theirs, after = both_indexes()

    assert_same(theirs, after)
    assert after.content.count(b"sitemap-stories.xml") > before.content.count(
        b"sitemap-stories.xml"
    )


def test_a_story_leaves_the_news_sitemap_as_it_ages_without_any_change(monkeypatch, both_indexes):
    ArticleFactory(published=True, published_at=timezone.now() - timedelta(hours=47))
    _, before = both_indexes()
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)

    theirs, after = both_indexes()

    assert_same(theirs, after)
    assert after.content != before.content


class SitemapReadingTheClock(ReadersSitemap):
    @classmethod
    def listed(cls, *, now, language):
        return Article.objects.published().in_language(language)


def test_a_sitemap_whose_query_reads_the_clock_itself_is_refused():
    """Its time would be compiled into the statement and never move again."""
    with pytest.raises(ValueError, match="holds a value of its own"):
        sitemap_index.figures({"clock": SitemapReadingTheClock}, now=timezone.now(), language="en")
