"""Bylines are chosen with autocomplete and printed in the order the journalist listed them."""

import pytest

from articles.models import Article, Author
from tests.desk_forms import ADD_URL, article_form_data, change_url, new_article_data
from tests.factories import AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_two_bylines_are_printed_in_the_order_they_are_listed(journalist_client):
    first, second = AuthorFactory(name="Sahar Rahimi"), AuthorFactory(name="Nasir Ahmadzai")
    data = new_article_data(section=SectionFactory(), authors=[second, first])

    response = journalist_client.post(ADD_URL, data)

    assert response.status_code == 302
    assert Article.objects.get().authors == [second, first]


def test_a_byline_added_later_is_printed_after_the_others(journalist_client):
    first, second = AuthorFactory(name="Sahar Rahimi"), AuthorFactory(name="Nasir Ahmadzai")
    journalist_client.post(ADD_URL, new_article_data(section=SectionFactory(), authors=[first]))
    story = Article.objects.get()
    data = article_form_data(story)
    data.update(
        {"byline_set-TOTAL_FORMS": 2, "byline_set-1-author": second.pk, "byline_set-1-article": ""}
    )

    response = journalist_client.post(change_url(story), data)

    assert response.status_code == 302
    assert Article.objects.get().authors == [first, second]


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
    data.update({"byline_set-TOTAL_FORMS": 1, "byline_set-0-author": ""})

    response = journalist_client.post(ADD_URL, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Add at least one author to the byline: who wrote this story?" in page
    assert "Please submit at least 1 form." not in page
    assert "This field is required." not in page
    assert not Article.objects.exists()


def test_a_name_typed_in_the_byline_adds_a_new_author_with_the_story(journalist_client):
    data = new_article_data(section=SectionFactory())
    data.update({"byline_set-TOTAL_FORMS": 1, "byline_set-0-author": "Shabnam  Yusufzai"})

    response = journalist_client.post(ADD_URL, data)

    assert response.status_code == 302
    author = Article.objects.get().authors[0]
    assert (author.name, author.slug, author.user) == ("Shabnam Yusufzai", "shabnam-yusufzai", None)


def test_a_typed_name_of_someone_already_listed_uses_that_author(journalist_client):
    listed = AuthorFactory(name="Laila Hashimi")
    data = new_article_data(section=SectionFactory())
    data.update({"byline_set-TOTAL_FORMS": 1, "byline_set-0-author": "laila hashimi"})

    journalist_client.post(ADD_URL, data)

    assert Article.objects.get().authors == [listed]


def test_a_typed_name_is_kept_when_the_form_comes_back_and_added_by_nobody_yet(
    journalist_client,
):
    data = new_article_data(section=SectionFactory(), headline="")
    data.update({"byline_set-TOTAL_FORMS": 1, "byline_set-0-author": "Shabnam Yusufzai"})

    response = journalist_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert '<option value="Shabnam Yusufzai" selected>Shabnam Yusufzai</option>' in response.text
    assert not Author.objects.filter(name="Shabnam Yusufzai").exists()


def test_the_same_name_typed_twice_is_refused_in_words_and_adds_nobody(journalist_client):
    data = new_article_data(section=SectionFactory())
    data.update(
        {
            "byline_set-TOTAL_FORMS": 2,
            "byline_set-0-author": "Shabnam Yusufzai",
            "byline_set-1-author": "shabnam yusufzai",
        }
    )

    response = journalist_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "“shabnam yusufzai” is in the byline twice." in response.text
    assert not Author.objects.filter(name__iexact="Shabnam Yusufzai").exists()


@pytest.mark.parametrize("typed", ["   ", ""])
def test_a_blank_name_is_no_byline(journalist_client, typed):
    data = new_article_data(section=SectionFactory())
    data.update({"byline_set-TOTAL_FORMS": 1, "byline_set-0-author": typed})

    response = journalist_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert ("Add at least one author to the byline" in response.text) != (
        "Choose an author, or type a new one&#x27;s name." in response.text
    )
    assert not Author.objects.exists()


def test_markup_typed_as_a_name_is_kept_as_text(journalist_client):
    data = new_article_data(section=SectionFactory())
    data.update({"byline_set-TOTAL_FORMS": 1, "byline_set-0-author": "<script>x</script>"})

    journalist_client.post(ADD_URL, data)

    assert Article.objects.get().authors[0].name == "<script>x</script>"
    page = journalist_client.get("/admin/articles/article/")
    assert "<script>x</script>" not in page.text
