"""About, contact and privacy pages exist from the start and administrators can edit them."""

import pytest
from django.contrib.flatpages.models import FlatPage

from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "title"),
    [("/about/", "About us"), ("/contact/", "Contact"), ("/privacy/", "Privacy and cookies")],
)
def test_static_page_is_served_in_the_sites_look(reader_client, address, title):
    page = parse(reader_client.get(address))
    assert page.find("h1").text == title
    assert page.find("footer", class_="site-footer")


def test_privacy_page_explains_each_cookie_category(reader_client):
    text = parse(reader_client.get("/privacy/")).find("main").text
    for category in ("Necessary cookies", "Analytics", "Embedded media", "Advertising"):
        assert category in text


def test_administrator_edits_a_page_in_the_admin(administrator_client, reader_client):
    page = FlatPage.objects.get(url="/about/")
    response = administrator_client.post(
        f"/admin/flatpages/flatpage/{page.pk}/change/",
        {
            "url": "/about/",
            "title": "Who we are",
            "content": "<p>Rewritten by the administrator.</p>",
            "sites": [1],
            "template_name": "",
        },
    )
    assert response.status_code == 302
    assert parse(reader_client.get("/about/")).find("h1").text == "Who we are"


def test_footer_links_to_pages_and_cookie_settings(reader_client):
    footer = parse(reader_client.get("/about/")).find("footer", class_="site-footer")
    hrefs = {link.attrs["href"] for link in footer.find_all("a")}
    assert {"/about/", "/contact/", "/privacy/", "/consent/"} <= hrefs
    assert "Cookie settings" in footer.text
