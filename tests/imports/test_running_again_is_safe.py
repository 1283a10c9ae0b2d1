"""Running the import again is safe: unchanged posts stay as they are, changed ones follow,
new ones are added, nothing is doubled; a dry run saves nothing."""

import pytest

from articles.models import (
    Article,
    ArticleEvent,
    Author,
    Byline,
    OldAddress,
    Section,
    Tag,
    TaggedArticle,
)
from articles.workflow import claim_version
from imports.models import ImportedItem
from tests.imports.conftest import EXPORT, counts, import_wordpress

pytestmark = pytest.mark.django_db

MODELS = [
    Article,
    ArticleEvent,
    Author,
    Byline,
    OldAddress,
    Section,
    Tag,
    TaggedArticle,
    ImportedItem,
]


def database() -> dict[str, list[dict]]:
    """Every row the import writes, every column of it."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def changed_export(tmp_path, *replacements: tuple[str, str]):
    text = EXPORT.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "export-again.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_second_run_changes_nothing(imported, uploads):
    before = database()
    again = import_wordpress(media_dir=str(uploads))
    assert database() == before
    assert all(created == updated == 0 for created, updated, _ in counts(again).values())
    assert counts(again)["stories"] == (0, 0, 27)
    assert "26 skipped: unchanged since the last import" in again


def test_a_second_run_updates_changed_posts_and_adds_new_ones(imported, uploads, tmp_path):
    new_item = (
        EXPORT.read_text(encoding="utf-8")
        .split("<item>")[4]
        .split("</item>")[0]
        .replace("?p=1002", "?p=3001")
        .replace("<wp:post_id>1002</wp:post_id>", "<wp:post_id>3001</wp:post_id>")
        .replace("herat-water-pipeline", "herat-pipeline-second-stage")
    )
    export = changed_export(
        tmp_path,
        (
            "Ghazni teachers receive delayed salaries",
            "Ghazni teachers receive three months of delayed salaries",
        ),
        ("</channel>", f"<item>{new_item}</item>\n</channel>"),
    )
    stories_before = Article.objects.count()

    again = import_wordpress(export, media_dir=str(uploads))

    assert counts(again)["stories"] == (1, 1, 26)
    assert Article.objects.count() == stories_before + 1
    ghazni = Article.objects.get(slug="ghazni-teachers-receive-delayed-salaries")
    assert ghazni.headline == "Ghazni teachers receive three months of delayed salaries"
    assert ghazni.events.last().comment.startswith("Updated from the WordPress export")
    assert Article.objects.filter(slug="herat-pipeline-second-stage").exists()


def test_a_story_edited_in_the_newsroom_is_not_overwritten(imported, uploads, tmp_path, editor):
    ghazni = Article.objects.get(slug="ghazni-teachers-receive-delayed-salaries")
    # As the desk saves a story.
    claim_version(ghazni, by=editor, loaded_version=ghazni.version)
    ghazni.standfirst = "Written again by the desk."
    ghazni.save()
    export = changed_export(
        tmp_path, ("Ghazni teachers receive delayed salaries", "Ghazni teachers get paid at last")
    )

    again = import_wordpress(export, media_dir=str(uploads))

    ghazni.refresh_from_db()
    assert ghazni.standfirst == "Written again by the desk."
    assert ghazni.headline == "Ghazni teachers receive delayed salaries"
    assert "changed in the newsroom since it was imported" in again


def test_a_dry_run_reports_and_saves_nothing(db, uploads):
    before = database()
    report = import_wordpress(media_dir=str(uploads), dry_run=True)
    assert database() == before
    assert report.startswith("Dry run: nothing was saved.")
    assert counts(report)["stories"] == (26, 0, 1)
    assert counts(report)["pictures"] == (6, 0, 1)


def test_pictures_left_for_later_come_with_a_run_that_has_the_uploads(db, uploads):
    first = import_wordpress()
    assert "no --media-dir was given" in first
    wheat = Article.objects.get(slug="wheat-prices-fall-in-kabul-markets")
    assert not wheat.image

    later = import_wordpress(media_dir=str(uploads))

    wheat.refresh_from_db()
    assert wheat.image
    assert counts(later)["stories"] == (0, 0, 27)
    assert counts(later)["pictures"][0] == 6
