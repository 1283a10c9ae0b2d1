"""No cookie before a choice: reading the public site sets nothing at all."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def assert_no_cookie(response):
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


def test_home_page_sets_no_cookie(reader_client):
    ArticleFactory(published=True)
    response = reader_client.get(reverse("articles:home"))
    assert response.status_code == 200
    assert_no_cookie(response)


def test_story_page_sets_no_cookie(reader_client):
    story = ArticleFactory(published=True)
    response = reader_client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert_no_cookie(response)


def test_section_page_sets_no_cookie(reader_client):
    section = SectionFactory(slug="national")
    ArticleFactory(published=True, section=section)
    response = reader_client.get(section.get_absolute_url())
    assert response.status_code == 200
    assert_no_cookie(response)


def test_missing_page_sets_no_cookie(reader_client):
    response = reader_client.get("/no-such-page/")
    assert response.status_code == 404
    assert_no_cookie(response)


def test_cookie_settings_page_itself_sets_no_cookie(reader_client):
    response = reader_client.get(reverse("consent:choose"))
    assert response.status_code == 200
    assert_no_cookie(response)


def test_privacy_flatpage_sets_no_cookie(reader_client):
    response = reader_client.get("/privacy/")
    assert response.status_code == 200
    assert_no_cookie(response)
    assert b'id="consent-banner"' in response.content
