"""The section bar tells assistive technology which page, or which section, the reader is in."""

import pytest

from tests.factories import ArticleFactory, SectionFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sections():
    sport = SectionFactory(name="Sport & Games", slug="sport")
    business = SectionFactory(name="Business", slug="business")
    story = ArticleFactory(published=True, section=sport, tags=["cricket"])
    ArticleFactory(published=True, section=business)
    return {"sport": sport, "story": story}


def marks(reader_client, address: str) -> dict[str, str]:
    """Each link of the bar by its text, with its aria-current value ("" when unmarked)."""
    response = reader_client.get(address)
    assert response.status_code == 200
    bar = parse(response).find("nav", class_="section-nav")
    return {link.text: link.attrs.get("aria-current", "") for link in bar.find_all("a")}


def test_the_home_page_marks_home_and_no_section(reader_client, two_sections):
    assert marks(reader_client, "/") == {"Home": "page", "Sport & Games": "", "Business": ""}


def test_a_section_page_marks_its_section_as_the_page(reader_client, two_sections):
    found = marks(reader_client, two_sections["sport"].get_absolute_url())
    assert found == {"Home": "", "Sport & Games": "page", "Business": ""}
    assert marks(reader_client, "/section/business/")["Business"] == "page"


def test_a_story_marks_its_section_as_where_it_belongs(reader_client, two_sections):
    found = marks(reader_client, two_sections["story"].get_absolute_url())
    assert found == {"Home": "", "Sport & Games": "true", "Business": ""}


def test_pages_outside_any_section_mark_nothing(reader_client, two_sections):
    for address in ("/tag/cricket/", "/archive/", "/search/?q=cricket"):
        assert set(marks(reader_client, address).values()) == {""}, address
