"""What a reader sees on a story page."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Correction
from readers.story_page import render_story
from tests.factories import ArticleFactory, AuthorFactory, stored_jpeg
from tests.html import parse

pytestmark = pytest.mark.django_db

KABUL = ZoneInfo("Asia/Kabul")


def story_page(reader_client, article):
    response = reader_client.get(article.get_absolute_url())
    assert response.status_code == 200
    return parse(response)


def test_story_shows_headline_standfirst_and_one_h1(reader_client):
    article = ArticleFactory(published=True, headline="Wheat prices fall", standfirst="Relief.")
    page = story_page(reader_client, article)
    assert [h1.text for h1 in page.find_all("h1")] == ["Wheat prices fall"]
    assert page.find("p", class_="standfirst").text == "Relief."


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Amina Sadat"], "By: Amina Sadat"),
        (["Amina Sadat", "Omid Jalali"], "By: Amina Sadat and Omid Jalali"),
        (
            ["Amina Sadat", "Omid Jalali", "Zarghuna Wardak"],
            "By: Amina Sadat, Omid Jalali and Zarghuna Wardak",
        ),
    ],
)
def test_byline_joins_names_with_commas_and_and(reader_client, names, expected):
    authors = [AuthorFactory(name=name) for name in names]
    page = story_page(reader_client, ArticleFactory(published=True, authors=authors))
    byline = page.find("p", class_="byline")
    assert byline.text == expected
    assert [link.attrs["href"] for link in byline.find_all("a")] == [
        author.get_absolute_url() for author in authors
    ]


def test_dateline_opens_the_first_paragraph_and_is_escaped(reader_client):
    article = ArticleFactory(
        published=True, dateline="KABUL <b>", body="<p>Markets opened.</p><p>Then closed.</p>"
    )
    response = reader_client.get(article.get_absolute_url())
    assert b'<span class="dateline">KABUL &lt;b&gt;:</span> Markets opened.' in response.content
    first_paragraph = parse(response).find("div", class_="story-body").find("p")
    assert first_paragraph.text == "KABUL <b>: Markets opened."


def test_publication_and_update_times_are_in_the_sites_time_zone(reader_client):
    published = datetime(2026, 3, 1, 8, 0, tzinfo=ZoneInfo("UTC"))
    article = ArticleFactory(published=True, published_at=published)
    page = story_page(reader_client, article)
    times = page.find("p", class_="story-times").find_all("time")
    assert times[0].attrs["datetime"] == "2026-03-01T12:30:00+04:30"
    assert times[0].text == "1 March 2026, 12:30"
    assert "Updated" in page.find("p", class_="story-times").text
    assert article.get_absolute_url().startswith("/2026/03/01/")


def test_featured_image_is_a_responsive_picture_with_caption_and_credit(reader_client):
    article = ArticleFactory(
        published=True,
        image=stored_jpeg(),
        image_alt="A wheat field",
        image_caption="Harvest near Kunduz.",
        image_credit="Staff photographer",
    )
    figure = story_page(reader_client, article).find("figure", class_="story-figure")
    source_types = [source.attrs["type"] for source in figure.find_all("source")]
    assert "image/webp" in source_types
    assert source_types[-1] == "image/webp"
    if article.image_renditions.get("avif"):
        assert source_types[0] == "image/avif"
    image = figure.find("img")
    assert image.attrs["alt"] == "A wheat field"
    assert image.attrs["width"] == "400" and image.attrs["height"] == "250"
    assert image.attrs["src"].endswith(".jpeg")
    assert "320w" in image.attrs["srcset"] and image.attrs["sizes"]
    assert image.attrs["loading"] == "eager"
    assert "Harvest near Kunduz." in figure.find("figcaption").text
    assert "Staff photographer" in figure.find("figcaption").text


def test_tags_reading_time_and_share_links(reader_client):
    article = ArticleFactory(
        published=True, tags=["wheat", "trade"], body="<p>" + "word " * 600 + "</p>"
    )
    page = story_page(reader_client, article)
    assert {link.text for link in page.find("nav", class_="story-tags").find_all("a")} == {
        "wheat",
        "trade",
    }
    assert "3 min read" in page.find("p", class_="story-times").text
    share = [link.attrs["href"] for link in page.find("div", class_="share").find_all("a")]
    assert any(href.startswith("https://www.facebook.com/sharer/") for href in share)
    assert any(href.startswith("mailto:?") for href in share)
    assert [script.attrs.get("type") for script in page.find_all("script")] == [
        "application/ld+json",
        None,  # the consent banner's external script
    ]


def test_corrections_are_listed_with_their_dates(reader_client):
    article = ArticleFactory(published=True)
    when = timezone.now() - timedelta(minutes=10)
    Correction.objects.create(
        article=article, text="The minister's name was misspelt.", published_at=when
    )
    section = story_page(reader_client, article).find("section", class_="story-corrections")
    assert "The minister's name was misspelt." in section.text
    assert (
        section.find("time").attrs["datetime"]
        == timezone.localtime(when, KABUL).replace(microsecond=0).isoformat()
    )


def test_json_ld_describes_a_news_article_with_its_corrections(reader_client):
    author = AuthorFactory(name="Amina Sadat")
    article = ArticleFactory(published=True, authors=[author], image=stored_jpeg(), image_alt="x")
    Correction.objects.create(article=article, text="A date was wrong.</script>")
    response = reader_client.get(article.get_absolute_url())
    assert b'</script>"' not in response.content
    script = parse(response).find("script", type="application/ld+json")
    data = json.loads(script.text)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert data["datePublished"] and data["dateModified"]
    assert data["image"][0].startswith("http://testserver/")
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Amina Sadat",
            "url": "http://testserver" + author.get_absolute_url(),
        }
    ]
    assert data["publisher"]["logo"]["url"].endswith("/static/img/logo.png")
    assert data["correction"][0]["@type"] == "CorrectionComment"
    assert data["correction"][0]["text"] == "A date was wrong.</script>"


def test_preview_renders_the_whole_page_but_asks_not_to_be_indexed(editor):
    article = ArticleFactory(in_review=True, tags=["budget"])
    ArticleFactory(published=True, tags=["budget"], headline="A related published story")
    request = RequestFactory().get("/preview/")
    request.user = editor
    response = render_story(request, article, is_preview=True)
    page = parse(response)
    assert page.find("meta", name="robots").attrs["content"] == "noindex"
    assert "A related published story" in page.find("aside", class_="related").text
    assert "no-store" in response["Cache-Control"]


def test_published_story_is_not_marked_noindex(reader_client):
    page = story_page(reader_client, ArticleFactory(published=True))
    assert not page.find_all("meta", name="robots")
