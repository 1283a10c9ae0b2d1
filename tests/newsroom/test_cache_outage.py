"""When Redis goes away readers' pages keep answering; the failure is logged, never shown."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from newsroom.settings import redis_cache
from tests.factories import ArticleFactory
from tests.production_env import closed_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    """The cache points at a port that refuses every connection for the whole test."""
    with closed_port() as port:
        settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{port}/0")}
        yield


@pytest.mark.usefixtures("redis_down")
def test_pages_answer_200_when_redis_is_down(reader_client):
    story = ArticleFactory(published=True)
    for url in [reverse("articles:home"), story.get_absolute_url()]:
        response = reader_client.get(url)
        assert response.status_code == 200
        assert story.headline in response.content.decode()


@pytest.mark.usefixtures("redis_down")
def test_cache_failure_is_logged_and_reads_as_a_miss(caplog):
    cache.set("front-page", "cached copy")
    assert cache.get("front-page", "rebuilt") == "rebuilt"
    assert any(
        record.name == "django_redis.cache" and record.levelname == "ERROR"
        for record in caplog.records
    )


@pytest.mark.usefixtures("redis_down")
def test_health_reports_the_cache_outage_without_leaving_rotation(reader_client):
    response = reader_client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["cache"] == "unavailable"
