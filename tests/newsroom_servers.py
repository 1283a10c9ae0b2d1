"""A newsroom of gunicorn servers run as production runs them, for tests that need real ones.

One throwaway PostgreSQL database reached through a link the test can cut (as a PostgreSQL
restart does), one Redis key prefix, and gunicorn instances on ports the operating system
hands out; a browser that keeps its cookies and arrives over HTTPS as nginx forwards it; and
the desk's sign-in and story form as a browser submits them.
"""

import contextlib
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg
import redis

from tests.production_env import (
    PROJECT_ROOT,
    NoRedirects,
    free_port,
    production_environ,
    run_manage,
    wait_until,
)

POSTGRES_SERVER = os.environ.get("SCALE_OUT_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_SERVER = os.environ.get("SCALE_OUT_REDIS", "redis://127.0.0.1:6379/0")
# Pages are stored for as long as in production: an edit, publication or unpublication made
# on one server must show on the other's next page all the same.
PAGE_CACHE_SECONDS = 300
# Time for a server to boot, or for a request to come back, on a slow CI machine.
STARTUP_SECONDS = 30
# Ports to try before giving up, should other programs keep taking the one just handed out.
PORT_ATTEMPTS = 5
PASSWORD = "a long pass phrase for the desk"


def server_answers(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=1):
            return True
    except OSError:
        return False


def services_up() -> bool:
    return server_answers(POSTGRES_SERVER) and server_answers(REDIS_SERVER)


class Browser:
    """A browser behind nginx: it keeps its cookies and arrives over HTTPS."""

    opener = urllib.request.build_opener(NoRedirects)

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, url: str, data: dict | None = None) -> tuple[int, dict, str]:
        headers = {"X-Forwarded-Proto": "https", "Referer": url.replace("http:", "https:")}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310
        try:
            response = self.opener.open(request, timeout=STARTUP_SECONDS)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, dict(response.headers), response.read().decode()


class DatabaseLink:
    """The servers' only way to PostgreSQL, which the test can cut and restore.

    A Unix socket that relays to PostgreSQL's TCP port: cutting it refuses new connections
    and drops every open one at once, which is what the servers see while PostgreSQL restarts,
    without restarting the PostgreSQL that other work shares.
    """

    def __init__(self, server_url: str):
        parts = urllib.parse.urlsplit(server_url)
        self.target = (parts.hostname, parts.port)
        # Short, because a Unix socket path may not exceed about a hundred characters.
        self.directory = tempfile.mkdtemp(prefix="nr-pg-")
        self.path = f"{self.directory}/.s.PGSQL.{parts.port}"
        self.user = parts.username
        self.listener: socket.socket | None = None
        self.open_sockets: list[socket.socket] = []

    def url(self, database: str) -> str:
        host = urllib.parse.quote(self.directory, safe="")
        return f"postgres://{self.user}@{host}:{self.target[1]}/{database}"

    def plug_in(self) -> None:
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(self.path)
        self.listener.listen()
        self.listener.settimeout(0.2)
        threading.Thread(target=self.accept, args=(self.listener,), daemon=True).start()

    def accept(self, listener: socket.socket) -> None:
        while listener.fileno() != -1:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            upstream = socket.create_connection(self.target)
            self.open_sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.relay, args=(source, sink), daemon=True).start()

    @staticmethod
    def relay(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def pull_out(self) -> None:
        self.listener.close()
        os.unlink(self.path)
        for open_socket in self.open_sockets:
            with contextlib.suppress(OSError):
                open_socket.shutdown(socket.SHUT_RDWR)
            open_socket.close()
        self.open_sockets.clear()


class Newsroom:
    """One throwaway database, one Redis key prefix, and the gunicorn servers sharing them."""

    def __init__(self, tmp_path, **settings: str):
        self.database = f"nr_scale_{uuid.uuid4().hex[:10]}"
        self.key_prefix = f"scale-{uuid.uuid4().hex[:10]}"
        self.link = DatabaseLink(POSTGRES_SERVER)
        self.env = (
            production_environ(
                DATABASE_URL=self.link.url(self.database),
                REDIS_URL=REDIS_SERVER,
                CACHE_KEY_PREFIX=self.key_prefix,
                ALLOWED_HOSTS="127.0.0.1",
                VAR_DIR=str(tmp_path),
                STATIC_ROOT=str(tmp_path / "static"),
                MEDIA_ROOT=str(tmp_path / "media"),
                FULL_PAGE_CACHE_SECONDS=str(PAGE_CACHE_SECONDS),
                PUBLIC_CACHE_SECONDS=str(PAGE_CACHE_SECONDS),
                WEB_CONCURRENCY="2",
                LOG_FORMAT="json",
                LOG_LEVEL="INFO",
            )
            | settings
        )
        self.tmp_path = tmp_path
        self.servers: list[subprocess.Popen] = []
        self.logs: dict[str, Path] = {}

    def admin_database(self):
        return psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True)

    def manage(self, *args: str) -> str:
        result = run_manage(*args, env=self.env)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code).strip().splitlines()[-1]

    def set_up(self) -> None:
        with self.admin_database() as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')
        self.link.plug_in()
        self.manage("migrate", "--no-input", "-v0")
        self.manage("collectstatic", "--no-input", "-v0")

    def start(self) -> str:
        """A new gunicorn, as production starts it, on a free port; its address once it answers."""
        for _ in range(PORT_ATTEMPTS):
            port = free_port()
            log_path = self.tmp_path / f"gunicorn-{port}.log"
            if server := self.launch(port, log_path):
                break
        else:
            raise AssertionError(f"Other programs took each of {PORT_ATTEMPTS} free ports first.")
        base = f"http://127.0.0.1:{port}"
        self.logs[base] = log_path

        def ready() -> bool:
            assert server.poll() is None, log_path.read_text()
            return status_of(f"{base}/livez") == 200

        wait_until(ready, within=STARTUP_SECONDS, waiting_for=f"gunicorn on port {port}")
        return base

    def launch(self, port: int, log_path: Path) -> subprocess.Popen | None:
        """gunicorn holding ``port``; None when another program took the port first."""
        with log_path.open("w") as log:
            server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsroom.wsgi"],
                cwd=PROJECT_ROOT,
                env={**self.env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.servers.append(server)
        # gunicorn names the address once it holds it; until then, whatever answers on the
        # port may be another program that took it first.
        listening = f"Listening at: http://127.0.0.1:{port} ({server.pid})"
        wait_until(
            lambda: server.poll() is not None or listening in log_path.read_text(),
            within=STARTUP_SECONDS,
            waiting_for=f"gunicorn to bind port {port}",
        )
        if server.poll() is None:
            return server
        self.servers.remove(server)
        output = log_path.read_text()
        assert "Connection in use" in output, output
        return None

    def tear_down(self) -> None:
        for server in self.servers:
            server.terminate()
        for server in self.servers:
            server.wait(timeout=STARTUP_SECONDS)
        if self.link.listener and self.link.listener.fileno() != -1:
            self.link.pull_out()
        os.rmdir(self.link.directory)
        with self.admin_database() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        cache = redis.Redis.from_url(REDIS_SERVER)
        for key in cache.scan_iter(f"{self.key_prefix}:*"):
            cache.delete(key)


def status_of(url: str) -> int | None:
    """The status a fresh browser gets from ``url``; None while nothing answers there."""
    try:
        return Browser().request(url)[0]
    except OSError:
        return None


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def signed_in(base: str) -> Browser:
    browser = Browser()
    status, _, html = browser.request(f"{base}/admin/login/")
    assert status == 200
    status, headers, _ = browser.request(
        f"{base}/admin/login/",
        {
            "csrfmiddlewaretoken": csrf_token(html),
            "username": "chief@newsroom.test",
            "password": PASSWORD,
            "next": "/admin/",
        },
    )
    assert status == 302, "sign-in refused"
    return browser


def story_form(html: str, *, headline: str, author: int, section: int, slug: str = "") -> dict:
    """The story form as the browser submits it, with one byline and no corrections."""
    byline_id = re.search(r'name="byline_set-0-id" value="(\d+)"', html)
    loaded_version = re.search(r'name="loaded_version" value="(\d+)"', html)
    return {
        "csrfmiddlewaretoken": csrf_token(html),
        "language": "en",
        "headline": headline,
        "slug": slug,
        "standfirst": "How the new grain prices reach the provinces.",
        "dateline": "KABUL",
        "section": section,
        "body": "<p>Traders in the capital said the prices held steady.</p>",
        "tags": "",
        "image_alt": "",
        "image_caption": "",
        "image_credit": "",
        "byline_set-TOTAL_FORMS": 1,
        "byline_set-INITIAL_FORMS": 1 if byline_id else 0,
        "byline_set-MIN_NUM_FORMS": 1,
        "byline_set-MAX_NUM_FORMS": 1000,
        "byline_set-0-id": byline_id.group(1) if byline_id else "",
        "byline_set-0-author": author,
        "corrections-TOTAL_FORMS": 0,
        "corrections-INITIAL_FORMS": 0,
        "corrections-MIN_NUM_FORMS": 0,
        "corrections-MAX_NUM_FORMS": 1000,
        "loaded_version": loaded_version.group(1) if loaded_version else "",
        "_continue": "1",
    }
