"""Real-browser tests: Debian's Chromium, driven by Playwright, against Django's live server.

Every test in this folder is marked ``browser`` (``pytest -m browser`` runs only them) and is
skipped, with the reason, where no ``chromium`` is installed. Each page a test opens is
watched (``checks.BrowserProblems``): a console error, an uncaught exception, a
Content-Security-Policy violation or a sub-resource that fails to load fails the test.
"""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.files import File
from playwright.sync_api import BrowserContext

from articles.models import Article
from tests.browser.checks import BrowserProblems
from tests.browser.desk import WELLS_STORY, make_photo
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

CHROMIUM = shutil.which("chromium")
BROWSER_TESTS = Path(__file__).parent


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Each browser test module also declares BROWSER_TEST_MARKS as its `pytestmark`: pytest-django
# runs transactional tests last by reading the marks at collection, before this hook, and a
# browser test empties the tables when it ends, so no ordinary test may come after it.
BROWSER_TEST_MARKS = [
    pytest.mark.browser,
    # The live server answers from another thread, so data must be committed.
    pytest.mark.django_db(transaction=True),
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip this folder's tests when Chromium is missing, saying why."""
    if CHROMIUM is not None:
        return
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(
                pytest.mark.skip(
                    reason="Chromium is not installed (apt-get install chromium); "
                    "browser tests skipped"
                )
            )


@pytest.fixture(autouse=True)
def _migrated_data(migrated_data) -> None:
    """The live server reads committed data: each test starts from what migrations created."""


@pytest.fixture(scope="session")
def playwright(playwright) -> Iterator:
    """Playwright's sync API, with Django's ORM allowed beside it.

    Playwright keeps an event loop running in the test thread while it is started, and Django
    refuses ORM calls from a thread with a running loop. The tests use the ORM between browser
    steps (fixtures, checks), never concurrently with it. The variable is set only while
    Playwright runs (browser tests run last), so the processes other tests start never
    inherit it: deployment checks rightly refuse it.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield playwright


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    """Debian's Chromium instead of a browser downloaded by Playwright."""
    return {"executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_FLAGS}


@pytest.fixture(autouse=True)
def serve_media_from_live_server(settings) -> None:
    settings.ROOT_URLCONF = "tests.browser.urls"


@pytest.fixture
def browser_problems() -> Iterator[BrowserProblems]:
    problems = BrowserProblems()
    yield problems
    assert not problems, "The browser reported problems:\n" + "\n".join(problems)


@pytest.fixture
def new_context(new_context, browser_problems: BrowserProblems) -> Callable[..., BrowserContext]:
    """Every browser context, including the ones a test opens itself, is watched."""

    def watched_context(**kwargs) -> BrowserContext:
        context = new_context(**kwargs)
        # A step that cannot happen fails within seconds, not Playwright's default half-minute;
        # saving a new picture (renditions are encoded then) is the slowest step there is.
        context.set_default_timeout(15_000)
        browser_problems.watch(context)
        return context

    return watched_context


@pytest.fixture
def newsroom(db) -> dict:
    """The desk's furniture: a section and two authors to put in bylines."""
    return {
        "section": SectionFactory(name="National", slug="national"),
        "authors": [AuthorFactory(name=name) for name in WELLS_STORY.authors],
    }


@pytest.fixture
def published_story(newsroom, published_story_elsewhere, tmp_path) -> Article:
    """A published story with a picture, two bylines and tags, and an older one it relates to."""
    photo = make_photo(tmp_path)
    return ArticleFactory(
        published=True,
        headline=WELLS_STORY.headline,
        standfirst=WELLS_STORY.standfirst,
        section=newsroom["section"],
        authors=newsroom["authors"],
        tags=list(WELLS_STORY.tags),
        image=File(photo.open("rb"), name=photo.name),
        image_alt=WELLS_STORY.image_alt,
    )


@pytest.fixture
def published_story_elsewhere(newsroom) -> Article:
    """An older published story sharing a tag with the wells story, for its related posts."""
    return ArticleFactory(
        published=True,
        headline="Wheat prices steady in Kabul markets",
        section=newsroom["section"],
        authors=newsroom["authors"][:1],
        tags=["farming"],
    )
