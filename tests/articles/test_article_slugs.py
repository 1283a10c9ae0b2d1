"""A story's address is made from its headline, is unique, and can be edited."""

import pytest

from articles.models import Article
from tests.desk_forms import ADD_URL, form_errors, new_article_data
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def add_story(client, **fields):
    data = new_article_data(section=SectionFactory(), authors=[AuthorFactory()], **fields)
    return client.post(ADD_URL, data)


def test_slug_is_made_from_the_headline_when_left_empty(journalist_client):
    add_story(journalist_client, headline="Saffron exports rise in Herat’s “golden” season")

    assert Article.objects.get().slug == "saffron-exports-rise-in-herats-golden-season"


def test_two_stories_with_the_same_headline_get_different_slugs(journalist_client):
    add_story(journalist_client, headline="Snow closes the Salang pass")
    add_story(journalist_client, headline="Snow closes the Salang pass")

    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert slugs == ["snow-closes-the-salang-pass", "snow-closes-the-salang-pass-2"]


def test_journalist_can_choose_the_slug(journalist_client):
    add_story(journalist_client, headline="Snow closes the Salang pass", slug="salang-closed")

    assert Article.objects.get().slug == "salang-closed"


def test_a_slug_already_taken_is_a_form_error(journalist_client):
    ArticleFactory(slug="salang-closed")

    response = add_story(journalist_client, slug="salang-closed")

    assert response.status_code == 200
    assert "already exists" in form_errors(response)["slug"]
    assert Article.objects.count() == 1


def test_a_headline_of_only_punctuation_still_gets_a_slug():
    assert ArticleFactory(headline="“…”").slug == "item"


def test_a_very_long_headline_gives_a_slug_that_fits():
    story = ArticleFactory(headline=("word " * 40).strip())
    twin = ArticleFactory(headline=("word " * 40).strip())

    assert len(story.slug) <= 200
    assert len(twin.slug) <= 200
    assert story.slug != twin.slug
