"""Readers' pages are ready for an HTTP cache in front: named by key, the same for everyone.

Every public page names what it shows in ``xkey`` and ``Surrogate-Key`` headers, never sets a
cookie or varies on cookies, and each editorial step purges exactly the keys it moved from
the caches configured in ``PURGE_URLS``, after it commits; a cache that does not answer is
purged again in the background and never fails the step.
"""

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles import workflow
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def keys_of(response) -> set[str]:
    assert response["xkey"] == response["Surrogate-Key"]
    return set(response["xkey"].split())


@pytest.fixture
def newsroom(run_committed_work):
    sport = SectionFactory(name="Sport", slug="sport")
    match = ArticleFactory(published=True, section=sport, tags=["league"], headline="Match")
    draft = ArticleFactory(section=sport, tags=["league"], headline="Secret draft")
    run_committed_work()
    return {"sport": sport, "match": match, "draft": draft}


def test_every_readers_page_names_what_it_shows(reader_client, newsroom):
    match, sport = newsroom["match"], newsroom["sport"]
    story = keys_of(reader_client.get(match.get_absolute_url()))
    assert {f"story:{match.pk}", "site"} <= story
    assert {f"section:{sport.pk}", f"story:{match.pk}"} <= keys_of(
        reader_client.get("/section/sport/")
    )
    assert {"stories", f"story:{match.pk}"} <= keys_of(reader_client.get("/"))
    assert {"stories", f"story:{match.pk}"} <= keys_of(reader_client.get("/feeds/rss/"))
    tag = match.tags.get()
    assert {f"tag:{tag.pk}", f"story:{match.pk}"} <= keys_of(reader_client.get("/tag/league/"))


def test_keys_never_name_what_readers_may_not_see(reader_client, newsroom):
    draft = newsroom["draft"]
    for address in ["/", "/section/sport/", "/tag/league/", "/feeds/rss/", "/archive/"]:
        assert f"story:{draft.pk}" not in keys_of(reader_client.get(address)), address
    missing = reader_client.get("/tag/no-such-tag/")
    assert missing.status_code == 404
    assert "xkey" not in missing and "Surrogate-Key" not in missing


@pytest.mark.parametrize(
    "cookies",
    [
        {"sessionid": "a-session-that-expired-long-ago"},
        {"csrftoken": "not a token!"},
        {"sessionid": "stale", "csrftoken": "x" * 7, "newsroom_consent": "garbage"},
    ],
    ids=["stale-session", "malformed-csrf-token", "all-at-once"],
)
def test_a_public_page_sets_no_cookie_and_does_not_vary_on_cookies(
    reader_client, newsroom, cookies
):
    plain = reader_client.get(newsroom["match"].get_absolute_url())
    for name, value in cookies.items():
        reader_client.cookies[name] = value

    response = reader_client.get(newsroom["match"].get_absolute_url())

    assert "public" in response["Cache-Control"]
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()
    assert response.content == plain.content


class PurgeRecorder(BaseHTTPRequestHandler):
    """A cache in front that records the purges it is sent."""

    received: list[set[str]]

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.received.append(set(self.headers["xkey-purge"].split()))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cache_in_front(settings):
    """A cache listening on a port the system hands out, named in PURGE_URLS."""
    recorder = type("Recorder", (PurgeRecorder,), {"received": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PURGE_BACKEND = "varnish"
    settings.PURGE_URLS = [f"http://127.0.0.1:{server.server_address[1]}/"]
    yield recorder.received
    server.shutdown()
    server.server_close()


def test_publishing_purges_the_keys_of_the_pages_that_show_the_story(
    newsroom, editor, cache_in_front, run_committed_work
):
    waiting = ArticleFactory(in_review=True, section=newsroom["sport"], tags=["league"])
    run_committed_work()
    assert cache_in_front == []  # a story in review shows nowhere

    workflow.approve(waiting, by=editor)
    run_committed_work()

    purged = set().union(*cache_in_front)
    tag = waiting.tags.get()
    section = newsroom["sport"]
    assert {f"story:{waiting.pk}", "stories", f"section:{section.pk}", f"tag:{tag.pk}"} <= purged
    assert f"story:{newsroom['draft'].pk}" not in purged


def test_a_draft_save_purges_nothing(newsroom, cache_in_front, run_committed_work):
    draft = newsroom["draft"]
    draft.headline = "Secret draft, rewritten"
    draft.save()
    run_committed_work()
    assert cache_in_front == []


def test_a_cache_that_does_not_answer_never_fails_the_step_and_is_tried_again(
    newsroom, editor, settings, run_committed_work, caplog
):
    settings.PURGE_BACKEND = "varnish"
    # Nothing listens on port 9 of this machine (the discard service is never run here).
    settings.PURGE_URLS = ["http://127.0.0.1:9/"]
    waiting = ArticleFactory(in_review=True, section=newsroom["sport"])

    with caplog.at_level(logging.ERROR):
        workflow.approve(waiting, by=editor)
        run_committed_work()

    waiting.refresh_from_db()
    assert waiting.status == waiting.Status.PUBLISHED
    assert "Purging" in caplog.text and "http://127.0.0.1:9/" in caplog.text
    assert "purge_task failed (attempt 1 of" in caplog.text


def test_a_page_read_while_a_change_to_it_commits_tells_the_cache_not_to_keep_it(
    reader_client, newsroom, cache_in_front, monkeypatch, settings
):
    """Its purge may reach the cache before the page does, which would then outlive it."""
    from readers import freshness
    from readers.views import HomeView

    settings.FULL_PAGE_CACHE_SECONDS = 0
    assert "Surrogate-Control" not in reader_client.get("/")

    read_stories = HomeView.home_stories

    def publication_commits_meanwhile(view):
        stories = read_stories(view)
        freshness.move({freshness.STORIES})
        return stories

    monkeypatch.setattr(HomeView, "home_stories", publication_commits_meanwhile)
    response = reader_client.get("/")
    assert response.status_code == 200
    assert response["Surrogate-Control"] == "no-store"
    # Without a cache in front there is nobody to tell.
    settings.PURGE_BACKEND = "none"
    assert "Surrogate-Control" not in reader_client.get("/")
