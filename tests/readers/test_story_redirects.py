"""A story keeps one canonical address; old slugs and wrong dates lead there permanently."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from articles.models import SlugRedirect
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    published = datetime(2026, 5, 4, 6, 0, tzinfo=ZoneInfo("UTC"))
    return ArticleFactory(published=True, published_at=published, slug="river-rises")


def test_story_address_is_its_local_publication_date_and_slug(reader_client, story):
    assert story.get_absolute_url() == "/2026/05/04/river-rises/"
    assert reader_client.get("/2026/05/04/river-rises/").status_code == 200


@pytest.mark.parametrize("address", ["/2026/05/05/river-rises/", "/2026/5/4/river-rises/"])
def test_wrong_or_unpadded_date_redirects_permanently(reader_client, story, address):
    response = reader_client.get(address)
    assert response.status_code == 301
    assert response["Location"] == "/2026/05/04/river-rises/"


def test_old_slug_redirects_permanently_to_the_current_address(reader_client, story):
    SlugRedirect.objects.create(old_slug="river-floods", article=story)
    response = reader_client.get("/2026/05/04/river-floods/")
    assert response.status_code == 301
    assert response["Location"] == "/2026/05/04/river-rises/"


def test_old_slug_of_an_unpublished_story_is_404(reader_client):
    hidden = ArticleFactory(unpublished=True, slug="withdrawn")
    SlugRedirect.objects.create(old_slug="withdrawn-before", article=hidden)
    assert reader_client.get("/2026/05/04/withdrawn-before/").status_code == 404
