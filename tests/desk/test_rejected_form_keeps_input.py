"""A story refused for one mistake comes back with everything else the journalist typed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from tests.articles.test_image_uploads import picture_bytes
from tests.desk_forms import ADD_URL, form_errors, new_article_data
from tests.factories import AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

TYPED = {
    "headline": "Herat hospital opens a children’s heart unit",
    "slug": "herat-heart-unit",
    "standfirst": "Surgeons will operate on up to 300 children a year.",
    "dateline": "HERAT",
    "body": "<p>“Some of these operations take four hours,” said Dr Amiri.</p>",
    "tags": "Health, Youth",
    "image_caption": "The new unit has twelve beds.",
    "image_credit": "Regional hospital",
}


@pytest.fixture
def typed_story():
    section = SectionFactory(name="National", slug="national")
    authors = [AuthorFactory(name="Nasir Ahmadzai"), AuthorFactory(name="Farida Noorzai")]
    return section, authors, new_article_data(section=section, authors=authors, **TYPED)


def assert_everything_typed_is_still_there(response, section, authors):
    form = response.context["adminform"].form
    for field in ["slug", "standfirst", "dateline", "tags", "image_caption", "image_credit"]:
        assert form[field].value() == TYPED[field], field
    assert str(form["section"].value()) == str(section.pk)
    html = response.content.decode()
    assert "Surgeons will operate on up to 300 children a year." in html
    assert "herat-heart-unit" in html
    assert "Some of these operations take four hours" in html
    assert 'value="Health, Youth"' in html
    assert f'<option value="{section.pk}" selected>National</option>' in html
    bylines = response.context["inline_admin_formsets"][0].formset
    assert [str(f["author"].value()) for f in bylines.forms] == [str(a.pk) for a in authors]
    for author in authors:
        assert f'<option value="{author.pk}" selected>{author.name}</option>' in html


def test_image_without_alt_text_is_refused_and_the_rest_is_kept(journalist_client, typed_story):
    section, authors, data = typed_story
    data["image"] = SimpleUploadedFile("unit.jpg", picture_bytes("JPEG"), "image/jpeg")

    response = journalist_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert form_errors(response) == {
        "image_alt": "Describe the picture for readers who cannot see it."
    }
    assert response.context["adminform"].form["headline"].value() == TYPED["headline"]
    assert_everything_typed_is_still_there(response, section, authors)
    assert not Article.objects.exists()


def test_missing_headline_is_refused_and_the_rest_is_kept(journalist_client, typed_story):
    section, authors, data = typed_story
    data["headline"] = ""

    response = journalist_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert form_errors(response) == {"headline": "Write a headline: it is what readers see first."}
    assert_everything_typed_is_still_there(response, section, authors)
    assert not Article.objects.exists()
