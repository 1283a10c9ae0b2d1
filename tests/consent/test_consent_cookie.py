"""One signed first-party cookie remembers the choice; anything doubtful counts as no choice."""

import base64
import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from tests.consent_cookies import carry, set_cookie_header, signed_choice

pytestmark = pytest.mark.django_db

NO_CHOICE = "You have not chosen yet"
DAY = 24 * 60 * 60


def choose(client, decision: str, **extra):
    return client.post(reverse("consent:save"), {"decision": decision}, **extra)


def settings_page(client) -> str:
    response = client.get(reverse("consent:choose"))
    assert response.status_code == 200
    return response.content.decode()


def test_acceptance_is_remembered_for_13_months_at_most(reader_client):
    response = choose(reader_client, "accept")
    cookie = response.cookies[settings.CONSENT_COOKIE_NAME]
    assert cookie["max-age"] == 395 * DAY
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert not cookie["secure"]
    # consent.js reads the choice itself, so a page needs no request of its own for it.
    assert not cookie["httponly"]


def test_refusal_is_remembered_for_6_months(reader_client):
    response = choose(reader_client, "reject")
    assert response.cookies[settings.CONSENT_COOKIE_NAME]["max-age"] == 182 * DAY


def test_cookie_is_secure_when_the_site_is_served_over_https(reader_client):
    response = choose(reader_client, "accept", secure=True)
    header = set_cookie_header(response, settings.CONSENT_COOKIE_NAME)
    assert "Secure" in header
    assert "SameSite=Lax" in header


def test_cookie_holds_id_revision_categories_and_time_readable_by_the_script(reader_client):
    before = int(timezone.now().timestamp())
    response = choose(reader_client, "accept")
    value = response.cookies[settings.CONSENT_COOKIE_NAME].value
    encoded = value.split(":")[0]
    payload = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    assert payload["r"] == settings.CONSENT_POLICY_REVISION
    assert payload["g"] == ["advertising", "analytics", "media"]
    assert payload["t"] >= before
    assert len(payload["id"]) >= 16


def test_stored_choice_is_what_the_server_reads_back(reader_client):
    reader_client.post(
        reverse("consent:save"), {"decision": "save", "categories": ["analytics", "bogus"]}
    )
    assert "you allow audience measurement." in settings_page(reader_client)


def tampered(value: str) -> str:
    encoded, timestamp, signature = value.split(":")
    payload = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    payload["g"] = ["advertising", "analytics", "media"]
    forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    return f"{forged}:{timestamp}:{signature}"


SPOILT_COOKIES = {
    "malformed": lambda: "not a consent cookie",
    "empty": lambda: "",
    "bad base64": lambda: "%%%:abc:def",
    "tampered": lambda: tampered(signed_choice([])),
    "signed with another key": lambda: signing.dumps(
        {"id": "x", "r": "1", "g": [], "t": 0}, key="another-key-" * 4, salt="newsroom.consent"
    ),
    "not an object": lambda: signing.dumps(["analytics"], salt="newsroom.consent"),
    "wrong field types": lambda: signing.dumps(
        {"id": 7, "r": "1", "g": "analytics", "t": "now"}, salt="newsroom.consent"
    ),
    "time out of range": lambda: signing.dumps(
        {"id": "x", "r": "1", "g": [], "t": 10**20}, salt="newsroom.consent"
    ),
    "time before the epoch's range": lambda: signing.dumps(
        {"id": "x", "r": "1", "g": [], "t": -(10**20)}, salt="newsroom.consent"
    ),
    "time in the future": lambda: signed_choice(
        ["analytics"], decided_at=timezone.now() + timedelta(days=30)
    ),
    "old revision": lambda: signed_choice(["analytics"], revision="0"),
    "acceptance older than 13 months": lambda: signed_choice(
        ["analytics"], decided_at=timezone.now() - timedelta(days=396)
    ),
    "refusal older than 6 months": lambda: signed_choice(
        [], decided_at=timezone.now() - timedelta(days=183)
    ),
}


@pytest.mark.parametrize("make_cookie", SPOILT_COOKIES.values(), ids=SPOILT_COOKIES.keys())
def test_doubtful_cookie_counts_as_no_choice_and_never_as_an_error(reader_client, make_cookie):
    carry(reader_client, make_cookie())
    assert NO_CHOICE in settings_page(reader_client)
    home = reader_client.get(reverse("articles:home"))
    assert home.status_code == 200
    assert b'id="consent-banner"' in home.content


def test_cookie_whose_signature_has_expired_counts_as_no_choice(reader_client, monkeypatch):
    fourteen_months_ago = (timezone.now() - timedelta(days=430)).timestamp()
    monkeypatch.setattr(signing.time, "time", lambda: fourteen_months_ago)
    value = signed_choice(["analytics"])
    monkeypatch.undo()
    carry(reader_client, value)
    assert NO_CHOICE in settings_page(reader_client)


def test_refusal_younger_than_6_months_still_counts(reader_client):
    carry(reader_client, signed_choice([], decided_at=timezone.now() - timedelta(days=150)))
    assert "you allow nothing optional" in settings_page(reader_client)


def test_raising_the_policy_revision_asks_everyone_again(reader_client, settings):
    choose(reader_client, "accept")
    assert "You chose on" in settings_page(reader_client)
    settings.CONSENT_POLICY_REVISION = "2"
    assert NO_CHOICE in settings_page(reader_client)
