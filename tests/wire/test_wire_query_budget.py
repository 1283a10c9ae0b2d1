"""The wire's answers cost a fixed number of SQL queries, however many items they carry.

Items are stored as finished ninjs text when a story changes (wire/versions.py), so a page of
them is one query however many bylines, tags and corrections its stories have. The data is
large enough to expose any per-item query: 30 published stories, each with three bylines,
four tags and a correction. Each budget counts a request after the key's first one, whose
use is written down at most once a minute (``keys.LAST_USED_PRECISION``).
"""

import pytest

from articles.models import Correction
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, hours_ago
from wire import keys
from wire.models import Subscriber

pytestmark = pytest.mark.django_db

TAGS = ["water", "farming", "trade", "roads", "health", "schools"]
ITEMS = "/wire/v1/items"


@pytest.fixture
def stories_on_the_wire(run_committed_work):
    sections = [SectionFactory(name=f"Desk {n}", slug=f"desk-{n}") for n in range(3)]
    authors = [AuthorFactory(name=f"Reporter {n}") for n in range(6)]
    stories = []
    for number in range(30):
        story = ArticleFactory(
            published=True,
            published_at=hours_ago(number + 1),
            section=sections[number % 3],
            authors=[authors[(number + offset) % 6] for offset in range(3)],
            tags=[TAGS[(number + offset) % 6] for offset in range(4)],
        )
        Correction.objects.create(article=story, text=f"Note {number}.")
        stories.append(story)
    # The stories reach the wire once their changes commit.
    run_committed_work()
    return stories


@pytest.fixture
def wire_client(client, stories_on_the_wire):
    """The test client carrying a subscriber's key, used once already."""
    _row, key = keys.issue(Subscriber.objects.create(name="Partner Radio"))
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    assert client.get(ITEMS, {"limit": 1}).status_code == 200
    return client


def test_newest_published_budget(wire_client, django_assert_num_queries):
    for limit in (5, 30):
        # 1 the key with its subscriber, sections, whether an embargo is due and the last
        # change number; 2 the newest published stories with their items' documents.
        with django_assert_num_queries(2):
            response = wire_client.get(ITEMS, {"limit": limit})
        assert response.status_code == 200
        assert len(response.json()["items"]) == limit


def test_changes_since_budget(wire_client, django_assert_num_queries):
    for limit in (5, 30):
        # 1 the key with its subscriber, sections, whether an embargo is due and the last
        # change number (the cursor when nothing changed); 2 the changes.
        with django_assert_num_queries(2):
            response = wire_client.get(ITEMS, {"since": 0, "limit": limit})
        assert response.status_code == 200
        assert len(response.json()["items"]) == limit


def test_one_item_budget(wire_client, stories_on_the_wire, django_assert_num_queries):
    story = stories_on_the_wire[0]
    # 1 the key with its subscriber, sections, whether an embargo is due and the last change
    # number; 2 the item's document.
    with django_assert_num_queries(2):
        response = wire_client.get(f"{ITEMS}/{story.pk}")
    assert response.status_code == 200
    assert response.json()["headlines"][0]["value"] == story.headline
