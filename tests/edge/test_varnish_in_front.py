"""deploy/varnish/default.vcl in a real varnishd, in front of a stand-in for the application.

The stand-in is two small HTTP servers sharing one script: what each path answers, and how
many requests and which cookies reached it. No Django and no database: these tests check the
cache, not the application. Skipped where varnishd is not installed.
"""

import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hosting import varnish
from tests.production_env import wait_until

if not varnish.available():
    pytest.skip(
        "varnishd is not installed (Debian: apt-get install varnish varnish-modules)",
        allow_module_level=True,
    )

PUBLIC = "public, max-age=60"
DOWN_FOR_A_MOMENT = {"Retry-After": "30", "Cache-Control": "no-store"}
UNAVAILABLE_PAGE = b"The site is briefly unavailable"


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class Application:
    """Stand-in gunicorn instances: same answers on every port, requests counted by path."""

    def __init__(self, instances: int = 2) -> None:
        self.replies: dict[str, Reply] = {}
        self.requests: Counter[str] = Counter()
        self.cookies: dict[str, list[str | None]] = defaultdict(list)
        self.lock = threading.Lock()
        self.servers = [
            ThreadingHTTPServer(("127.0.0.1", 0), self.handler()) for _ in range(instances)
        ]
        for server in self.servers:
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()

    @property
    def ports(self) -> list[int]:
        return [server.server_address[1] for server in self.servers]

    def answer(self, path: str, body: bytes = b"", status: int = 200, **headers: str) -> None:
        """What ``path`` answers from now on; header names use `_` for `-`."""
        named = {name.replace("_", "-"): value for name, value in headers.items()}
        with self.lock:
            self.replies[path] = Reply(status, named, body)

    def count(self, path: str) -> int:
        with self.lock:
            return self.requests[path]

    def stop(self) -> None:
        """Every instance gone: connections are refused from now on."""
        for server in self.servers:
            if server.socket.fileno() != -1:
                server.shutdown()
                server.server_close()

    def handler(self) -> type[BaseHTTPRequestHandler]:
        application = self

        class Handler(BaseHTTPRequestHandler):
            # One request a connection, so a stopped instance leaves nothing open behind it.
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                if self.path == "/livez":
                    reply = Reply(200, {"Cache-Control": "no-store"}, b"ok")
                else:
                    with application.lock:
                        application.requests[self.path] += 1
                        application.cookies[self.path].append(self.headers.get("Cookie"))
                        reply = application.replies.get(self.path, Reply(404, {}, b"not here"))
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(reply.body)

            do_HEAD = do_POST = do_GET

            def log_message(self, *args) -> None:
                pass

        return Handler


@contextmanager
def running(
    folder, application: Application, changes: dict[str, str] | None = None
) -> Iterator[varnish.Varnish]:
    """The shipped VCL in front of ``application``, with ``changes`` made to it."""
    with ExitStack() as stack:
        try:
            cache = stack.enter_context(
                varnish.varnish(folder, application.ports, vcl_changes=changes)
            )
        except varnish.MissingVmod as error:
            pytest.skip(f"install varnish-modules: {error}")
        yield cache


@pytest.fixture(scope="module")
def app():
    application = Application()
    yield application
    application.stop()


@pytest.fixture(scope="module")
def edge(app, tmp_path_factory):
    with running(tmp_path_factory.mktemp("varnish"), app) as cache:
        yield cache


def tagged(*keys: str) -> dict[str, str]:
    """The headers the application sends with a public page."""
    return {"Cache_Control": PUBLIC, "xkey": " ".join(keys), "Surrogate_Key": " ".join(keys)}


def test_a_readers_page_is_fetched_once_whoever_asks(app, edge):
    path = "/2026/05/04/budget-passes/"
    # Django adds Vary: Cookie to pages that looked at the session; readers' requests reach
    # Varnish's lookup without cookies, so they all still match the one stored copy.
    app.answer(path, b"Budget passes", ETag='"v1"', Vary="Cookie", **tagged("site", "story:12"))

    first = edge.get(path)
    assert first.status == 200
    assert first.body == b"Budget passes"
    assert first.header("X-Cache") == "MISS"

    cookies = [
        None,
        "newsroom_consent=analytics",
        "csrftoken=<not a token>; sessionid=expired-long-ago",
        "a=1; a=2;;; =broken",
    ]
    for cookie in cookies:
        answer = edge.get(path, headers={"Cookie": cookie} if cookie else {})
        assert answer.status == 200
        assert answer.body == b"Budget passes"
        assert answer.header("X-Cache") == "HIT"
        assert answer.header("Age") is not None

    # The same address written out in full is the same page.
    absolute = edge.get(f"http://127.0.0.1:{edge.port}{path}")
    assert absolute.header("X-Cache") == "HIT"

    assert app.count(path) == 1
    # Cookies never reach the application on a readers' page.
    assert app.cookies[path] == [None]
    for answer in (first, edge.get(path)):
        # Tags are for caches; browsers get the application's own caching headers.
        assert answer.header("xkey") is None
        assert answer.header("Surrogate-Key") is None
        assert answer.header("Cache-Control") == PUBLIC
        assert answer.header("ETag") == '"v1"'


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/sets-a-cookie/", {**tagged("site"), "Set_Cookie": "csrftoken=abc; Path=/"}),
        ("/private/", {"Cache_Control": "private"}),
        ("/no-store/", {"Cache_Control": "no-store"}),
    ],
)
def test_personal_answers_are_never_stored(app, edge, path, headers):
    app.answer(path, b"only for you", **headers)

    for _ in range(3):
        answer = edge.get(path)
        assert answer.status == 200
        assert answer.header("X-Cache") == "MISS"
    assert app.count(path) == 3
    if "Set_Cookie" in headers:
        assert answer.header("Set-Cookie") == "csrftoken=abc; Path=/"


@pytest.mark.parametrize(
    "path",
    [
        "/desk/stories/",
        "/accounts/login/",
        "/preview/7/",
        "/desk-preview/7/",
        "/admin/",
        "/consent/",
        "/media/images/2026/05/original.jpg",
    ],
)
def test_staff_pages_reach_the_application_every_time_with_their_cookies(app, edge, path):
    # Even a staff page that claimed to be public is never stored.
    app.answer(path, b"the desk", **tagged("site"))
    cookie = "sessionid=abc123; csrftoken=def456"

    for _ in range(2):
        answer = edge.get(path, headers={"Cookie": cookie})
        assert answer.status == 200
        assert answer.header("X-Cache") == "MISS"
    assert app.count(path) == 2
    assert app.cookies[path] == [cookie, cookie]


def test_forms_reach_the_application_every_time_with_their_cookies(app, edge):
    path = "/newsletter/subscribe/"
    app.answer(path, b"thanks", **tagged("site"))
    cookie = "csrftoken=def456; newsroom_consent=none"

    for _ in range(2):
        answer = edge.request(
            "POST",
            path,
            body=b"email=reader%40example.org",
            headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        )
        assert answer.status == 200
    assert app.count(path) == 2
    assert app.cookies[path] == [cookie, cookie]


def test_a_purge_drops_exactly_the_pages_tagged_with_its_keys(app, edge):
    pages = {
        "/2026/05/04/story-one/": tagged("site", "story:1", "section:3"),
        "/2026/05/04/story-two/": tagged("site", "story:2", "section:3"),
        "/sections/politics/": {"Cache_Control": PUBLIC, "xkey": "section:9 story:1"},
    }
    for path, headers in pages.items():
        app.answer(path, path.encode(), **headers)
        edge.get(path)
        assert edge.get(path).header("X-Cache") == "HIT"

    purge = edge.request("PURGE", "/", headers={"xkey-purge": "story:1"})
    assert purge.status == 200
    assert purge.header("X-Purged") == "2"

    assert edge.get("/2026/05/04/story-one/").header("X-Cache") == "MISS"
    assert edge.get("/sections/politics/").header("X-Cache") == "MISS"
    assert edge.get("/2026/05/04/story-two/").header("X-Cache") == "HIT"
    assert app.count("/2026/05/04/story-one/") == 2
    assert app.count("/sections/politics/") == 2
    assert app.count("/2026/05/04/story-two/") == 1

    # Several keys at once, as the application sends them.
    purge = edge.request("PURGE", "/", headers={"xkey-purge": "story:2 section:9"})
    assert purge.header("X-Purged") == "2"
    assert edge.get("/2026/05/04/story-two/").header("X-Cache") == "MISS"


def test_a_page_read_while_its_story_changed_is_kept_a_second_only(app, edge):
    """The application marks such a page: the purge of the change may have come before it."""
    path = "/2026/05/04/changing-as-read/"
    app.answer(path, b"Old words", Surrogate_Control="no-store", **tagged("story:15"))
    answer = edge.get(path)
    assert (answer.status, answer.body) == (200, b"Old words")
    assert answer.header("Surrogate-Control") is None

    # Then fetched again, and not held back from the cache for a minute either: the next
    # fresh page is kept as usual.
    app.answer(path, b"New words", **tagged("story:15"))
    wait_until(
        lambda: edge.get(path).body == b"New words", within=10, waiting_for="the second to pass"
    )
    assert edge.get(path).header("X-Cache") == "HIT"
    assert app.count(path) == 2


def test_only_this_machine_and_the_listed_servers_may_purge(app, edge):
    path = "/2026/05/04/story-four/"
    app.answer(path, b"four", **tagged("story:4"))
    edge.get(path)

    # 127.0.0.2 is this machine too, but not an address in the purgers list.
    stranger = edge.request("PURGE", "/", headers={"xkey-purge": "story:4"}, source="127.0.0.2")
    assert stranger.status == 403
    # Through a proxy (nginx adds X-Forwarded-For), even a local one: refused.
    relayed = edge.request(
        "PURGE", "/", headers={"xkey-purge": "story:4", "X-Forwarded-For": "203.0.113.9"}
    )
    assert relayed.status == 403
    assert edge.request("PURGE", "/").status == 400

    assert edge.get(path).header("X-Cache") == "HIT"
    assert app.count(path) == 1


def test_the_applications_503_reaches_the_reader_when_nothing_is_stored(app, edge):
    path = "/2026/05/04/never-seen/"
    app.answer(path, b"Back shortly", status=503, **DOWN_FOR_A_MOMENT)

    for _ in range(2):
        answer = edge.get(path)
        assert answer.status == 503
        assert answer.header("Retry-After") == "30"
        assert answer.body == b"Back shortly"
    # The probe asks /livez, which still answers: no instance is taken out.
    assert all(edge.backends_healthy().values())


def test_campaign_parameters_share_the_page_they_point_to(app, edge):
    path = "/2026/05/04/shared-widely/"
    app.answer(path, b"Shared widely", **tagged("story:14"))
    app.answer(f"{path}?page=2", b"Page two", **tagged("story:14"))
    assert edge.get(path).header("X-Cache") == "MISS"

    for query in ("?utm_source=newsletter&utm_medium=email", "?fbclid=IwAR0x", "?gclid=abc&"):
        answer = edge.get(f"{path}{query}")
        assert (answer.body, answer.header("X-Cache")) == (b"Shared widely", "HIT"), query
    # Other parameters stay, wherever the campaign's sit among them.
    assert edge.get(f"{path}?utm_campaign=budget&page=2").body == b"Page two"
    assert edge.get(f"{path}?page=2&utm_campaign=budget").header("X-Cache") == "HIT"
    assert app.count(path) == 1
    assert app.count(f"{path}?page=2") == 1
    # A parameter that only looks like one is the site's own.
    assert edge.get(f"{path}?not_utm_source=x").status == 404


def serves_only_the_old_copy(edge, path: str, body: bytes):
    def check() -> varnish.Response:
        answer = edge.get(path)
        assert answer.status == 200
        assert answer.body == body
        return answer

    return check


def test_a_stale_copy_stands_in_while_the_application_answers_503(app, edge):
    # Untagged, so Varnish keeps it for the max-age the application gave: one second. An
    # expired copy takes the same grace path as any stale one, with no purge verb the
    # application does not send (a soft purge) added for the test's sake.
    path = "/2026/05/04/short-lived/"
    app.answer(path, b"last good copy", Cache_Control="public, max-age=1")
    assert edge.get(path).status == 200
    app.answer(path, b"Back shortly", status=503, **DOWN_FOR_A_MOMENT)

    check = serves_only_the_old_copy(edge, path, b"last good copy")
    # Until the copy expires it is a plain hit; then a refresh is tried, fails, is dropped.
    wait_until(lambda: check() and app.count(path) >= 2, within=30, waiting_for="a failed refresh")
    assert check().header("X-Cache") == "STALE"


def test_a_stale_copy_stands_in_after_the_revalidate_window(app, tmp_path):
    # With no stale-while-revalidate window, an expired page makes the reader wait for a
    # fresh copy; when that fails, Varnish looks again with the full grace.
    path = "/2026/05/04/past-the-window/"
    app.answer(path, b"last good copy", Cache_Control="public, max-age=1")
    window = {"set req.grace = 10s;": "set req.grace = 0s;"}
    with running(tmp_path, app, window) as edge:
        assert edge.get(path).status == 200
        app.answer(path, b"Back shortly", status=503, **DOWN_FOR_A_MOMENT)

        check = serves_only_the_old_copy(edge, path, b"last good copy")
        wait_until(
            lambda: check() and app.count(path) >= 2, within=30, waiting_for="a failed fetch"
        )
        assert check().header("X-Cache") == "STALE"


def test_with_every_instance_stopped_readers_get_stored_pages_or_a_clear_503(tmp_path):
    application = Application()
    tagged_path, short_path = "/2026/05/04/kept/", "/2026/05/04/expiring/"
    application.answer(tagged_path, b"kept for a day", **tagged("story:40"))
    application.answer(short_path, b"kept for a second", Cache_Control="public, max-age=1")
    try:
        with running(tmp_path, application) as edge:
            edge.get(tagged_path)
            edge.get(short_path)
            application.stop()
            wait_until(
                lambda: not any(edge.backends_healthy().values()),
                within=30,
                waiting_for="the probes to mark every instance sick",
            )

            kept = edge.get(tagged_path)
            assert (kept.status, kept.body, kept.header("X-Cache")) == (
                200,
                b"kept for a day",
                "HIT",
            )
            # Served on past its max-age, within grace, with nobody to refresh it.
            check = serves_only_the_old_copy(edge, short_path, b"kept for a second")
            wait_until(
                lambda: int(check().header("Age")) > 1, within=30, waiting_for="it to expire"
            )
            assert check().header("X-Cache") == "STALE"

            for path in ("/2026/05/04/never-stored/", "/desk/"):
                answer = edge.get(path)
                assert answer.status == 503
                assert answer.header("Retry-After") == "30"
                assert UNAVAILABLE_PAGE in answer.body
                assert b"Guru Meditation" not in answer.body
    finally:
        application.stop()
