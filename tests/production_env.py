"""The environment production runs with, for tests that start Django as production does."""

import json
import os
import subprocess
import sys
import urllib.request
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
