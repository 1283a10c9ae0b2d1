"""The feeds' documents are the ones Django's own generators write, byte for byte.

``RssFeed`` and ``AtomFeed`` take items written ahead, when their stories were prepared, and
write the channel around them. The reference here is Django's plain ``Rss201rev2Feed`` or
``Atom1Feed`` given the same feed and items in one go, so a Django upgrade that changes how
feeds are written shows up as a failure here, not as a document that quietly differs.
"""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, SyndicationFeed
from django.utils.xmlutils import SimplerXMLGenerator, UnserializableContentError

from readers.feed_items import AtomFeed, RssFeed, StoryItems
from readers.feeds import SiteFeed
from tests.factories import ArticleFactory, AuthorFactory, stored_jpeg

GENERATORS = pytest.mark.parametrize(
    ("ours", "djangos"), [(RssFeed, Rss201rev2Feed), (AtomFeed, Atom1Feed)], ids=["rss", "atom"]
)
PUBLISHED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
CHANNEL = {
    "title": "Newsroom · اقتصاد & “Économie”",
    "link": "https://news.example/tag/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF/",
    "description": "The latest stories tagged “اقتصاد” <and> more.",
    "subtitle": "The latest stories tagged “اقتصاد” <and> more.",
    "language": "en-gb",
    "feed_url": "https://news.example/feeds/tag/اقتصاد/rss/",
}


def story(**fields) -> dict:
    """One item as the syndication framework hands it to ``add_item``."""
    return {
        "title": "Wheat harvest beats forecasts 🌾",
        "link": "https://news.example/2026/03/01/wheat-harvest/",
        "description": '<p>Farmers &amp; traders: <a href="/2026/02/28/earlier/">earlier</a>, '
        '<a href="#reaction">reaction</a>, «نقل قول»</p><img src="/media/chart.png" alt="">',
        "unique_id": "urn:uuid:7d7b5c0e-8f0e-5c1e-9a52-4b0c3e7c2a10",
        "unique_id_is_permalink": False,
        "enclosures": [Enclosure("/media/renditions/wheat-1280.jpeg", "15029", "image/jpeg")],
        "pubdate": PUBLISHED,
        "updateddate": PUBLISHED + timedelta(hours=2),
        "author_name": "Laila Ahmadi, Omar Siddiqi and Zoë Ångström",
        "categories": ["Agriculture", "اقتصاد", "R&D <lab>"],
        **fields,
    }


STORIES = [
    story(),
    story(
        title="Budget <vote> delayed",
        link="https://news.example/2026/02/28/budget/",
        unique_id="urn:uuid:0b1c1f43-3c55-5b4e-8d3e-9d1f1f1e6a11",
        enclosures=[],
        author_name=None,
        categories=[],
        updateddate=None,
    ),
]


def written_by_django(
    django_generator: type[SyndicationFeed], ours: SyndicationFeed, items: list | None = None
) -> str:
    """What Django's own generator writes for the channel of ``ours`` and its (or ``items``)."""
    reference = django_generator(**ours.feed)
    for item in ours.items if items is None else items:
        reference.add_item(**item)
    return reference.writeString("utf-8")


def filled(generator: type[SyndicationFeed], stories: list[dict]) -> SyndicationFeed:
    feed = generator(**CHANNEL)
    for item in stories:
        feed.add_item(**item)
    return feed


@GENERATORS
def test_document_is_the_one_djangos_own_generator_writes(ours, djangos):
    feed = filled(ours, STORIES)

    first = feed.writeString("utf-8")

    assert first == written_by_django(djangos, feed)
    assert "Wheat harvest beats forecasts 🌾" in first
    assert "Zoë Ångström" in first
    assert "R&amp;D &lt;lab&gt;" in first


@GENERATORS
def test_items_written_ahead_make_the_document_django_writes_in_one_go(ours, djangos):
    reference = filled(ours, STORIES)
    written_ahead = ours(**CHANNEL)
    for item in reference.items:
        written = StringIO()
        reference.write_item(SimplerXMLGenerator(written, "utf-8", short_empty_elements=True), item)
        written_ahead.add_written_item(
            written.getvalue(), pubdate=item["pubdate"], updateddate=item["updateddate"]
        )

    assert written_ahead.writeString("utf-8") == written_by_django(djangos, reference)


@GENERATORS
def test_links_pictures_and_enclosures_lead_back_to_the_site(ours, djangos):
    item = filled(ours, STORIES[:1]).items[0]

    assert 'href="https://news.example/2026/02/28/earlier/"' in item["description"]
    assert 'href="https://news.example/2026/03/01/wheat-harvest/#reaction"' in item["description"]
    assert 'src="https://news.example/media/chart.png"' in item["description"]
    [enclosure] = item["enclosures"]
    assert enclosure.url == "https://news.example/media/renditions/wheat-1280.jpeg"


@GENERATORS
@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Budget\x0bvote delayed"},
        {"author_name": "Laila\x00Ahmadi"},
        {"categories": ["Agri\x1fculture"]},
    ],
    ids=["title", "author", "category"],
)
def test_text_that_xml_cannot_carry_is_refused_as_django_refuses_it(ours, djangos, fields):
    """A control character would make the whole feed unreadable, so writing it fails loudly."""
    feed = filled(ours, [story(**fields)])

    with pytest.raises(UnserializableContentError):
        written_by_django(djangos, feed)
    with pytest.raises(UnserializableContentError):
        feed.writeString("utf-8")
    # Nothing half-written is kept to be served later.
    with pytest.raises(UnserializableContentError):
        feed.writeString("utf-8")


@pytest.mark.django_db
@pytest.mark.usefixtures("site_record_cached")
@GENERATORS
@pytest.mark.parametrize("prepared", [True, False], ids=["prepared", "not-prepared-yet"])
def test_site_feed_document_is_the_one_djangos_own_generator_writes(
    rf, run_committed_work, ours, djangos, prepared
):
    stories = [
        ArticleFactory(
            published=True,
            headline="Wheat harvest beats forecasts",
            body='<p>See <a href="/2026/03/01/earlier-report/">our earlier report</a>.</p>',
            authors=[AuthorFactory(name="Laila Ahmadi"), AuthorFactory(name="Omar Siddiqi")],
            tags=["Agriculture", "اقتصاد"],
            image=stored_jpeg(1600, 900),
        ),
        ArticleFactory(published=True, published_at=PUBLISHED),
    ]
    if prepared:
        run_committed_work()
    request = rf.get("/feeds/rss/")

    document = SiteFeed(ours).get_feed(None, request).writeString("utf-8")

    # Django's syndication framework, given the same stories as its items, writes them all.
    items = StoryItems(ours).get_feed(stories, request).items
    assert document == written_by_django(djangos, SiteFeed(ours).get_feed(None, request), items)
    assert "http://testserver/2026/03/01/earlier-report/" in document
