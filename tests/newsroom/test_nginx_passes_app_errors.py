"""nginx passes the application's 503 on to readers and never stops asking the servers.

Runs the shipped deploy/nginx.conf in a real nginx in front of two stand-in application
servers on ports the system handed out. Skipped where nginx or openssl is not installed.
"""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from faults import proxy
from tests.newsroom.test_nginx_front import fetch
from tests.production_env import wait_until

pytestmark = pytest.mark.skipif(not proxy.available(), reason="needs nginx and openssl")

BACK_SHORTLY = (503, {"Retry-After": "30", "Cache-Control": "no-store"}, b"Back shortly")
FRONT_PAGE = (200, {"Cache-Control": "public, max-age=1"}, b"Front page")


class AnswerEveryRequest(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        app = self.server.app
        app.requests += 1
        status, headers, body = app.answer
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class StandInApp:
    """An application server that gives every request the same answer and counts them.

    Its port is taken at once but refuses connections until ``start()``, as a server that is
    down or restarting does.
    """

    def __init__(self) -> None:
        self.answer = BACK_SHORTLY
        self.requests = 0
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
def apps() -> Iterator[list[StandInApp]]:
    apps = [StandInApp(), StandInApp()]
    yield apps
    for app in apps:
        app.stop()


@pytest.fixture
def site(tmp_path, apps) -> Iterator[str]:
    """The shipped nginx with the stand-ins as its two upstream servers; its HTTPS address."""
    with proxy.nginx(tmp_path, upstreams=[app.port for app in apps]) as ports:
        yield f"https://127.0.0.1:{ports.https}"


def test_a_burst_of_application_503s_reaches_readers_as_the_applications_page(site, apps):
    for app in apps:
        app.start()
    responses = [fetch(f"{site}/2026/12/01/story-{number}/") for number in range(30)]
    for response in responses:
        assert response.status == 503
        assert response.headers["Retry-After"] == "30"
        assert response.read() == b"Back shortly"
    # Each request was asked once: a 503 is neither retried elsewhere nor held against a server.
    assert [app.requests > 0 for app in apps] == [True, True]
    assert sum(app.requests for app in apps) == 30


def test_readers_get_the_last_good_copy_while_the_application_answers_503(site, apps):
    for app in apps:
        app.answer = FRONT_PAGE
        app.start()
    assert fetch(f"{site}/").read() == b"Front page"
    for app in apps:
        app.answer = BACK_SHORTLY

    def stale_copy():
        response = fetch(f"{site}/")
        return response.headers["X-Cache-Status"] in {"STALE", "UPDATING"} and response

    response = wait_until(stale_copy, within=20, waiting_for="the cached copy to expire")
    assert response.status == 200
    assert response.read() == b"Front page"


def test_servers_that_come_back_are_asked_at_once_not_after_a_spell_of_502s(site, apps):
    # Both servers refuse connections long enough to be left out of the rotation.
    for _ in range(4):
        assert fetch(f"{site}/").status == 502
    for app in apps:
        app.start()
    assert fetch(f"{site}/").status == 503


def test_readers_whatever_their_cookies_share_one_stored_copy(site, apps):
    """The consent cookie carries a random id: keyed on it, each reader would get a copy."""
    for app in apps:
        app.answer = (200, {"Cache-Control": "public, max-age=60"}, b"Front page")
        app.start()
    assert fetch(f"{site}/").read() == b"Front page"

    for cookie in ("newsroom_consent=a1b2c3.1764600000.analytics", "csrftoken=x; _ga=GA1.2.3"):
        response = fetch(f"{site}/", cookie=cookie)
        assert response.headers["X-Cache-Status"] == "HIT", cookie
    assert sum(app.requests for app in apps) == 1
