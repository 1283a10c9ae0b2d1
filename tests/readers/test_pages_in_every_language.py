"""English, Dari and Pashto readers: each language's pages, linked to one another.

A story and its translations are one piece of news told three times; each is published on its
own, and a version readers may not see yet is named nowhere, in no language.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article, TagName
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.html import parse

KABUL = ZoneInfo("Asia/Kabul")
EASTERN_DIGITS = re.compile("[۰-۹]")


@pytest.fixture
def news(db, editor):
    """A published English story with a published Dari and a published Pashto translation."""
    section = SectionFactory(
        name="Economy", slug="economy", names={"fa-af": "اقتصاد", "ps": "اقتصاد"}
    )
    author = AuthorFactory(
        name="Farida Noorzai", names={"fa-af": "فریده نورزی", "ps": "فریده نورزۍ"}
    )
    english = ArticleFactory(
        published=True, headline="Wheat harvest beats forecasts", section=section, authors=[author]
    )
    dari = workflow.translate(english, "fa-af", by=editor)
    pashto = workflow.translate(english, "ps", by=editor)
    for story, headline in (
        (dari, "برداشت گندم از پیش‌بینی‌ها بیشتر شد"),
        (pashto, "د غنمو حاصل له اټکل څخه زیات شو"),
    ):
        story.headline = headline
        story.save()
        workflow.submit(story, by=editor)
        workflow.approve(story, by=editor)
    return {"en": english, "fa-af": dari, "ps": pashto}


def hreflang_links(response) -> dict[str, str]:
    page = parse(response)
    return {
        link.attrs["hreflang"]: link.attrs["href"]
        for link in page.find_all("link", rel="alternate")
        if "hreflang" in link.attrs
    }


def html_of(response):
    return parse(response).find("html")


def test_each_version_is_at_its_languages_address_in_its_direction(reader_client, news):
    for language, story in news.items():
        response = reader_client.get(story.get_absolute_url())
        assert response.status_code == 200
        expected = {"en": ("en", "ltr"), "fa-af": ("fa-AF", "rtl"), "ps": ("ps", "rtl")}[language]
        assert (html_of(response).attrs["lang"], html_of(response).attrs["dir"]) == expected
    assert news["en"].get_absolute_url().startswith("/20")
    assert news["fa-af"].get_absolute_url().startswith("/fa-af/20")
    assert news["ps"].get_absolute_url().startswith("/ps/20")


def test_a_version_asked_for_under_another_language_redirects_to_its_own(reader_client, news):
    address = news["ps"].get_absolute_url().removeprefix("/ps")
    response = reader_client.get(address)
    assert response.status_code == 301
    assert response["Location"] == news["ps"].get_absolute_url()


def test_hreflang_links_are_reciprocal_across_the_three_versions(reader_client, news):
    links = {
        language: hreflang_links(reader_client.get(story.get_absolute_url()))
        for language, story in news.items()
    }
    assert links["en"] == links["fa-af"] == links["ps"]
    assert set(links["en"]) == {"en", "fa-AF", "ps", "x-default"}
    assert links["en"]["x-default"] == links["en"]["en"]
    for language, story in news.items():
        assert links["en"][{"en": "en", "fa-af": "fa-AF", "ps": "ps"}[language]].endswith(
            story.get_absolute_url()
        )


def test_a_story_page_offers_its_translations_in_their_own_names(reader_client, news):
    page = parse(reader_client.get(news["en"].get_absolute_url()))
    offered = page.find("nav", class_="story-translations")
    texts = [link.text for link in offered.find_all("a")]
    assert any("دری" in text for text in texts) and any("پښتو" in text for text in texts)
    assert all(link.attrs["dir"] == "rtl" for link in offered.find_all("a"))


def test_home_sections_and_lists_link_every_language_with_x_default(reader_client, news):
    for address in (
        "/",
        "/fa-af/",
        "/ps/",
        "/section/economy/",
        "/ps/section/economy/",
        "/fa-af/archive/",
    ):
        links = hreflang_links(reader_client.get(address))
        assert set(links) == {"en", "fa-AF", "ps", "x-default"}, address


def test_translations_publish_independently_and_a_hidden_one_leaks_nowhere(
    reader_client, news, editor
):
    pashto = news["ps"]
    workflow.unpublish(pashto, by=editor, reason="Checking a figure")
    assert reader_client.get(pashto.get_absolute_url()).status_code == 404
    assert reader_client.get(news["en"].get_absolute_url()).status_code == 200
    for language, story in news.items():
        if language == "ps":
            continue
        response = reader_client.get(story.get_absolute_url())
        assert pashto.slug not in response.content.decode()
        assert "ps" not in hreflang_links(response)
    for address in (
        "/ps/",
        "/ps/archive/",
        "/ps/feeds/",
        "/ps/sitemap-news.xml",
        "/ps/sitemap-stories.xml",
    ):
        response = reader_client.get(address)
        assert pashto.slug not in response.content.decode(), address
    # Its language's home has nothing left to show, and says so in Pashto.
    assert pashto.headline not in reader_client.get("/ps/").content.decode()


def test_each_languages_feeds_carry_only_its_own_stories(reader_client, news):
    for language, prefix in (("en", ""), ("fa-af", "/fa-af"), ("ps", "/ps")):
        for address in (f"{prefix}/feeds/rss/", f"{prefix}/feeds/section/economy/atom/"):
            feed = reader_client.get(address).content.decode()
            for other, story in news.items():
                assert (
                    story.get_absolute_url() + "<" in feed or story.get_absolute_url() + '"' in feed
                ) == (other == language), (address, other)


def test_each_languages_lists_show_only_its_own_stories(reader_client, news):
    dari_home = reader_client.get("/fa-af/").content.decode()
    assert news["fa-af"].headline in dari_home
    assert news["en"].headline not in dari_home and news["ps"].headline not in dari_home
    english_archive = reader_client.get("/archive/").content.decode()
    assert news["en"].headline in english_archive and news["fa-af"].headline not in english_archive


def test_dari_and_pashto_pages_show_solar_hijri_dates_in_eastern_digits(
    reader_client, news, editor
):
    moment = datetime(2026, 12, 7, 10, 30, tzinfo=KABUL)
    Article.objects.filter(pk__in=[story.pk for story in news.values()]).update(published_at=moment)
    for story in news.values():
        story.refresh_from_db()
        story.save()
    dari = parse(reader_client.get(news["fa-af"].get_absolute_url()))
    time = dari.find("p", class_="story-times").find("time")
    assert time.attrs["datetime"].startswith("2026-12-07T10:30")
    assert time.text == "۱۶ قوس ۱۴۰۵، ۱۰:۳۰"
    pashto = parse(reader_client.get(news["ps"].get_absolute_url()))
    assert pashto.find("p", class_="story-times").find("time").text == "۱۶ لیندۍ ۱۴۰۵، ۱۰:۳۰"
    english = parse(reader_client.get(news["en"].get_absolute_url()))
    assert english.find("p", class_="story-times").find("time").text == "7 December 2026, 10:30"


def test_names_follow_the_pages_language(reader_client, news):
    dari = reader_client.get(news["fa-af"].get_absolute_url()).content.decode()
    assert (
        "فریده نورزی" in dari
        and "Farida Noorzai" not in dari.split("<body")[1].split("application/ld+json")[0]
    )
    assert "اقتصاد" in dari
    story = news["ps"]
    story.tags.add("Harvest")
    harvest = story.tags.get()
    TagName.objects.create(tag=harvest, language="ps", name="حاصل")
    story.save()
    page = reader_client.get(
        reverse("articles:tag", kwargs={"slug": harvest.slug}).replace("/tag/", "/ps/tag/")
    )
    assert page.status_code == 200
    assert "حاصل" in page.content.decode()


def test_json_ld_and_news_sitemap_carry_each_storys_language(reader_client, news):
    dari = reader_client.get(news["fa-af"].get_absolute_url()).content.decode()
    assert '"inLanguage": "fa-AF"' in dari
    sitemap = reader_client.get("/ps/sitemap-news.xml").content.decode()
    assert "<news:language>ps</news:language>" in sitemap
    assert news["ps"].get_absolute_url() in sitemap
    assert news["en"].get_absolute_url() + "<" not in sitemap


def test_the_body_keeps_its_direction_and_language_marks(db):
    story = ArticleFactory(
        language="fa-af", body='<p dir="rtl">سازمان <span lang="en" dir="ltr">UNICEF</span> گفت</p>'
    )
    assert story.body == '<p dir="rtl">سازمان <span lang="en" dir="ltr">UNICEF</span> گفت</p>'


def test_a_reader_never_gets_a_page_in_a_language_the_site_does_not_have(reader_client, news):
    assert reader_client.get("/de/").status_code == 404


def test_the_footers_year_is_written_in_the_pages_digits(reader_client, news):
    for address in ("/fa-af/", "/ps/"):
        legal = parse(reader_client.get(address)).find("p", class_="footer-legal").text
        assert EASTERN_DIGITS.search(legal) and not re.search("[0-9]", legal), address
    assert re.search(
        "© [0-9]{4}", parse(reader_client.get("/")).find("p", class_="footer-legal").text
    )


def test_a_tag_page_links_the_languages_it_exists_in_as_they_come_and_go(
    reader_client, news, editor
):
    english, pashto = news["en"], news["ps"]
    english.tags.add("Harvest")
    english.save()
    assert set(hreflang_links(reader_client.get("/tag/harvest/"))) == set()

    pashto.tags.add("Harvest")
    pashto.save()
    links = hreflang_links(reader_client.get("/tag/harvest/"))
    assert set(links) == {"en", "ps", "x-default"}
    assert links["ps"].endswith("/ps/tag/harvest/")
    assert hreflang_links(reader_client.get("/ps/tag/harvest/")) == links

    workflow.unpublish(pashto, by=editor, reason="Checking a figure")
    assert set(hreflang_links(reader_client.get("/tag/harvest/"))) == set()
    assert reader_client.get("/ps/tag/harvest/").status_code == 404


def test_a_tags_name_in_another_language_reaches_its_pages_when_it_changes(reader_client, news):
    story = news["ps"]
    story.tags.add("Harvest")
    harvest = story.tags.get()
    story.save()
    address = reverse("articles:tag", kwargs={"slug": harvest.slug}).replace("/tag/", "/ps/tag/")
    assert "کرهنه" not in reader_client.get(address).content.decode()

    name = TagName.objects.create(tag=harvest, language="ps", name="کرهنه")
    assert "کرهنه" in reader_client.get(address).content.decode()

    name.name = "بزګري"
    name.save()
    assert "بزګري" in reader_client.get(address).content.decode()
