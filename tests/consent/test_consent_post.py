"""The consent endpoint takes same-origin choices without a CSRF cookie and refuses the rest."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from consent.models import ConsentRecord

pytestmark = pytest.mark.django_db

SAVE = "/consent/save/"


def confirmation_then(next_url: str) -> str:
    """Where a form's choice leads: the settings page confirming it, then ``next_url``."""
    return "/consent/?" + urlencode({"saved": "1", "next": next_url})


@pytest.fixture
def strict_client():
    """A client that enforces CSRF like a real deployment, and carries no csrftoken."""
    return Client(enforce_csrf_checks=True)


def test_consent_urls_are_named():
    assert reverse("consent:choose") == "/consent/"
    assert reverse("consent:save") == SAVE


def test_same_origin_choice_is_accepted_without_a_csrf_cookie(strict_client):
    response = strict_client.post(
        SAVE,
        {"decision": "accept", "next": "/section/national/"},
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 303
    assert response["Location"] == confirmation_then("/section/national/")
    assert settings.CONSENT_COOKIE_NAME in response.cookies
    assert settings.CSRF_COOKIE_NAME not in response.cookies
    assert ConsentRecord.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "https://testserver"},
        {"Referer": "https://evil.example/page"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"},
    ],
    ids=[
        "cross-site",
        "same-site sibling",
        "foreign origin",
        "opaque origin",
        "other scheme",
        "foreign referer",
        "cross-site despite origin",
    ],
)
def test_cross_site_choice_is_refused(strict_client, headers):
    response = strict_client.post(SAVE, {"decision": "accept"}, headers=headers)
    assert response.status_code == 403
    assert not response.cookies
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize(
    "origin, status",
    [
        ("https://www.newsroom.example", 303),
        ("https://news.agency.example", 303),
        ("http://news.agency.example", 403),
        ("https://agency.example.evil.example", 403),
    ],
)
def test_origins_trusted_in_settings_are_accepted(strict_client, settings, origin, status):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.newsroom.example", "https://*.agency.example"]
    response = strict_client.post(SAVE, {"decision": "reject"}, headers={"Origin": origin})
    assert response.status_code == status


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example",
        "https://evil.example",
        "https://evil.example/2026/01/01/story/",
        "javascript:alert(1)",
        "/\\evil.example",
        "",
    ],
)
def test_redirect_after_a_choice_never_leaves_the_site(strict_client, next_url):
    response = strict_client.post(SAVE, {"decision": "reject", "next": next_url})
    assert response.status_code == 303
    assert response["Location"] == confirmation_then("/")


def test_redirect_goes_back_to_the_referring_page_when_no_next_is_given(strict_client):
    response = strict_client.post(
        SAVE,
        {"decision": "reject"},
        headers={"Referer": "http://testserver/2026/11/29/budget/"},
    )
    assert response["Location"] == confirmation_then("http://testserver/2026/11/29/budget/")


def test_script_gets_a_json_answer(strict_client):
    response = strict_client.post(
        SAVE,
        {"decision": "save", "categories": ["media"]},
        headers={"Accept": "application/json", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 200
    assert response.json() == {"granted": ["media"], "refused": ["advertising", "analytics"]}
    assert settings.CONSENT_COOKIE_NAME in response.cookies


def test_choice_cannot_be_made_with_a_get(strict_client):
    response = strict_client.get(SAVE)
    assert response.status_code == 405
    assert not response.cookies


def test_settings_page_sends_the_reader_back_only_to_this_site(reader_client):
    page = reader_client.get(reverse("consent:choose"), {"next": "/section/world/"})
    assert b'name="next" value="/section/world/"' in page.content
    page = reader_client.get(reverse("consent:choose"), {"next": "https://evil.example/"})
    assert b'name="next" value="/"' in page.content
