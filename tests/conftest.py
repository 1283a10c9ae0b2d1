"""The newsroom's cast: a journalist, an editor, an administrator and an anonymous reader."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.test import Client

from consent.models import ENABLED_SCRIPTS_CACHE_KEY
from newsroom.cache import breakers
from readers.caching import remembered_fragments
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
    """Each test starts with no stored pages or fragments, no content stamp and no scripts,
    and with every Redis circuit breaker closed.

    The script list is cached as empty from the start, so pages cost the same number of
    queries whatever ran before in the same process. A breaker belongs to the process and
    the Redis address, and tests reuse addresses the system hands out again: one a test
    opened must not decide for the next.
    """
    breakers.clear()
    cache.clear()
    remembered_fragments.clear()
    cache.set(ENABLED_SCRIPTS_CACHE_KEY, [])
    yield
    cache.clear()
    remembered_fragments.clear()


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
