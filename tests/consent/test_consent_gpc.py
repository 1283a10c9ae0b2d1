"""Global Privacy Control: the browser's refusal counts until the reader explicitly opts in."""

import pytest
from django.conf import settings
from django.urls import reverse

from consent.models import ConsentRecord
from tests.consent_cookies import carry, signed_choice

pytestmark = pytest.mark.django_db

GPC = {"Sec-GPC": "1"}


def settings_page(client) -> str:
    return client.get(reverse("consent:choose"), headers=GPC).content.decode()


def test_gpc_without_a_stored_choice_refuses_every_optional_category(reader_client):
    page = settings_page(reader_client)
    assert "Global Privacy Control signal, so every optional category is off" in page
    assert 'value="analytics" aria' in page
    assert "checked aria" not in page


def test_gpc_sets_no_cookie_by_itself(reader_client):
    response = reader_client.get(reverse("articles:home"), headers=GPC)
    assert not response.cookies


def test_banner_carries_the_gpc_message_for_the_script_to_reveal(reader_client):
    html = reader_client.get(reverse("articles:home")).content.decode()
    assert '<p class="consent-gpc-note" hidden>Your browser sends a Global Privacy Control' in html


def test_gpc_refusal_is_recorded_with_its_own_method(reader_client):
    response = reader_client.post(
        reverse("consent:save"),
        {"decision": "reject", "method": "gpc"},
        headers={**GPC, "Accept": "application/json"},
    )
    assert response.json()["granted"] == []
    record = ConsentRecord.objects.get()
    assert record.method == ConsentRecord.Method.GPC
    assert record.granted == []
    assert record.refused == ["advertising", "analytics", "media"]
    assert response.cookies[settings.CONSENT_COOKIE_NAME]["max-age"] == 182 * 24 * 60 * 60


def test_a_gpc_decision_is_recorded_only_when_the_browser_sends_the_signal(reader_client):
    reader_client.post(reverse("consent:save"), {"decision": "reject", "method": "gpc"})
    assert ConsentRecord.objects.get().method == ConsentRecord.Method.BANNER


def test_later_explicit_opt_in_wins_over_gpc(reader_client):
    reader_client.post(
        reverse("consent:save"), {"decision": "reject", "method": "gpc"}, headers=GPC
    )
    reader_client.post(
        reverse("consent:save"),
        {"decision": "save", "categories": ["media"], "method": "settings"},
        headers=GPC,
    )
    page = settings_page(reader_client)
    assert "you allow embedded media." in page
    assert 'value="media" checked' in page
    methods = list(ConsentRecord.objects.order_by("id").values_list("method", flat=True))
    assert methods == ["gpc", "settings"]


def test_stored_opt_in_is_honoured_although_the_browser_sends_gpc(reader_client):
    carry(reader_client, signed_choice(["analytics"]))
    assert "you allow audience measurement." in settings_page(reader_client)
