"""RSS and Atom feeds: what they list, what each item carries, and what they cost."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.xmlutils import UnserializableContentError
from PIL import Image

from articles.models import Article
from readers.feeds import SiteFeed
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.html import parse

ATOM = "{http://www.w3.org/2005/Atom}"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_record_cached")]

HIDDEN_STATES = ["in_review", "sent_back", "scheduled", "unpublished", "trashed"]


def rss_items(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.findall("./channel/item")


def atom_entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def stored_jpeg() -> str:
    """A 1600-pixel-wide photograph already in the media storage, as an editor's upload is."""
    buffer = BytesIO()
    Image.new("RGB", (1600, 900), (30, 90, 160)).save(buffer, "JPEG")
    return default_storage.save("images/ph/photo.jpg", ContentFile(buffer.getvalue()))


@pytest.fixture
def story_with_everything(db):
    """A published story with two authors, two tags and a featured picture."""
    story = ArticleFactory(
        published=True,
        headline="Wheat harvest beats forecasts",
        standfirst="Farmers in the north report their best year in a decade.",
        body="<p>The harvest came in early.</p><blockquote><p>“A good year,” she said.</p>"
        "</blockquote>",
        authors=[AuthorFactory(name="Laila Ahmadi"), AuthorFactory(name="Omar Siddiqi")],
        tags=["Agriculture", "Economy"],
        image=stored_jpeg(),
        image_alt="A field of wheat at dawn",
    )
    return story


@pytest.mark.parametrize(
    ("name", "kwargs", "path"),
    [
        ("articles:rss", {}, "/feeds/rss/"),
        ("articles:atom", {}, "/feeds/atom/"),
        ("articles:section_rss", {"slug": "world"}, "/feeds/section/world/rss/"),
        ("articles:section_atom", {"slug": "world"}, "/feeds/section/world/atom/"),
        ("articles:tag_rss", {"slug": "economy"}, "/feeds/tag/economy/rss/"),
        ("articles:tag_atom", {"slug": "economy"}, "/feeds/tag/economy/atom/"),
        ("articles:author_rss", {"slug": "laila-ahmadi"}, "/feeds/author/laila-ahmadi/rss/"),
        ("articles:author_atom", {"slug": "laila-ahmadi"}, "/feeds/author/laila-ahmadi/atom/"),
    ],
)
def test_feed_addresses_are_stable(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path


def test_site_feed_lists_only_published_stories_newest_first(reader_client):
    now = timezone.now()
    older = ArticleFactory(published=True, published_at=now - timedelta(days=2))
    newer = ArticleFactory(published=True, published_at=now - timedelta(hours=2))
    ArticleFactory(headline="A draft nobody approved")
    for state in HIDDEN_STATES:
        ArticleFactory(headline=f"Hidden {state} story", **{state: True})

    rss_titles = [item.findtext("title") for item in rss_items(reader_client.get("/feeds/rss/"))]
    atom_titles = [
        entry.findtext(f"{ATOM}title") for entry in atom_entries(reader_client.get("/feeds/atom/"))
    ]

    assert rss_titles == [newer.headline, older.headline]
    assert atom_titles == rss_titles


def test_rss_item_carries_full_text_byline_tags_dates_and_picture(
    reader_client, story_with_everything
):
    story = story_with_everything
    [item] = rss_items(reader_client.get("/feeds/rss/"))

    assert item.findtext("link") == f"http://testserver{story.get_absolute_url()}"
    description = item.findtext("description")
    assert "<p>Farmers in the north report their best year in a decade.</p>" in description
    assert "<blockquote><p>“A good year,” she said.</p></blockquote>" in description
    assert item.findtext(DC_CREATOR) == "Laila Ahmadi and Omar Siddiqi"
    assert sorted(category.text for category in item.findall("category")) == [
        "Agriculture",
        "Economy",
    ]
    assert item.findtext("pubDate")
    enclosure = item.find("enclosure")
    # The widest JPEG rendition that is not wider than 1280 pixels.
    name = dict(story.image_renditions["jpeg"])[1280]
    assert enclosure.get("url") == f"http://testserver{settings.MEDIA_URL}{name}"
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) == (Path(settings.MEDIA_ROOT) / name).stat().st_size


def test_atom_entry_carries_summary_author_categories_dates_and_picture(
    reader_client, story_with_everything
):
    [entry] = atom_entries(reader_client.get("/feeds/atom/"))

    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert "The harvest came in early." in summary.text
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Laila Ahmadi and Omar Siddiqi"
    assert {category.get("term") for category in entry.findall(f"{ATOM}category")} == {
        "Agriculture",
        "Economy",
    }
    assert entry.findtext(f"{ATOM}published")
    assert entry.findtext(f"{ATOM}updated")
    [enclosure] = entry.findall(f"{ATOM}link[@rel='enclosure']")
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) > 0


def test_story_without_picture_has_no_enclosure(reader_client):
    ArticleFactory(published=True)

    [item] = rss_items(reader_client.get("/feeds/rss/"))

    assert item.find("enclosure") is None


def test_picture_made_before_sizes_were_recorded_states_length_zero(
    reader_client, story_with_everything
):
    renditions = dict(story_with_everything.image_renditions)
    del renditions["bytes"]
    Article.objects.filter(pk=story_with_everything.pk).update(image_renditions=renditions)

    [item] = rss_items(reader_client.get("/feeds/rss/"))

    assert item.find("enclosure").get("length") == "0"


def test_links_and_pictures_in_the_text_lead_back_to_the_site_from_a_feed_reader(reader_client):
    """A feed reader shows the text away from the site, where ``/2026/…`` leads nowhere."""
    story = ArticleFactory(
        published=True,
        body='<p>See <a href="/2026/03/01/earlier-report/">our earlier report</a>, '
        '<a href="#reaction">the reaction</a> and <a href="https://example.org/data">the '
        'data</a>.</p><figure><img src="/media/images/chart.png" alt="A chart"></figure>',
    )
    story_url = f"http://testserver{story.get_absolute_url()}"

    [item] = rss_items(reader_client.get("/feeds/rss/"))
    [entry] = atom_entries(reader_client.get("/feeds/atom/"))

    for text in (item.findtext("description"), entry.findtext(f"{ATOM}summary")):
        assert 'href="http://testserver/2026/03/01/earlier-report/"' in text
        assert f'href="{story_url}#reaction"' in text
        assert 'href="https://example.org/data"' in text
        assert 'src="http://testserver/media/images/chart.png"' in text
    # The site's own pages keep the addresses as the journalist typed them.
    page = reader_client.get(story.get_absolute_url()).content.decode()
    assert 'href="/2026/03/01/earlier-report/"' in page


def test_item_identity_survives_a_slug_change(reader_client):
    story = ArticleFactory(published=True)
    [before] = rss_items(reader_client.get("/feeds/rss/"))

    story.slug = "a-better-slug"
    story.save()
    [after] = rss_items(reader_client.get("/feeds/rss/"))

    assert before.findtext("link") != after.findtext("link")
    assert before.findtext("guid") == after.findtext("guid")
    assert after.find("guid").get("isPermaLink") == "false"


def test_feed_holds_the_newest_thirty_stories(reader_client):
    now = timezone.now()
    for hours in range(1, 33):
        ArticleFactory(published=True, published_at=now - timedelta(hours=hours))

    items = rss_items(reader_client.get("/feeds/rss/"))

    assert len(items) == 30


@pytest.fixture
def two_desks(db):
    """Two sections, two tags and two authors, each with one published story of its own."""
    laila, omar = AuthorFactory(name="Laila Ahmadi"), AuthorFactory(name="Omar Siddiqi")
    world, business = (
        SectionFactory(name="World", slug="world"),
        SectionFactory(name="Business", slug="business"),
    )
    mine = ArticleFactory(published=True, section=world, authors=[laila], tags=["Climate"])
    ArticleFactory(published=True, section=business, authors=[omar], tags=["Trade"])
    for state in HIDDEN_STATES:
        ArticleFactory(section=world, authors=[laila], tags=["Climate"], **{state: True})
    ArticleFactory(section=world, authors=[laila], tags=["Climate"])
    return mine


@pytest.mark.parametrize(
    ("feed_name", "slug"),
    [
        ("articles:section_rss", "world"),
        ("articles:section_atom", "world"),
        ("articles:tag_rss", "climate"),
        ("articles:tag_atom", "climate"),
        ("articles:author_rss", "laila-ahmadi"),
        ("articles:author_atom", "laila-ahmadi"),
    ],
)
def test_section_tag_and_author_feeds_hold_only_their_published_stories(
    reader_client, two_desks, feed_name, slug
):
    response = reader_client.get(reverse(feed_name, kwargs={"slug": slug}))

    if feed_name.endswith("_rss"):
        titles = [item.findtext("title") for item in rss_items(response)]
    else:
        titles = [entry.findtext(f"{ATOM}title") for entry in atom_entries(response)]
    assert titles == [two_desks.headline]


@pytest.mark.parametrize(
    ("feed_name", "page_name", "slug"),
    [
        ("articles:section_rss", "articles:section", "world"),
        ("articles:tag_rss", "articles:tag", "climate"),
        ("articles:author_rss", "articles:author", "laila-ahmadi"),
    ],
)
def test_feed_links_to_the_matching_page(reader_client, two_desks, feed_name, page_name, slug):
    response = reader_client.get(reverse(feed_name, kwargs={"slug": slug}))

    channel_link = ET.fromstring(response.content).findtext("./channel/link")
    assert channel_link == f"http://testserver{reverse(page_name, kwargs={'slug': slug})}"


@pytest.mark.parametrize(
    "path", ["/feeds/section/nowhere/rss/", "/feeds/tag/nothing/atom/", "/feeds/author/nobody/rss/"]
)
def test_feed_of_something_unknown_is_not_found(reader_client, path):
    assert reader_client.get(path).status_code == 404


def test_tag_with_non_latin_letters_has_a_feed(reader_client):
    story = ArticleFactory(published=True, tags=["اقتصاد"])

    response = reader_client.get(reverse("articles:tag_rss", kwargs={"slug": "اقتصاد"}))

    assert [item.findtext("title") for item in rss_items(response)] == [story.headline]


@pytest.mark.parametrize(
    ("feed_name", "kwargs"),
    [
        ("articles:rss", {}),
        ("articles:atom", {}),
        ("articles:section_rss", {"slug": "national"}),
        ("articles:section_atom", {"slug": "national"}),
        ("articles:tag_rss", {"slug": "economy"}),
        ("articles:tag_atom", {"slug": "economy"}),
        ("articles:author_rss", {"slug": "laila-ahmadi"}),
        ("articles:author_atom", {"slug": "laila-ahmadi"}),
    ],
)
def test_feed_query_count_does_not_grow_with_stories_bylines_or_tags(
    reader_client, django_assert_max_num_queries, feed_name, kwargs
):
    national = SectionFactory(name="National", slug="national")
    laila = AuthorFactory(name="Laila Ahmadi")
    now = timezone.now()
    for number in range(35):
        ArticleFactory(
            published=True,
            published_at=now - timedelta(hours=number + 1),
            section=national,
            authors=[laila, AuthorFactory(), AuthorFactory()],
            tags=["Economy", f"Topic {number}", f"Region {number % 4}"],
        )

    # 1 section, tag or author looked up by slug (none for the site feed), 1 for the stories
    # items, written when they were prepared: 2 at most.
    with django_assert_max_num_queries(2):
        response = reader_client.get(reverse(feed_name, kwargs=kwargs))

    assert response.status_code == 200
    assert response.content.count(b"Laila Ahmadi") >= 30


def test_every_page_points_feed_readers_to_the_site_feeds(reader_client):
    html = reader_client.get("/").content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert f'href="{reverse("articles:rss")}"' in html
    assert f'href="{reverse("articles:atom")}"' in html


@pytest.mark.parametrize("prepared", [True, False], ids=["prepared", "not-prepared-yet"])
def test_feed_refuses_text_that_xml_cannot_carry(rf, db, run_committed_work, prepared):
    """A control character would make the whole feed unreadable, so writing it fails loudly."""
    ArticleFactory(published=True, headline="Budget\x0bvote delayed")
    if prepared:
        run_committed_work()  # preparing the story's other parts does not fail

    with pytest.raises(UnserializableContentError):
        SiteFeed().get_feed(None, rf.get("/feeds/rss/")).writeString("utf-8")


@pytest.mark.parametrize(
    ("address", "own_feeds"),
    [
        ("/section/business/", ("articles:section_rss", "articles:section_atom", "business")),
        ("/tag/saffron/", ("articles:tag_rss", "articles:tag_atom", "saffron")),
        ("/authors/laila-ahmadi/", ("articles:author_rss", "articles:author_atom", "laila-ahmadi")),
    ],
)
def test_section_tag_and_author_pages_point_feed_readers_to_their_own_feeds(
    reader_client, address, own_feeds
):
    ArticleFactory(
        published=True,
        section=SectionFactory(name="Business", slug="business"),
        tags=["Saffron"],
        authors=[AuthorFactory(name="Laila Ahmadi", slug="laila-ahmadi")],
    )
    rss, atom, slug = own_feeds

    alternates = {
        link.attrs["href"]: link.attrs["type"]
        for link in parse(reader_client.get(address)).find_all("link", rel="alternate")
    }

    assert alternates[reverse(rss, kwargs={"slug": slug})] == "application/rss+xml"
    assert alternates[reverse(atom, kwargs={"slug": slug})] == "application/atom+xml"
    assert reverse("articles:rss") in alternates, "the site's feed is still offered"
    assert reader_client.get(reverse(rss, kwargs={"slug": slug})).status_code == 200
