"""While the database is unreachable readers get a quick 503 page, never a 500."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from articles.models import ArticleQuerySet
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_lost_database_answers_503_with_retry_after_and_is_logged(reader_client, caplog):
    story = ArticleFactory(published=True)
    outage = OperationalError('connection to server at "127.0.0.1", port 5432 failed')
    with mock.patch.object(ArticleQuerySet, "published", side_effect=outage):
        response = reader_client.get(story.get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "will be back shortly" in response.content.decode()
    assert "port 5432" not in response.content.decode()
    assert "Database unavailable, answered 503" in caplog.text


def test_site_answers_again_once_the_database_is_back(reader_client):
    outage = OperationalError("server closed the connection unexpectedly")
    with mock.patch.object(ArticleQuerySet, "published", side_effect=outage):
        assert reader_client.get(reverse("articles:home")).status_code == 503
    assert reader_client.get(reverse("articles:home")).status_code == 200


def test_other_errors_are_not_disguised_as_an_outage(reader_client):
    with (
        mock.patch.object(ArticleQuerySet, "published", side_effect=ValueError("a bug")),
        pytest.raises(ValueError),
    ):
        reader_client.get(reverse("articles:home"))
