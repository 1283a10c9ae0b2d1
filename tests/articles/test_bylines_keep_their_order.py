"""Bylines are chosen with autocomplete and printed in the order the journalist set."""

import pytest

from articles.models import Article
from tests.desk_forms import ADD_URL, new_article_data
from tests.factories import AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_two_bylines_are_saved_in_the_order_of_their_positions(journalist_client):
    first, second = AuthorFactory(name="Sahar Rahimi"), AuthorFactory(name="Nasir Ahmadzai")
    data = new_article_data(section=SectionFactory(), authors=[first, second])
    data["byline_set-0-position"], data["byline_set-1-position"] = 2, 1

    response = journalist_client.post(ADD_URL, data)

    assert response.status_code == 302
    assert Article.objects.get().authors == [second, first]


def test_authors_are_found_by_autocomplete_in_the_byline_field(journalist_client):
    AuthorFactory(name="Laila Hashimi")
    AuthorFactory(name="Zaki Haidari")

    response = journalist_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "byline", "field_name": "author", "term": "lai"},
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Laila Hashimi"]


def test_a_story_needs_at_least_one_byline(journalist_client):
    data = new_article_data(section=SectionFactory())
    # The browser posts the one empty byline row the form shows, left blank.
    data.update(
        {"byline_set-TOTAL_FORMS": 1, "byline_set-0-author": "", "byline_set-0-position": 0}
    )

    response = journalist_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "Please submit at least 1 form." in response.content.decode()
    assert not Article.objects.exists()
