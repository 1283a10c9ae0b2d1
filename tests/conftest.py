"""The newsroom's cast: a journalist, an editor, an administrator and an anonymous reader."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.test import Client

from consent.models import ENABLED_SCRIPTS_CACHE_KEY
from newsroom.cache import breakers
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def cheap_password_hashing(settings):
    settings.PASSWORD_HASHERS = [
        "tests.hashers.CheapArgon2PasswordHasher",
        *settings.PASSWORD_HASHERS[1:],
    ]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads and renditions from tests go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def journalist(db):
    return UserFactory(role="Journalist", full_name="Jamila Journalist")


@pytest.fixture
def editor(db):
    return UserFactory(role="Editor", full_name="Edris Editor")


@pytest.fixture
def administrator(db):
    return UserFactory(is_superuser=True, full_name="Ada Administrator")


def logged_in_client(user) -> Client:
    """A browser of its own for each person, so one test can act as several people."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def journalist_client(journalist):
    return logged_in_client(journalist)


@pytest.fixture
def editor_client(editor):
    return logged_in_client(editor)


@pytest.fixture
def administrator_client(administrator):
    return logged_in_client(administrator)


@pytest.fixture
def reader_client(client):
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no stored pages, no versions of what pages show, no scripts,
    and with every Redis circuit breaker closed.

    The script list is cached as empty from the start, so pages cost the same number of
    queries whatever ran before in the same process. A breaker belongs to the process and
    the Redis address, and tests reuse addresses the system hands out again: one a test
    opened must not decide for the next.
    """
    breakers.clear()
    cache.clear()
    cache.set(ENABLED_SCRIPTS_CACHE_KEY, [])
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def readers_pages_follow_committed_changes(request, monkeypatch):
    """Run the work readers' pages wait for (readers/freshness.py) before the next request.

    Tests run inside a transaction that never commits, where that work would never run;
    each request a test makes starts as if every change before it had been committed.
    ``run_committed_work()`` does the same without a request. Tests of the waiting itself
    are marked ``waits_for_commit`` and keep it.
    """
    if request.node.get_closest_marker("waits_for_commit"):
        yield
        return
    from django.core.signals import request_started

    from readers import freshness
    from wire import versions

    waiting = []

    def run_committed_work(**kwargs) -> None:
        while waiting:
            waiting.pop(0)()

    def wait(work, using=None) -> None:
        waiting.append(work)

    monkeypatch.setattr(freshness, "when_committed", wait)
    monkeypatch.setattr(versions, "when_committed", wait)
    # Changes and requests take turns here, so a page may be stored however recent a change.
    monkeypatch.setattr("readers.freshness.UNSETTLED_NS", 0)
    request_started.connect(run_committed_work, dispatch_uid="committed-work")
    request.node.run_committed_work = run_committed_work
    yield
    request_started.disconnect(dispatch_uid="committed-work")


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries, request):
    """Counts a request's own queries: what earlier changes wait for has run before."""
    return _after_committed_work(django_assert_num_queries, request)


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries, request):
    """Counts a request's own queries: what earlier changes wait for has run before."""
    return _after_committed_work(django_assert_max_num_queries, request)


def _after_committed_work(count_queries, request):
    def counting(*args, **kwargs):
        getattr(request.node, "run_committed_work", lambda: None)()
        return count_queries(*args, **kwargs)

    return counting


@pytest.fixture
def run_committed_work(request, readers_pages_follow_committed_changes):
    """A function that runs what changes so far wait for, as if they had been committed."""
    return request.node.run_committed_work


@pytest.fixture
def site_record_cached(db):
    """Feeds and sitemaps read the site record once per process; budgets count per request."""
    from django.contrib.sites.models import Site

    Site.objects.get_current()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> dict[str, str]:
    """The test database, and a copy of what its migrations put in it, per database alias.

    Tests on a live server (tests/browser/) need committed data and so empty the tables; they
    restore this copy, taken before any test could have emptied them.
    """
    with django_db_blocker.unblock():
        return {"default": connections["default"].creation.serialize_db_to_string()}


@pytest.fixture
def migrated_data(transactional_db, django_db_setup: dict[str, str]) -> None:
    """Put back what migrations created (editorial groups, flatpages, the site) before a test.

    Transactional tests (live servers, migrations run by the test) empty the tables when they
    end, so a later one finds them empty; emptying again first clears the rows Django
    recreates after emptying.
    """
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connections["default"].creation.deserialize_db_from_string(django_db_setup["default"])


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Refuse a test outside tests/browser/ that Playwright would run once per browser.

    A fixture or parameter named like one of Playwright's (``page``, ``browser``,
    ``context``) gives a test a browser parameter; pytest then groups it with the browser
    tests and moves them ahead of ordinary tests, which would run on the tables a browser
    test empties when it ends.
    """
    strays = [
        item.nodeid
        for item in items
        if "browser_name" in getattr(getattr(item, "callspec", None), "params", {})
        and not item.nodeid.startswith("tests/browser/")
    ]
    if strays:
        raise pytest.UsageError(
            "Rename the fixture or parameter these tests share with Playwright: "
            + ", ".join(strays)
        )
