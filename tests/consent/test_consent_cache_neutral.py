"""A public page is the same bytes for every reader, whatever their cookies or GPC signal."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.consent_cookies import carry, signed_choice
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def fetch(url: str, *, cookie: str | None = None, gpc: bool = False):
    client = Client()
    if cookie is not None:
        carry(client, cookie)
    return client.get(url, headers={"Sec-GPC": "1"} if gpc else {})


@pytest.mark.parametrize(
    "cookie, gpc",
    [
        (signed_choice(["analytics", "media", "advertising"]), False),
        (signed_choice([]), False),
        ("tampered:value:here", False),
        (None, True),
        (signed_choice(["analytics"]), True),
    ],
    ids=["accepted", "refused", "tampered", "gpc", "accepted-with-gpc"],
)
def test_story_page_is_byte_identical_with_or_without_a_choice(cookie, gpc):
    story = ArticleFactory(published=True)
    first_time = fetch(story.get_absolute_url())
    returning = fetch(story.get_absolute_url(), cookie=cookie, gpc=gpc)
    assert returning.status_code == first_time.status_code == 200
    assert returning.content == first_time.content


def test_home_and_missing_pages_are_byte_identical_with_or_without_a_choice():
    choice = signed_choice(["analytics"])
    for url in [reverse("articles:home"), "/no-such-page/"]:
        assert fetch(url).content == fetch(url, cookie=choice, gpc=True).content


def test_consent_adds_no_vary_header_to_public_pages():
    for cookie in [None, signed_choice(["analytics"])]:
        response = fetch(reverse("articles:home"), cookie=cookie, gpc=True)
        assert "Cookie" not in response.get("Vary", "")
        assert "Sec-GPC" not in response.get("Vary", "")


def test_cookie_settings_page_shows_the_readers_own_choice_so_it_is_never_cached():
    response = fetch(reverse("consent:choose"), cookie=signed_choice(["analytics"]))
    assert "no-store" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
