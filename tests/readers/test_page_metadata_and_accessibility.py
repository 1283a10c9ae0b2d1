"""Every readers' page carries full metadata and the structure assistive technology needs."""

import pytest

from articles.models import Correction
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, stored_jpeg
from tests.html import parse

pytestmark = pytest.mark.django_db

REQUIRED_META = [
    ("meta", {"name": "description"}),
    ("link", {"rel": "canonical"}),
    ("meta", {"property": "og:title"}),
    ("meta", {"property": "og:description"}),
    ("meta", {"property": "og:url"}),
    ("meta", {"property": "og:image"}),
    ("meta", {"property": "og:type"}),
    ("meta", {"name": "twitter:card"}),
    ("meta", {"name": "twitter:title"}),
]


@pytest.fixture
def addresses():
    section = SectionFactory(name="National", slug="national")
    author = AuthorFactory(name="Amina Sadat")
    story = ArticleFactory(
        published=True,
        section=section,
        authors=[author],
        tags=["water"],
        image=stored_jpeg(),
        image_alt="Flooded road",
    )
    Correction.objects.create(article=story, text="Fixed a figure.")
    return [
        "/",
        "/archive/",
        "/section/national/",
        "/tag/water/",
        author.get_absolute_url(),
        "/corrections/",
        "/about/",
        story.get_absolute_url(),
    ]


def test_every_page_has_title_description_canonical_and_social_tags(reader_client, addresses):
    for address in addresses:
        page = parse(reader_client.get(address + "?utm_source=newsletter"))
        assert page.find("title").text, address
        for tag, attrs in REQUIRED_META:
            element = page.find(tag, **attrs)
            assert element.attrs.get("content") or element.attrs.get("href"), (address, attrs)
        assert page.find("link", rel="canonical").attrs["href"] == "http://testserver" + address


def test_every_page_has_landmarks_one_h1_a_skip_link_and_lang(reader_client, addresses):
    for address in addresses:
        page = parse(reader_client.get(address))
        assert page.find("html").attrs["lang"] == "en"
        assert len(page.find_all("h1")) == 1, address
        skip = page.find("a", class_="skip-link")
        assert skip.attrs["href"] == "#main" and page.find("main", id="main")
        assert page.find("header", class_="site-header") and page.find(
            "footer", class_="site-footer"
        )
        assert page.find("nav", aria_label="Sections")
        form = page.find("form", role="search")
        assert form.attrs["action"] == "/search/" and form.attrs["method"] == "get"
        assert form.find("input", name="q")


def test_pages_work_under_a_strict_content_security_policy(reader_client, addresses):
    for address in addresses:
        content = reader_client.get(address).content.decode()
        page = parse(content)
        assert " style=" not in content, address
        assert " onclick=" not in content and " onload=" not in content, address
        for script in page.find_all("script"):
            # Data blocks, or external files from our own static folder.
            is_data = script.attrs.get("type") == "application/ld+json"
            assert is_data or script.attrs["src"].startswith("/static/"), address
            assert is_data or not script.text.strip(), address
        for image in page.find_all("img"):
            assert "alt" in image.attrs, address


def test_navigation_lists_sections_in_their_order(reader_client):
    world = SectionFactory(name="World", slug="world", position=2)
    national = SectionFactory(name="National", slug="national", position=1)
    SectionFactory(name="Sport", slug="sport", position=0)  # nothing published there yet
    for section in (world, national):
        ArticleFactory(published=True, section=section)
    nav = parse(reader_client.get("/")).find("nav", aria_label="Sections")
    assert [link.text for link in nav.find_all("a")] == ["Home", "National", "World"]


def test_story_social_card_uses_its_picture(reader_client, addresses):
    page = parse(reader_client.get(addresses[-1]))
    assert page.find("meta", property="og:type").attrs["content"] == "article"
    assert page.find("meta", name="twitter:card").attrs["content"] == "summary_large_image"
    assert page.find("meta", property="og:image").attrs["content"].endswith(".jpeg")


def test_story_page_links_the_site_and_print_stylesheets(reader_client, addresses):
    """And, for readers without JavaScript only, their own cookie-choice stylesheet."""
    page = parse(reader_client.get(addresses[-1]))
    without_javascript = {link.attrs["href"] for link in page.find("noscript").find_all("link")}
    stylesheets = {
        link.attrs["href"]: link.attrs.get("media", "all")
        for link in page.find_all("link", rel="stylesheet")
        if link.attrs["href"] not in without_javascript
    }
    assert stylesheets == {
        "/static/css/site.css": "all",
        "/static/css/print.css": "print",
        "/static/consent/consent.css": "all",
    }
