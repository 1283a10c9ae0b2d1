"""Full-text search ranks only the newest matching stories, so its cost stays bounded."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from readers import search
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="ranked full-text search needs PostgreSQL"
    ),
]


def test_newest_matching_stories_are_found_though_newer_stories_do_not_match(
    reader_client, monkeypatch
):
    monkeypatch.setattr(search, "RANKED_MATCHES", 2)
    now = timezone.now()
    older, newer, newest = (
        ArticleFactory(
            published=True,
            headline=f"Saffron harvest report {n}",
            published_at=now - timedelta(days=n),
        )
        for n in (3, 2, 1)
    )
    ArticleFactory(published=True, headline="Cricket final tonight", published_at=now)

    response = reader_client.get(reverse("articles:search"), {"q": "saffron"})

    found = [story.pk for story in response.context["object_list"]]
    assert sorted(found) == sorted([newer.pk, newest.pk])
    assert older.pk not in found
