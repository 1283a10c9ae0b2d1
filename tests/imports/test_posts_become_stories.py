"""What a WordPress post becomes in the newsroom: state, time, byline, section, tags, body."""

from datetime import UTC, datetime

import pytest

from articles.models import Article, ArticleEvent, Author, Section, Tag
from tests.imports.conftest import counts, import_wordpress

pytestmark = pytest.mark.django_db


def story(slug: str) -> Article:
    return Article.objects.get(slug=slug)


def test_published_posts_are_published_at_their_original_time(imported):
    wheat = story("wheat-prices-fall-in-kabul-markets")
    assert wheat.status == Article.Status.PUBLISHED
    assert wheat.published_at == datetime(2024, 3, 14, 5, 0, tzinfo=UTC)
    assert Article.objects.published().filter(pk=wheat.pk).exists()


@pytest.mark.parametrize(
    ("slug", "status", "in_trash"),
    [
        ("notes-for-a-story-on-winter-roads", Article.Status.DRAFT, False),  # draft
        ("salang-repairs", Article.Status.DRAFT, False),  # pending review
        ("election-memo", Article.Status.DRAFT, True),  # private
        ("bazaar-duplicate", Article.Status.DRAFT, True),  # trashed
        ("cricket-squad-asia-cup", Article.Status.SCHEDULED, False),  # scheduled
    ],
)
def test_unpublished_posts_keep_their_place_in_the_workflow(imported, slug, status, in_trash):
    hidden = story(slug)
    assert hidden.status == status
    assert (hidden.deleted_at is not None) is in_trash
    assert not Article.objects.published().filter(pk=hidden.pk).exists()


def test_every_imported_story_says_so_in_its_history(imported):
    wheat = story("wheat-prices-fall-in-kabul-markets")
    (event,) = ArticleEvent.objects.filter(article=wheat)
    assert event.to_status == Article.Status.PUBLISHED
    assert event.comment == "Imported from WordPress (https://kabul-ledger.example/?p=1001)"


def test_users_and_co_authors_sign_in_the_printed_order(imported):
    assert [a.name for a in story("kunar-river").authors] == ["Wahid Karimi", "Sahar Amiri"]
    assert [a.name for a in story("herat-water-pipeline").authors] == ["Wahid Karimi"]
    assert set(Author.objects.values_list("name", flat=True)) == {
        "Farida Noori",
        "Wahid Karimi",
        "Sahar Amiri",
    }


def test_categories_become_sections_and_the_first_files_the_story(imported):
    assert story("wheat-prices-fall-in-kabul-markets").section.name == "National"
    assert story("tokyo-trade-talks").section.name == "Asia"
    assert set(Section.objects.values_list("name", flat=True)) == {
        "National",
        "Economy",
        "World",
        "Asia",
        "Sport",
        "اقتصاد",
    }


def test_existing_sections_and_tags_are_used_not_doubled(db, uploads):
    Section.objects.create(name="Economy", slug="business-and-economy")
    Tag.objects.create(name="Wheat", slug="wheat")
    import_wordpress(media_dir=str(uploads))
    assert Section.objects.filter(name="Economy").count() == 1
    assert story("herat-water-pipeline").section.slug == "business-and-economy"
    assert Tag.objects.filter(name="Wheat").count() == 1


def test_tags_come_along(imported):
    assert sorted(story("wheat-prices-fall-in-kabul-markets").tags.names()) == ["Markets", "Wheat"]
    assert list(story("نرخ-گندم-در-بازارهای-کابل-کاهش-یافت").tags.names()) == ["گندم"]


def test_gutenberg_body_loses_its_block_comments_and_captions_become_figures(imported):
    body = story("herat-water-pipeline").body
    assert "wp:" not in body
    assert "[caption" not in body
    assert body.count("<figure>") == 2
    assert "<figcaption>Engineers test a valve before the opening.</figcaption>" in body
    assert 'alt="A girl fills a jug at a new tap"' in body
    assert body.startswith("<p>Families in two districts")


def test_a_dateline_at_the_start_moves_to_the_dateline_field(imported):
    herat = story("herat-water-pipeline")
    assert herat.dateline == "HERAT"
    assert "HERAT" not in herat.body
    assert story("wheat-prices-fall-in-kabul-markets").dateline == "KABUL"
    assert story("pomegranate-exports-rise-through-the-torkham-crossing").dateline == ""


def test_unknown_shortcodes_stay_as_text_and_are_counted(imported):
    assert '[contact-form-7 id="42" title="Tips"]' in story("herat-water-pipeline").body
    assert "Shortcodes kept as text: [contact-form-7] ×1" in imported


def test_a_gallery_becomes_a_figure_for_each_picture(imported):
    body = story("nowruz-fair-photographs").body
    assert "[gallery" not in body
    assert body.count("<figure>") == 2
    assert "<figcaption>Kites over the shrine.</figcaption>" in body


def test_classic_editor_text_is_split_into_paragraphs(imported):
    body = story("wheat-prices-fall-in-kabul-markets").body
    assert body.startswith("<p>The price of a sack of wheat fell")
    assert "<br>" in body  # a single line end inside a paragraph


def test_the_featured_image_is_the_story_picture_with_renditions(imported):
    wheat = story("wheat-prices-fall-in-kabul-markets")
    assert wheat.image_alt == "Stacked sacks of wheat beside a trader's stall"
    assert wheat.image_caption == "Sacks of wheat wait for buyers at the Mandawi market."
    assert wheat.image_renditions["jpeg"]
    # Stored under a random name, as every upload is.
    assert "wheat" not in wheat.image.name


def test_the_report_counts_what_was_made(imported):
    assert counts(imported) == {
        "stories": (26, 0, 1),
        "authors": (3, 0, 0),
        "sections": (6, 0, 0),
        "tags": (17, 0, 0),
        "pictures": (6, 0, 1),
    }
    assert "1 skipped: the item has no title" in imported
    assert "Items that are not stories, left out: 1 page, 1 nav_menu_item" in imported
