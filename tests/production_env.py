"""The environment production runs with, for tests that start Django as production does,
and the ports and patience those tests need to run servers beside other work."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "production-like-secret-for-checks-" + "x7Qm2Lp9Vz4Rt8Kw3Nb6Hd1Jf5Sg0Yc",
    "ALLOWED_HOSTS": "news.example.org",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_PROXY_SSL_HEADER": "1",
    "DJANGO_SETTINGS_MODULE": "newsroom.settings",
}


def production_environ(**overrides: str) -> dict[str, str]:
    """This process's environment (PATH, DATABASE_URL, …) with production's switches on top.

    The browser tests' permission to use the database from async code stays behind: it is a
    test-only switch that production never has.
    """
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**inherited, **PRODUCTION_ENV, **overrides}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_settings(*names: str, **env: str) -> dict:
    """The named settings as a fresh production process computes them (``env`` on top)."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=production_environ(LOG_LEVEL="WARNING", **env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Lets a test see a redirect itself instead of following it."""

    def redirect_request(self, *args, **kwargs):
        return None


def free_port() -> int:
    """A port on 127.0.0.1 the operating system has just handed out, free at this moment.

    Another program may take it before the caller's server binds it, so a caller that starts
    a server checks that it bound and tries again with a new port when it did not.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def closed_port() -> Iterator[int]:
    """A port on 127.0.0.1 that refuses every connection for as long as the block runs.

    Bound, so that no other program can take it, and never listening.
    """
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        yield holder.getsockname()[1]


def wait_until[T](condition: Callable[[], T], *, within: float, waiting_for: str) -> T:
    """``condition()``'s first true answer, asked again every few milliseconds.

    Fails, naming what it was ``waiting_for``, when no true answer came within ``within``
    seconds. The condition is asked once more after the deadline, so a slow machine that
    spent the whole time on one attempt still gets its answer.
    """
    deadline = time.monotonic() + within
    while True:
        past_deadline = time.monotonic() > deadline
        if answer := condition():
            return answer
        if past_deadline:
            raise AssertionError(f"Waited {within} s for {waiting_for}, in vain.")
        time.sleep(0.05)
