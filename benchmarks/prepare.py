"""Inside the application: find the addresses to load and log an editor in for the desk.

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
from benchmarks.pages import ADMIN_LIST, CEILING, READERS_PAGES, resolve  # noqa: E402

EDITOR_EMAIL = "benchmark.editor@newsroom.test"


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


def addresses() -> dict:
    """The path of every page to measure (or why it is missing) and the editor's cookie."""
    pages = {}
    for page in [*READERS_PAGES, CEILING, ADMIN_LIST]:
        path, reason = resolve(page)
        pages[page.name] = {"path": path, "reason": reason}
    name = settings.SESSION_COOKIE_NAME
    return {
        "stories": Article.objects.count(),
        "pages": pages,
        "editor_cookie": f"{name}={editor_client().cookies[name].value}",
    }


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(json.dumps(addresses(), indent=2))
