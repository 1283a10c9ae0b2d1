"""Inside the application: find the addresses to load, log an editor in for the desk and
give the wire's subscriber a key.

Run as ``python -m benchmarks.prepare OUTPUT.json`` with the benchmark's environment; the
result goes to a file because production logging may write to standard output.
"""

import json
import sys
from pathlib import Path

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from articles.models import Article  # noqa: E402
from benchmarks.pages import (  # noqa: E402
    ADMIN_LIST,
    CEILING,
    EDITOR,
    READER,
    READERS_PAGES,
    SUBSCRIBER,
    WIRE_PAGES,
    resolve,
)
from wire import keys  # noqa: E402
from wire.models import Subscriber  # noqa: E402

EDITOR_EMAIL = "benchmark.editor@newsroom.test"
SUBSCRIBER_NAME = "Benchmark subscriber"
# Requests a minute no run comes near (the field holds up to 2**31 - 1): the load measures
# the wire's answers, not its refusals.
UNLIMITED_RATE = 10**9


def benchmark_editor() -> User:
    """An editor of the desk (the role's group comes from a data migration)."""
    editor, created = User.objects.get_or_create(
        email=EDITOR_EMAIL, defaults={"full_name": "Benchmark Editor", "is_staff": True}
    )
    if created:
        editor.set_unusable_password()
        editor.save()
        editor.groups.add(Group.objects.get(name="Editor"))
    return editor


def editor_client() -> Client:
    """A browser in which the benchmark editor is logged in."""
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(benchmark_editor(), backend="django.contrib.auth.backends.ModelBackend")
    return client


def subscriber_key() -> str:
    """A new key of the benchmark's subscriber, who takes every published story at any rate.

    Keys are kept only as digests, so each run issues one and drops those of earlier runs.
    """
    subscriber, _created = Subscriber.objects.update_or_create(
        name=SUBSCRIBER_NAME,
        defaults={
            "languages": [],
            "receives_embargoed": False,
            "requests_per_minute": UNLIMITED_RATE,
            "is_active": True,
        },
    )
    subscriber.sections.clear()
    subscriber.keys.all().delete()
    _row, key = keys.issue(subscriber, label="make bench")
    return key


def headers_by_asker() -> dict[str, dict[str, str]]:
    """What each of the benchmark's askers sends with every request (``pages.Page.asker``)."""
    cookie = settings.SESSION_COOKIE_NAME
    return {
        READER: {},
        EDITOR: {"Cookie": f"{cookie}={editor_client().cookies[cookie].value}"},
        SUBSCRIBER: {"Authorization": f"Bearer {subscriber_key()}"},
    }


def addresses() -> dict:
    """The path of every page to measure (or why it is missing), the headers its requests
    carry and whether the page store may serve it."""
    headers = headers_by_asker()
    pages = {}
    for page in [*READERS_PAGES, *WIRE_PAGES, CEILING, ADMIN_LIST]:
        path, reason = resolve(page)
        pages[page.name] = {
            "path": path,
            "reason": reason,
            "headers": headers[page.asker],
            "page_store": page.page_store,
        }
    return {"stories": Article.objects.count(), "pages": pages}


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(json.dumps(addresses(), indent=2))
