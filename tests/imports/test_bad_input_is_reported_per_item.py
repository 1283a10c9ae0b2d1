"""Bad input is reported item by item with its GUID; it never stops the rest of the import
nor leaves half a story behind."""

import pytest

from articles.models import Article, Byline, TaggedArticle
from imports.models import ImportedItem
from tests.imports.conftest import EXPORT, counts, import_wordpress

pytestmark = pytest.mark.django_db

GUID = "https://kabul-ledger.example/?p={}"


def test_an_item_without_a_title_is_reported_and_the_rest_imports(imported):
    assert f"{GUID.format(1010)}: the item has no title" in imported
    assert not Article.objects.filter(body__contains="lost its headline").exists()
    assert Article.objects.count() == 26


def test_a_picture_that_fails_the_upload_checks_is_reported_and_the_story_imports(imported):
    assert f"{GUID.format(1013)}: bazaar.jpg: This file is not an image" in imported
    bazaar = Article.objects.get(slug="kandahar-bazaar-reopens")
    assert not bazaar.image
    assert Article.objects.published().filter(pk=bazaar.pk).exists()


def test_an_unknown_author_is_reported_and_the_story_imports_without_that_byline(imported):
    assert f"{GUID.format(1011)}: unknown author “ghostwriter”" in imported
    bamyan = Article.objects.get(slug="bamyan-festival")
    assert bamyan.authors == []
    assert Article.objects.published().filter(pk=bamyan.pk).exists()


def test_a_truncated_export_imports_what_came_before_the_cut(db, uploads, tmp_path):
    text = EXPORT.read_text(encoding="utf-8")
    cut = text.index("Photographs from the Nowruz fair")
    truncated = tmp_path / "truncated.xml"
    truncated.write_text(text[:cut], encoding="utf-8")

    report = import_wordpress(truncated, media_dir=str(uploads))

    assert "The export could not be read to its end" in report
    assert Article.objects.filter(slug="kandahar-bazaar-reopens").exists()
    assert not Article.objects.filter(slug="nowruz-fair-photographs").exists()
    # Every story there is whole: its byline and tags came with it.
    assert counts(report)["stories"][0] == Article.objects.count() == 12
    wheat = Article.objects.get(slug="wheat-prices-fall-in-kabul-markets")
    assert Byline.objects.filter(article=wheat).count() == 1
    assert TaggedArticle.objects.filter(content_object=wheat).count() == 2

    # The whole export, once it is there, brings in the rest.
    again = import_wordpress(media_dir=str(uploads))
    assert counts(again)["stories"][0] == 14
    assert Article.objects.count() == 26


def test_a_post_the_database_refuses_is_reported_and_its_batch_still_imports(
    db, uploads, monkeypatch
):
    from imports import posts

    real_plan = posts.plan

    def plan_without_a_headline(item):
        story = real_plan(item)
        if item.wp_id == "1100":
            story.headline = None  # a column that must have a value
        return story

    monkeypatch.setattr(posts, "plan", plan_without_a_headline)
    report = import_wordpress(media_dir=str(uploads))

    assert f"{GUID.format(1100)}: could not be stored" in report
    assert Article.objects.count() == 25
    assert not ImportedItem.objects.filter(key=GUID.format(1100)).exists()
    assert counts(report)["stories"] == (25, 0, 2)
