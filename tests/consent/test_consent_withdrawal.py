"""Withdrawing a category deletes the cookies the site declared for it."""

from dataclasses import replace

import pytest
from django.urls import reverse

from consent import registry as consent
from tests.consent_cookies import carry, set_cookie_header, signed_choice

pytestmark = pytest.mark.django_db


def withdraw_all(client):
    return client.post(reverse("consent:save"), {"decision": "reject"})


def test_withdrawing_analytics_expires_its_cookies_with_matching_path(reader_client):
    carry(reader_client, signed_choice(["analytics", "advertising"]))
    reader_client.cookies["_ga"] = "GA1.1.123"
    reader_client.cookies["_ga_ABC123"] = "GS1.1.456"
    response = reader_client.post(
        reverse("consent:save"), {"decision": "save", "categories": ["advertising"]}
    )
    for name in ["_ga", "_ga_ABC123"]:
        header = set_cookie_header(response, name)
        assert "Max-Age=0" in header
        assert "Path=/" in header
        assert "expires=Thu, 01 Jan 1970 00:00:00 GMT" in header
    assert "_gcl_au" not in response.cookies


def test_withdrawn_category_is_cleared_even_when_its_cookie_is_not_sent(reader_client):
    carry(reader_client, signed_choice(["advertising"]))
    response = withdraw_all(reader_client)
    assert "Max-Age=0" in set_cookie_header(response, "_gcl_au")


def test_declared_domain_is_repeated_so_the_browser_matches_the_cookie(reader_client, monkeypatch):
    declared_elsewhere = tuple(
        replace(
            category,
            cookies=tuple(
                replace(cookie, path="/stories/", domain=".newsroom.example")
                for cookie in category.cookies
            ),
        )
        for category in consent._optional()
    )
    monkeypatch.setattr(consent, "_optional", lambda: declared_elsewhere)
    carry(reader_client, signed_choice(["analytics"]))
    header = set_cookie_header(withdraw_all(reader_client), "_ga")
    assert "Domain=.newsroom.example" in header
    assert "Path=/stories/" in header
    assert "Max-Age=0" in header


def test_cookies_on_other_services_domains_are_not_touched(reader_client):
    carry(reader_client, signed_choice(["media"]))
    response = withdraw_all(reader_client)
    assert "YSC" not in response.cookies
    assert "VISITOR_INFO1_LIVE" not in response.cookies


def test_first_refusal_deletes_only_cookies_the_browser_actually_has(reader_client):
    reader_client.cookies["_ga"] = "GA1.1.123"
    response = withdraw_all(reader_client)
    assert "Max-Age=0" in set_cookie_header(response, "_ga")
    assert "_gcl_au" not in response.cookies


def test_granting_keeps_the_categorys_cookies(reader_client):
    reader_client.cookies["_ga"] = "GA1.1.123"
    response = reader_client.post(reverse("consent:save"), {"decision": "accept"})
    assert "_ga" not in response.cookies
