"""Times on readers' pages are written as validators and search engines read them."""

import re

import pytest

from articles.models import Correction
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

# HTML's "valid global date and time string" allows at most three decimals; we write none.
WHOLE_SECONDS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def test_every_time_on_readers_pages_is_to_the_second_with_its_offset(reader_client):
    section = SectionFactory(slug="national")
    story = ArticleFactory(published=True, section=section, headline="Water for Herat")
    story.byline_set.create(author=AuthorFactory(slug="amina"))
    Correction.objects.create(article=story, text="The district was misnamed.")
    times = []
    for address in (
        "/",
        story.get_absolute_url(),
        "/section/national/",
        "/authors/amina/",
        "/corrections/",
        "/search/?q=water",
    ):
        page = parse(reader_client.get(address))
        times += [element.attrs["datetime"] for element in page.find_all("time")]
        times += [
            meta.attrs["content"]
            for meta in page.find_all("meta")
            if meta.attrs.get("property", "").endswith("_time")
        ]
    assert len(times) >= 8
    assert [value for value in times if not WHOLE_SECONDS.match(value)] == []
