"""Home, archive, section, tag, author and corrections pages, as a reader finds them."""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Correction
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, hours_ago, stored_jpeg
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_url_names_reverse_to_their_addresses():
    assert reverse("articles:home") == "/"
    assert reverse("articles:archive") == "/archive/"
    assert reverse("articles:section", kwargs={"slug": "world"}) == "/section/world/"
    assert reverse("articles:tag", kwargs={"slug": "water"}) == "/tag/water/"
    assert reverse("articles:corrections") == "/corrections/"
    assert reverse("articles:author", kwargs={"slug": "amina"}) == "/authors/amina/"
    assert reverse("about") == "/about/"
    assert reverse("contact") == "/contact/"
    assert reverse("privacy") == "/privacy/"


def test_home_leads_with_the_newest_illustrated_story_then_sections_and_latest(reader_client):
    national = SectionFactory(name="National", slug="national", position=1)
    world = SectionFactory(name="World", slug="world", position=2)
    ArticleFactory(
        published=True, section=world, headline="Newest, no picture", published_at=hours_ago(1)
    )
    ArticleFactory(
        published=True,
        section=national,
        headline="Lead with picture",
        image=stored_jpeg(),
        image_alt="Crowd at a market",
        published_at=hours_ago(2),
    )
    ArticleFactory(
        published=True, section=national, headline="Older national", published_at=hours_ago(3)
    )
    page = parse(reader_client.get("/"))
    lead = page.find("section", class_="lead-story")
    assert lead.find("h2").text == "Lead with picture"
    assert lead.find("img").attrs["alt"] == "Crowd at a market"
    blocks = page.find_all("section", class_="section-block")
    assert [block.find("h2").text for block in blocks] == ["National", "World"]
    assert [h3.text for h3 in blocks[0].find_all("h3")] == ["Older national"]
    latest = page.find("aside", class_="latest")
    assert [link.text for link in latest.find("ol").find_all("a")] == [
        "Newest, no picture",
        "Older national",
    ]
    assert len(page.find_all("h1")) == 1


def test_home_shows_at_most_four_stories_per_section(reader_client):
    section = SectionFactory(name="National", slug="national")
    for number in range(7):
        ArticleFactory(
            published=True,
            section=section,
            headline=f"Story {number}",
            published_at=hours_ago(number + 1),
        )
    block = parse(reader_client.get("/")).find("section", class_="section-block")
    assert [h3.text for h3 in block.find_all("h3")] == ["Story 1", "Story 2", "Story 3", "Story 4"]


def test_archive_pages_through_every_story_and_unknown_pages_are_404(reader_client):
    for number in range(25):
        ArticleFactory(
            published=True, headline=f"Archived {number:02d}", published_at=hours_ago(number + 1)
        )
    first = parse(reader_client.get("/archive/"))
    assert len(first.find("ol", class_="story-list").find_all("h2")) == 20
    second = parse(reader_client.get("/archive/?page=2"))
    assert [h2.text for h2 in second.find("ol", class_="story-list").find_all("h2")] == [
        f"Archived {number:02d}" for number in range(20, 25)
    ]
    assert reader_client.get("/archive/?page=3").status_code == 404
    assert reader_client.get("/archive/?page=abc").status_code == 404
    assert reader_client.get("/archive/?page=0").status_code == 404


def test_tag_pages_link_newer_and_older_pages_without_a_page_count(reader_client):
    for number in range(41):
        ArticleFactory(
            published=True,
            tags=["water"],
            headline=f"Water {number:02d}",
            published_at=hours_ago(number + 1),
        )

    def pagination(page_number):
        page = parse(reader_client.get(f"/tag/water/?page={page_number}"))
        nav = page.find("nav", class_="pagination")
        return {link.attrs["rel"]: link.attrs["href"] for link in nav.find_all("a")}, nav.text

    links, text = pagination(1)
    assert links == {"next": "?page=2"}
    assert "Page 1" in text and " of " not in text
    assert pagination(2)[0] == {"prev": "?page=1", "next": "?page=3"}
    assert pagination(3)[0] == {"prev": "?page=2"}
    assert reader_client.get("/tag/water/?page=4").status_code == 404


def test_section_page_lists_its_own_stories_with_bylines(reader_client):
    section = SectionFactory(name="Business", slug="business", description="Trade and markets.")
    author = AuthorFactory(name="Omid Jalali")
    ArticleFactory(published=True, section=section, authors=[author], headline="Saffron exports")
    ArticleFactory(published=True, headline="Elsewhere")
    page = parse(reader_client.get("/section/business/"))
    assert page.find("h1").text == "Business"
    assert page.find("p", class_="page-intro").text == "Trade and markets."
    assert [h2.text for h2 in page.find("ol", class_="story-list").find_all("h2")] == [
        "Saffron exports"
    ]
    assert "Omid Jalali" in page.find("ol", class_="story-list").text
    nav_link = page.find("nav", class_="section-nav").find("a", aria_current="page")
    assert nav_link.text == "Business"


def test_section_tag_and_author_pages_answer_404_for_unknown_names_and_pages(reader_client):
    SectionFactory(slug="business")
    assert reader_client.get("/section/nothing/").status_code == 404
    assert reader_client.get("/tag/nothing/").status_code == 404
    assert reader_client.get("/authors/nobody/").status_code == 404
    assert reader_client.get("/section/business/?page=2").status_code == 404


def test_tag_page_lists_tagged_stories(reader_client):
    ArticleFactory(published=True, tags=["water"], headline="River levels")
    ArticleFactory(published=True, tags=["roads"], headline="New road")
    page = parse(reader_client.get("/tag/water/"))
    assert page.find("h1").text == "water"
    assert [h2.text for h2 in page.find("ol", class_="story-list").find_all("h2")] == [
        "River levels"
    ]


def test_tag_page_lists_newest_first_by_the_time_each_story_went_live(reader_client, editor):
    ArticleFactory(published=True, tags=["water"], headline="Older", published_at=hours_ago(5))
    ArticleFactory(published=True, tags=["water"], headline="Newer", published_at=hours_ago(2))
    waiting = ArticleFactory(in_review=True, tags=["water"], headline="Approved just now")
    withdrawn = ArticleFactory(published=True, tags=["water"], headline="Withdrawn")
    ArticleFactory(scheduled=True, tags=["water"], headline="Due tomorrow")
    ArticleFactory(trashed=True, tags=["water"], headline="In the trash")

    workflow.approve(waiting, by=editor)
    workflow.unpublish(withdrawn, by=editor, reason="Legal advice.")

    page = parse(reader_client.get("/tag/water/"))
    assert [h2.text for h2 in page.find("ol", class_="story-list").find_all("h2")] == [
        "Approved just now",
        "Newer",
        "Older",
    ]


def test_author_page_shows_photo_bio_and_stories(reader_client):
    author = AuthorFactory(
        name="Zarghuna Wardak", bio="Covers health.", photo=stored_jpeg(300, 300)
    )
    other = AuthorFactory(name="Someone Else")
    ArticleFactory(published=True, authors=[author, other], headline="Clinic opens")
    ArticleFactory(published=True, authors=[other], headline="Not hers")
    page = parse(reader_client.get(author.get_absolute_url()))
    assert page.find("h1").text == "Zarghuna Wardak"
    assert page.find("p", class_="page-intro").text == "Covers health."
    assert page.find("picture", class_="author-photo").find("img").attrs["alt"] == "Zarghuna Wardak"
    assert [h2.text for h2 in page.find("ol", class_="story-list").find_all("h2")] == [
        "Clinic opens"
    ]


def test_author_page_lists_newest_first_by_the_time_each_story_went_live(reader_client, editor):
    author = AuthorFactory(name="Farid Noori")
    ArticleFactory(published=True, authors=[author], headline="Older", published_at=hours_ago(5))
    ArticleFactory(published=True, authors=[author], headline="Newer", published_at=hours_ago(2))
    waiting = ArticleFactory(in_review=True, authors=[author], headline="Approved just now")
    withdrawn = ArticleFactory(published=True, authors=[author], headline="Withdrawn")

    workflow.approve(waiting, by=editor)
    workflow.unpublish(withdrawn, by=editor, reason="Legal advice.")

    page = parse(reader_client.get(author.get_absolute_url()))
    assert [h2.text for h2 in page.find("ol", class_="story-list").find_all("h2")] == [
        "Approved just now",
        "Newer",
        "Older",
    ]


def test_corrections_page_lists_dated_notes_newest_first_with_links(reader_client):
    article = ArticleFactory(published=True, headline="Budget story")
    Correction.objects.create(article=article, text="Older note.", published_at=hours_ago(5))
    Correction.objects.create(
        article=article,
        text="Newer note.",
        kind=Correction.Kind.CLARIFICATION,
        published_at=hours_ago(1),
    )
    page = parse(reader_client.get("/corrections/"))
    items = page.find("ol", class_="correction-list").find_all("li")
    assert ["Newer note." in items[0].text, "Older note." in items[1].text] == [True, True]
    assert items[0].find("p", class_="correction-label").text.startswith("Clarification")
    assert items[0].find("time").attrs["datetime"]
    assert items[0].find("a").attrs["href"] == article.get_absolute_url()


@pytest.mark.parametrize("number", ["99999999999999999999999", "1000001", "-3", "1e9", "²"])
def test_a_page_number_beyond_any_archive_is_a_page_that_does_not_exist(reader_client, number):
    section = SectionFactory(slug="national")
    author = AuthorFactory(slug="amina")
    story = ArticleFactory(published=True, section=section, tags=["water"])
    story.byline_set.create(author=author)
    Correction.objects.create(article=story, text="A name was misspelt.")
    for address in (
        "/archive/",
        "/section/national/",
        "/tag/water/",
        "/authors/amina/",
        "/corrections/",
        "/search/?q=water&",
    ):
        separator = "&" if "?" in address else "?"
        response = reader_client.get(f"{address}{separator}page={number}")
        assert response.status_code == 404, address
