"""Subscribers, their keys and the wire's answers, as a subscriber's software sees them."""

import json

import pytest
from django.test import Client

from wire import keys
from wire.models import Subscriber


@pytest.fixture
def subscribe(db):
    """``subscribe(name, **fields)`` adds a subscriber and returns a client carrying its key."""

    def subscribe(name: str = "Partner Radio", *, sections=(), **fields) -> "WireClient":
        subscriber = Subscriber.objects.create(name=name, **fields)
        subscriber.sections.set(sections)
        _row, key = keys.issue(subscriber)
        return WireClient(subscriber, key)

    return subscribe


class WireClient:
    """A subscriber's software: its key on every request, JSON back."""

    def __init__(self, subscriber: Subscriber, key: str):
        self.subscriber = subscriber
        self.key = key
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    def get(self, path: str = "/wire/v1/items", **params):
        return self.client.get(path, params)

    def changes(self, since: int = 0, **params) -> tuple[list[dict], str]:
        """Every change after ``since``, following ``has_more``; the items and last cursor."""
        found, cursor = [], str(since)
        while True:
            answer = self.get(since=cursor, **params)
            assert answer.status_code == 200, answer.content
            page = answer.json()
            found += page["items"]
            cursor = page["cursor"]
            if not page["has_more"]:
                return found, cursor

    def item(self, article_id: int):
        return self.get(f"/wire/v1/items/{article_id}")


def ids_of(items: list[dict]) -> list[int]:
    return [int(item["uri"].rstrip("/").rsplit("/", 1)[1]) for item in items]


def payload_of(request_body: bytes) -> dict:
    return json.loads(request_body)
