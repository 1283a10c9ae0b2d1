"""Every item on the wire is a valid IPTC ninjs 2.2 document that says what the story says."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from articles.models import Correction
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, stored_jpeg
from tests.wire.conftest import ids_of

# IPTC's published schema, unchanged (CC BY 4.0; its description names the licence).
SCHEMA_FILE = Path(__file__).resolve().parent / "ninjs-schema_2.2.json"


@pytest.fixture(scope="module")
def ninjs_validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


@pytest.fixture
def rich_story(db, run_committed_work):
    """A story with everything an item can carry: picture, tags, two bylines, a correction."""
    story = ArticleFactory(
        published=True,
        headline="Wheat harvest in Balkh beats last year's by a fifth",
        standfirst="Farmers credit late rains and new canals.",
        dateline="MAZAR-I-SHARIF",
        body='<p>Farmers said <a href="https://example.org/report">the report</a> was right.</p>'
        "<blockquote><p>“The best year in a decade,” one said.</p></blockquote>",
        section=SectionFactory(name="Business", slug="business", names={"ps": "سوداګري"}),
        authors=[AuthorFactory(name="Farida Noorzai"), AuthorFactory(name="Wahid Karimi")],
        tags=["wheat", "Balkh"],
        image=stored_jpeg(1600, 900),
        image_alt="Farmers load sacks of wheat onto a truck",
        image_caption="Sacks of wheat near Mazar-i-Sharif.",
        image_credit="Agency photographer",
    )
    run_committed_work()
    Correction.objects.create(article=story, text="The harvest rose by a fifth, not a quarter.")
    return story


def test_every_item_validates_against_the_ninjs_schema(
    rich_story, subscribe, ninjs_validator, editor
):
    from articles import workflow

    dari = ArticleFactory(published=True, language="fa-af", headline="برداشت گندم در بلخ")
    pashto = ArticleFactory(scheduled=True, language="ps", headline="د غنمو حاصل")
    withdrawn = ArticleFactory(published=True)
    subscriber = subscribe(receives_embargoed=True)
    subscriber.changes()
    workflow.unpublish(withdrawn, by=editor, reason="Sources could not be checked.")

    items, _cursor = subscriber.changes()
    assert set(ids_of(items)) == {rich_story.pk, dari.pk, pashto.pk, withdrawn.pk}
    for item in items:
        errors = [error.message for error in ninjs_validator.iter_errors(item)]
        assert errors == [], (item["uri"], errors)


def test_an_item_says_what_the_story_says(rich_story, subscribe):
    answer = subscribe().item(rich_story.pk)

    assert answer.status_code == 200
    item = answer.json()
    assert item["pubstatus"] == "usable"
    assert item["version"] == "2"  # the correction, a second version
    assert item["language"] == "en"
    assert item["headlines"] == [
        {"role": "main", "value": "Wheat harvest in Balkh beats last year's by a fifth"}
    ]
    assert item["located"] == "MAZAR-I-SHARIF"
    assert {"role": "summary", "value": "Farmers credit late rains and new canals."} in item[
        "descriptions"
    ]
    body = item["bodies"][0]
    assert body["contenttype"] == "text/html"
    assert 'href="https://example.org/report"' in body["value"]
    assert "<blockquote>" in body["value"]
    assert item["by"] == "Farida Noorzai, Wahid Karimi"
    assert [person["name"] for person in item["people"]] == ["Farida Noorzai", "Wahid Karimi"]
    subjects = {(subject["rel"], subject["name"]) for subject in item["subjects"]}
    assert subjects == {("section", "Business"), ("about", "wheat"), ("about", "Balkh")}
    assert any("not a quarter" in entry["value"] for entry in item["descriptions"])
    assert "not a quarter" in item["ednote"]
    assert item["firstcreated"] <= item["versioncreated"]
    assert {"role": "url", "value": f"http://testserver{rich_story.get_absolute_url()}"} in (
        item["altids"]
    )


def test_the_picture_comes_with_its_sizes_and_alt_text(rich_story, subscribe):
    item = subscribe().item(rich_story.pk).json()

    (picture,) = item["associations"]
    assert picture["type"] == "picture"
    assert {"role": "alt", "value": "Farmers load sacks of wheat onto a truck"} in picture[
        "descriptions"
    ]
    assert picture["by"] == "Agency photographer"
    jpegs = [rendition for rendition in picture["renditions"] if rendition["name"][:4] == "jpeg"]
    assert [rendition["width"] for rendition in jpegs] == [320, 640, 960, 1280, 1600]
    assert all(rendition["height"] * 16 == rendition["width"] * 9 for rendition in jpegs)
    assert all(rendition["contenttype"] == "image/jpeg" for rendition in jpegs)
    assert all(rendition["sizeinbytes"] > 0 for rendition in jpegs)
    assert all(rendition["href"].startswith("http://testserver/") for rendition in jpegs)
    assert all(
        rendition["title"] == "Farmers load sacks of wheat onto a truck" for rendition in jpegs
    )


def test_subjects_and_bylines_are_named_in_the_story_language(subscribe):
    story = ArticleFactory(
        published=True,
        language="ps",
        section=SectionFactory(name="Business", slug="business", names={"ps": "سوداګري"}),
        authors=[AuthorFactory(name="Farida Noorzai", names={"ps": "فریده نورزۍ"})],
    )

    item = subscribe().item(story.pk).json()

    assert item["language"] == "ps"
    assert item["by"] == "فریده نورزۍ"
    assert ("section", "سوداګري") in {(s["rel"], s["name"]) for s in item["subjects"]}


def test_a_translation_names_the_story_it_translates(subscribe, editor):
    from articles import workflow

    original = ArticleFactory(published=True)
    dari = workflow.translate(original, "fa-af", by=editor)
    dari.headline = "گزارش به دری"
    dari.save()
    workflow.approve(dari, by=editor)

    item = subscribe().item(dari.pk).json()

    assert item["language"] == "fa-AF"
    assert {
        "role": "translation-of",
        "value": f"http://testserver/wire/v1/items/{original.pk}",
    } in (item["altids"])
