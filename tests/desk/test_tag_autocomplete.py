"""Journalists get suggestions from existing tags while they type the tags of a story."""

import pytest
from django.urls import reverse

from tests.desk_forms import ADD_URL
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SUGGESTIONS_URL = "/admin/articles/article/tag-suggestions/"


def test_suggestions_address_is_named():
    assert reverse("admin:articles_article_tag_suggestions") == SUGGESTIONS_URL


def test_tags_starting_with_the_typed_letters_are_suggested_most_used_first(journalist_client):
    ArticleFactory(tags=["Water", "Wrestling"])
    ArticleFactory(tags=["Wrestling", "Weather"])
    ArticleFactory(tags=["Wrestling", "Football"])

    response = journalist_client.get(SUGGESTIONS_URL, {"q": "w"})

    assert response.status_code == 200
    assert response.json() == {"tags": ["Wrestling", "Water", "Weather"]}


def test_suggestions_ignore_case_and_surrounding_spaces(journalist_client):
    ArticleFactory(tags=["Women in sport", "Football"])

    response = journalist_client.get(SUGGESTIONS_URL, {"q": "  wOMEN "})

    assert response.json() == {"tags": ["Women in sport"]}


def test_nothing_typed_suggests_nothing(journalist_client):
    ArticleFactory(tags=["Water"])

    assert journalist_client.get(SUGGESTIONS_URL, {"q": ""}).json() == {"tags": []}


def test_readers_get_no_suggestions(reader_client):
    ArticleFactory(tags=["Embargoed topic"])

    response = reader_client.get(SUGGESTIONS_URL, {"q": "emb"})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert b"Embargoed" not in response.content


def test_article_form_offers_suggestions_without_inline_script(journalist_client):
    html = journalist_client.get(ADD_URL).content.decode()

    assert 'list="id_tags-suggestions"' in html
    assert f'data-tag-suggestions="{SUGGESTIONS_URL}"' in html
    assert '<datalist id="id_tags-suggestions"></datalist>' in html
    assert 'src="/static/desk/tag-autocomplete.js"' in html
