"""/healthz tells the load balancer whether this server can serve readers; /livez only that it
runs."""

from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.urls import reverse

pytestmark = pytest.mark.django_db


def database_down():
    """The database server refuses connections, as while PostgreSQL restarts."""
    return mock.patch.object(
        connections["default"],
        "cursor",
        side_effect=OperationalError("connection refused"),
    )


def test_healthz_answers_200_when_database_and_cache_answer(reader_client):
    response = reader_client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(reader_client, caplog):
    with database_down():
        response = reader_client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert "the database does not answer" in caplog.text


def test_healthz_keeps_the_server_in_rotation_when_only_the_cache_is_down(reader_client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = reader_client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


def test_livez_touches_neither_database_nor_cache(reader_client, django_assert_num_queries):
    # No query at all: a liveness probe must not fail because a dependency did.
    with (
        database_down(),
        mock.patch("django.core.cache.cache.get") as cache_get,
        django_assert_num_queries(0),
    ):
        response = reader_client.get("/livez")
    assert response.status_code == 200
    assert response.content == b"ok"
    cache_get.assert_not_called()


def test_livez_answers_a_probe_without_https_or_a_known_host(client, settings):
    """A cache or load balancer probes the instance directly: plain HTTP, its own Host."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["news.example.org"]

    response = client.get("/livez", headers={"Host": "10.0.0.7:8000"})

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-store" in response["Cache-Control"]
