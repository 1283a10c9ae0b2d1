"""Error pages keep the site's look; the 500 page renders even when nothing else works."""

import pytest
from django.template import loader

from tests.html import parse

pytestmark = pytest.mark.django_db


def test_404_page_has_the_sites_header_footer_and_a_search_form(reader_client, settings):
    settings.DEBUG = False
    response = reader_client.get("/no-such-page/")
    assert response.status_code == 404
    page = parse(response)
    assert page.find("h1").text == "We cannot find that page"
    assert settings.SITE_NAME in page.find("header", class_="site-header").text
    assert page.find("footer", class_="site-footer")
    assert page.find_all("form", action="/search/")


def test_500_template_renders_without_a_request_or_database(settings, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    page = parse(html)
    assert page.find("h1").text == "Something went wrong on our side"
    assert settings.SITE_NAME in page.find("header").text
    assert page.find("html").attrs["lang"] == "en"


def test_the_browsers_default_icon_address_leads_to_the_site_icon(reader_client):
    response = reader_client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_the_editing_desk_carries_the_newsroom_name(administrator_client, settings):
    page = administrator_client.get("/admin/").content.decode()
    assert f"{settings.SITE_NAME}: editing desk" in page
