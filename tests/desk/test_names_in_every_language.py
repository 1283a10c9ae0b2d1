"""Sections, authors and tags get their names in Dari and Pashto in the desk, a box for each
language, never as JSON typed by hand."""

import pytest
from django.urls import reverse

from articles.models import Author, Section, Tag, TagName
from tests.factories import SectionFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_a_sections_names_are_a_box_for_each_other_language(administrator_client):
    section = SectionFactory(name="Economy", names={"ps": "اقتصاد"})
    url = reverse("admin:articles_section_change", args=[section.pk])

    page = parse(administrator_client.get(url))

    dari, pashto = page.find("input", name="names_fa-af"), page.find("input", name="names_ps")
    assert (dari.attrs["lang"], dari.attrs["dir"], dari.attrs.get("value", "")) == (
        "fa-AF",
        "rtl",
        "",
    )
    assert (pashto.attrs["lang"], pashto.attrs["value"]) == ("ps", "اقتصاد")
    labels = [label.text for label in page.find_all("label", class_="name-in-language")]
    assert any("دری" in text for text in labels) and any("پښتو" in text for text in labels)


def save_section_with_names(client, dari: str, pashto: str):
    """Post the page of a section "Economy" with these names in its Dari and Pashto boxes."""
    section = SectionFactory(name="Economy", slug="economy")
    data = {"name": "Economy", "slug": "economy", "description": "", "position": 0}
    data.update({"names_fa-af": dari, "names_ps": pashto})
    return client.post(reverse("admin:articles_section_change", args=[section.pk]), data)


def test_names_typed_in_the_boxes_are_stored_and_empty_ones_left_out(administrator_client):
    response = save_section_with_names(administrator_client, " اقتصاد ", "")

    assert response.status_code == 302
    assert Section.objects.get().names == {"fa-af": "اقتصاد"}


def test_an_author_added_with_names_in_both_scripts(administrator_client):
    response = administrator_client.post(
        reverse("admin:articles_author_add"),
        {
            "name": "Farida Noorzai",
            "slug": "",
            "bio": "",
            "names_fa-af": "فریده نورزی",
            "names_ps": "فریده نورزۍ",
        },
    )

    assert response.status_code == 302
    assert Author.objects.get().names == {"fa-af": "فریده نورزی", "ps": "فریده نورزۍ"}


def save_tag_with_names(client, *rows: tuple[str, str]):
    """Post the tag page for a new tag "Harvest", with (language, name) in its two rows."""
    tag = Tag.objects.create(name="Harvest")
    data = {
        "name": "Harvest",
        "slug": tag.slug,
        "other_names-TOTAL_FORMS": 2,
        "other_names-INITIAL_FORMS": 0,
        "other_names-MIN_NUM_FORMS": 0,
        "other_names-MAX_NUM_FORMS": 2,
    }
    for index, (language, name) in enumerate(rows):
        data.update({f"other_names-{index}-language": language, f"other_names-{index}-name": name})
    return client.post(reverse("admin:articles_tag_change", args=[tag.pk]), data)


def test_a_tags_names_in_other_languages_are_edited_beside_it(administrator_client):
    response = save_tag_with_names(administrator_client, ("ps", "حاصل"), ("", ""))

    assert response.status_code == 302
    assert list(TagName.objects.values_list("language", "name")) == [("ps", "حاصل")]


def test_a_tag_named_twice_in_one_language_is_refused_in_words(administrator_client):
    response = save_tag_with_names(administrator_client, ("ps", "حاصل"), ("ps", "فصل"))

    assert response.status_code == 200
    assert "duplicate" in response.text.lower()
    assert not TagName.objects.exists()


def test_a_name_longer_than_the_field_is_refused_and_kept(administrator_client):
    too_long = "ا" * 61

    response = save_section_with_names(administrator_client, too_long, "")

    assert response.status_code == 200
    assert too_long in response.text
    assert Section.objects.get().names == {}
