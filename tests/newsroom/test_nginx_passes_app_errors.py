"""nginx hands everything but its own files to Varnish as it came, and passes answers back.

Runs the shipped deploy/nginx.conf in a real nginx in front of a stand-in for Varnish on a
port the system handed out: nginx keeps no readers' pages of its own (Varnish purges by key;
a second cache would not hear of it), passes a 503 on once with its Retry-After, asks a
restarted Varnish again at once, and never lets a PURGE in from outside. Skipped where nginx
or openssl is not installed.
"""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hosting import nginx as proxy
from tests.newsroom.test_nginx_front import fetch

pytestmark = pytest.mark.skipif(not proxy.available(), reason="needs nginx and openssl")

BACK_SHORTLY = (503, {"Retry-After": "30", "Cache-Control": "no-store"}, b"Back shortly")
FRONT_PAGE = (200, {"Cache-Control": "public, max-age=1"}, b"Front page")


class AnswerEveryRequest(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        app = self.server.app
        app.requests += 1
        app.cookies.append(self.headers.get("Cookie"))
        status, headers, body = app.answer
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    do_PURGE = do_GET

    def log_message(self, *args) -> None:
        pass


class StandInCache:
    """A Varnish that gives every request the same answer, counts them and notes their cookies.

    Its port is taken at once but refuses connections until ``start()``, as a server that is
    down or restarting does.
    """

    def __init__(self) -> None:
        self.answer = BACK_SHORTLY
        self.requests = 0
        self.cookies: list[str | None] = []
        self.serving: threading.Thread | None = None
        self.server = ThreadingHTTPServer(
            ("127.0.0.1", 0), AnswerEveryRequest, bind_and_activate=False
        )
        self.server.app = self
        self.server.server_bind()
        self.port = self.server.server_address[1]

    def start(self) -> None:
        self.server.server_activate()
        self.serving = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.serving.start()

    def stop(self) -> None:
        if self.serving:
            self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def cache() -> Iterator[StandInCache]:
    cache = StandInCache()
    yield cache
    cache.stop()


@pytest.fixture
def site(tmp_path, cache) -> Iterator[str]:
    """The shipped nginx with the stand-in as its upstream; its HTTPS address."""
    with proxy.nginx(tmp_path, upstream=cache.port) as ports:
        yield f"https://127.0.0.1:{ports.https}"


def test_a_burst_of_503s_reaches_readers_as_the_applications_page(site, cache):
    cache.start()
    responses = [fetch(f"{site}/2026/12/01/story-{number}/") for number in range(30)]
    for response in responses:
        assert response.status == 503
        assert response.headers["Retry-After"] == "30"
        assert response.read() == b"Back shortly"
    # Each request was asked once: a 503 is not retried.
    assert cache.requests == 30


def test_nginx_keeps_no_readers_pages_and_passes_cookies_on(site, cache):
    """Varnish alone keeps pages: a copy here would outlive the purge that drops Varnish's."""
    cache.answer = FRONT_PAGE
    cache.start()
    consent = "newsroom_consent=a1b2c3.1764600000.analytics"
    for _ in range(3):
        assert fetch(f"{site}/", cookie=consent).read() == b"Front page"
    assert cache.requests == 3
    # Varnish decides which cookies matter (those of the desk and sign-in).
    assert cache.cookies == [consent] * 3


def test_static_files_are_kept_by_nginx(site, cache):
    cache.answer = (200, {"Cache-Control": "max-age=315360000, public, immutable"}, b"body{}")
    cache.start()
    for _ in range(3):
        assert fetch(f"{site}/static/css/site.0123456789ab.css").read() == b"body{}"
    assert cache.requests == 1


def test_a_restarted_cache_is_asked_again_at_once(site, cache):
    for _ in range(4):
        assert fetch(f"{site}/").status == 502
    cache.start()
    assert fetch(f"{site}/").status == 503


def test_nobody_outside_may_purge(site, cache):
    cache.answer = (200, {}, b"Purged 12 objects")
    cache.start()
    response = fetch(f"{site}/", method="PURGE", headers={"xkey-purge": "site"})
    assert response.status == 405
    assert cache.requests == 0
