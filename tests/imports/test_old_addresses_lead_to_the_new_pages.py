"""Every address of the old WordPress site keeps working: a permanent redirect to the new page.

Checked as a reader meets them: a link from another site, a bookmark, a feed reader.
"""

from urllib.parse import quote

import pytest
from django.urls import reverse

from articles.models import Article
from articles.workflow import move_to_trash

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.readers.media_as_nginx_serves_it")]

OLD_SITE = "https://kabul-ledger.example"


def redirect_target(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 301, f"{address} answered {response.status_code}"
    return response["Location"]


def story(slug: str) -> Article:
    return Article.objects.get(slug=slug)


def test_old_permalink_leads_to_the_story_page_with_its_byline_dateline_and_picture(
    imported, reader_client
):
    wheat = story("wheat-prices-fall-in-kabul-markets")
    old = "/national/1001/wheat-prices-fall-in-kabul-markets/"

    assert redirect_target(reader_client, old) == wheat.get_absolute_url()
    assert wheat.get_absolute_url() == "/2024/03/14/wheat-prices-fall-in-kabul-markets/"
    page = reader_client.get(wheat.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Wheat prices fall in Kabul markets as the harvest arrives early" in text
    assert "Farida Noori" in text
    assert '<span class="dateline">KABUL:</span>' in text
    assert "Stacked sacks of wheat beside a trader&#x27;s stall" in text
    assert "Sacks of wheat wait for buyers at the Mandawi market." in text
    # The picture in the body too, at an address readers can fetch.
    assert "Lorries from Balkh wait to unload." in text
    body_picture = wheat.body.split('src="', 1)[1].split('"', 1)[0]
    assert reader_client.get(body_picture).status_code == 200


def test_old_permalink_without_its_last_slash_leads_there_too(imported, reader_client):
    wheat = story("wheat-prices-fall-in-kabul-markets")
    old = "/national/1001/wheat-prices-fall-in-kabul-markets"
    assert redirect_target(reader_client, old) == wheat.get_absolute_url()


def test_question_mark_p_address_leads_to_the_story(imported, reader_client):
    herat = story("herat-water-pipeline")
    assert redirect_target(reader_client, "/?p=1002") == herat.get_absolute_url()


def test_dari_post_lands_as_a_dari_story_under_its_language(imported, reader_client):
    slug = "نرخ-گندم-در-بازارهای-کابل-کاهش-یافت"
    dari = story(slug)
    old = f"/{quote('اقتصاد')}/1003/{quote(slug)}/"

    new = redirect_target(reader_client, old)
    assert new == f"/fa-af/2024/03/15/{quote(slug)}/"
    page = reader_client.get(new)
    assert page.status_code == 200
    assert page["Content-Language"] == "fa-af"
    text = page.content.decode()
    assert "نرخ گندم در بازارهای کابل کاهش یافت" in text
    assert dari.dateline == "کابل"
    assert dari.language == "fa-af"


def test_pashto_post_lands_under_the_pashto_pages(imported, reader_client):
    pashto = story("د-ونو-کرل")
    assert pashto.language == "ps"
    assert reader_client.get(pashto.get_absolute_url()).status_code == 200
    assert pashto.get_absolute_url().startswith("/ps/")


@pytest.mark.parametrize(
    ("old", "section"),
    [
        ("/category/economy/", "economy"),
        ("/category/economy", "economy"),
        ("/category/world/asia/", "asia"),
        ("/?cat=3", "economy"),
    ],
)
def test_category_archives_lead_to_their_sections(imported, reader_client, old, section):
    target = reverse("articles:section", kwargs={"slug": section})
    assert redirect_target(reader_client, old) == target
    assert reader_client.get(target).status_code == 200


def test_tag_archive_whose_name_changed_address_leads_to_the_tag_page(imported, reader_client):
    # WordPress called this tag "sport"; the newsroom's tag of that name is "sport-tag".
    target = reverse("articles:tag", kwargs={"slug": "sport-tag"})
    assert redirect_target(reader_client, "/tag/sport/") == target
    assert redirect_target(reader_client, "/?tag=sport") == target
    assert reader_client.get(target).status_code == 200


def test_tag_archive_at_the_same_address_answers_at_once(imported, reader_client):
    assert reader_client.get("/tag/wheat/").status_code == 200


def test_author_archive_leads_to_the_author_page(imported, reader_client):
    target = reverse("articles:author", kwargs={"slug": "farida-noori"})
    assert redirect_target(reader_client, "/author/farida/") == target
    assert reader_client.get(target).status_code == 200


@pytest.mark.parametrize(
    ("old", "url_name", "slug"),
    [
        ("/feed/", "articles:rss", None),
        ("/feed/atom/", "articles:rss", None),
        ("/?feed=rss2", "articles:rss", None),
        ("/category/national/feed/", "articles:section_rss", "national"),
        ("/tag/wheat/feed/", "articles:tag_rss", "wheat"),
        ("/author/wahid/feed/", "articles:author_rss", "wahid-karimi"),
    ],
)
def test_old_feeds_lead_to_the_new_feeds(imported, reader_client, old, url_name, slug):
    target = reverse(url_name, kwargs={"slug": slug} if slug else {})
    assert redirect_target(reader_client, old) == target
    assert reader_client.get(target).status_code == 200


@pytest.mark.parametrize(
    "old",
    [
        "/national/1005/winter-roads-notes/",  # draft
        "/national/1006/salang-repairs/",  # pending review
        "/national/1007/election-memo/",  # private
        "/national/1008/bazaar-duplicate__trashed/",  # trashed
        "/sport/1009/cricket-squad-asia-cup/",  # scheduled for later
    ],
)
def test_old_address_of_a_story_readers_may_not_see_is_not_found(imported, reader_client, old):
    assert reader_client.get(old).status_code == 404


@pytest.mark.parametrize("wp_id", [1005, 1007, 1008])
def test_question_mark_p_of_a_hidden_story_is_only_the_home_page(imported, reader_client, wp_id):
    response = reader_client.get(f"/?p={wp_id}")
    assert response.status_code == 200
    assert b"winter roads" not in response.content.lower()


def test_a_story_trashed_after_the_import_loses_its_old_address(imported, reader_client, editor):
    move_to_trash(story("wheat-prices-fall-in-kabul-markets"), by=editor)
    assert (
        reader_client.get("/national/1001/wheat-prices-fall-in-kabul-markets/").status_code == 404
    )
    assert reader_client.get("/?p=1001").status_code == 200


def test_unknown_addresses_still_answer_not_found(imported, reader_client):
    assert reader_client.get("/national/9999/never-written/").status_code == 404
    assert reader_client.get("/?p=9999").status_code == 200


def test_an_address_the_old_site_never_had_costs_no_query_when_asked_again(
    imported, reader_client, django_assert_num_queries
):
    # Moved sites are probed all day for WordPress's own addresses.
    assert reader_client.get("/wp-login.php").status_code == 404
    reader_client.get("/")  # the section bar is kept too
    with django_assert_num_queries(0):
        assert reader_client.get("/wp-login.php").status_code == 404
