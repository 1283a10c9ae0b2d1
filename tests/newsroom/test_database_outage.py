"""While the database is unreachable readers get a quick 503 page, never a 500.

The failure may surface in a view or in a middleware that reads the database itself (the page
cache building its stamp, the session store); the reader gets the same page either way.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connections
from django.test import Client
from django.urls import reverse

from articles.models import ArticleQuerySet
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor() -> Client:
    """A reader's browser: it sees what the server answers, even when the server failed."""
    return Client(raise_request_exception=False)


@contextmanager
def database_unreachable(error: Exception | None = None) -> Iterator[None]:
    """Every query fails as it does while PostgreSQL is down or restarting."""
    outage = error or OperationalError(
        'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
    )
    with mock.patch.object(connections["default"], "ensure_connection", side_effect=outage):
        yield


def assert_back_shortly(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "will be back shortly" in page
    assert "port 5432" not in page


def test_pages_answer_503_when_the_database_is_unreachable_and_nothing_is_cached(visitor):
    story = ArticleFactory(published=True)
    with database_unreachable():
        home = visitor.get(reverse("articles:home"))
        story_page = visitor.get(story.get_absolute_url())
    assert_back_shortly(home)
    assert_back_shortly(story_page)


def test_a_connection_lost_mid_request_answers_503_too(visitor):
    story = ArticleFactory(published=True)
    with database_unreachable(InterfaceError("connection already closed")):
        assert_back_shortly(visitor.get(story.get_absolute_url()))


def test_the_editing_desk_answers_503_when_the_database_is_unreachable(editor):
    desk = Client(raise_request_exception=False)
    desk.force_login(editor)
    with database_unreachable():
        assert_back_shortly(desk.get(reverse("admin:index")))


def test_lost_database_answers_503_with_retry_after_and_is_logged(visitor, caplog):
    story = ArticleFactory(published=True)
    outage = OperationalError('connection to server at "127.0.0.1", port 5432 failed')
    with mock.patch.object(ArticleQuerySet, "published", side_effect=outage):
        response = visitor.get(story.get_absolute_url())
    assert_back_shortly(response)
    assert "Database unavailable, answered 503" in caplog.text


def test_site_answers_again_once_the_database_is_back(visitor):
    with database_unreachable():
        assert visitor.get(reverse("articles:home")).status_code == 503
    assert visitor.get(reverse("articles:home")).status_code == 200


def test_other_errors_are_not_disguised_as_an_outage(visitor):
    with mock.patch.object(ArticleQuerySet, "published", side_effect=ValueError("a bug")):
        response = visitor.get(reverse("articles:home"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
