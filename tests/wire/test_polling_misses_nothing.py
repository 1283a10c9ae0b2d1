"""A subscriber polling with ``since`` while editors publish gets every story exactly once."""

import threading

import pytest
from django.db import connection, connections

from articles import workflow
from articles.models import Article
from tests.factories import ArticleFactory, UserFactory
from tests.wire.conftest import WireClient, ids_of
from wire import keys
from wire.models import Subscriber

STORIES = 200
PUBLISHERS = 2


@pytest.mark.waits_for_commit
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="publishing at the same time needs PostgreSQL"
)
def test_no_story_is_missed_or_repeated_while_200_are_published_concurrently(migrated_data):
    editor = UserFactory(role="Editor")
    stories = [ArticleFactory(in_review=True).pk for _ in range(STORIES)]
    subscriber = Subscriber.objects.create(name="Poller", requests_per_minute=10**6)
    poller = WireClient(subscriber, keys.issue(subscriber)[1])
    failures = []

    def publish(story_ids):
        try:
            for story_id in story_ids:
                workflow.approve(Article.objects.get(pk=story_id), by=editor)
        except Exception as error:  # noqa: BLE001 - reported by the test
            failures.append(error)
        finally:
            connections.close_all()

    publishers = [
        threading.Thread(target=publish, args=(stories[number::PUBLISHERS],))
        for number in range(PUBLISHERS)
    ]
    for publisher in publishers:
        publisher.start()

    seen, cursor = [], "0"
    try:
        cursor = poll_while_publishing(poller, publishers, seen)
    finally:
        for publisher in publishers:
            publisher.join()
    rest, _cursor = poller.changes(since=int(cursor))
    seen += versions_of(rest)

    assert failures == []
    assert len(seen) == len(set(seen)), "a change was delivered twice"
    assert sorted(item_id for item_id, _version in seen) == sorted(stories)


def poll_while_publishing(poller: WireClient, publishers, seen: list) -> str:
    """Poll in small pages until every publisher is done; the last cursor."""
    cursor = "0"
    while any(publisher.is_alive() for publisher in publishers):
        page = poller.get(since=cursor, limit=7).json()
        seen += versions_of(page["items"])
        cursor = page["cursor"]
    return cursor


def versions_of(items: list[dict]) -> list[tuple[int, str]]:
    return [(item_id, item["version"]) for item_id, item in zip(ids_of(items), items, strict=True)]
