"""Every decision leaves proof, without personal data, and the proof is pruned in time."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consent.models import ConsentRecord

pytestmark = pytest.mark.django_db

SAVE = "/consent/save/"
BROWSER_HEADERS = {"User-Agent": "Mozilla/5.0 (Reader)", "X-Forwarded-For": "203.0.113.9"}


def decide(client, decision: str, method: str = "banner", categories=()):
    return client.post(
        SAVE,
        {"decision": decision, "method": method, "categories": list(categories)},
        headers=BROWSER_HEADERS,
        REMOTE_ADDR="198.51.100.7",
    )


def test_decision_is_recorded_with_everything_needed_as_proof(reader_client):
    before = timezone.now()
    decide(reader_client, "save", method="settings", categories=["analytics"])
    record = ConsentRecord.objects.get()
    assert len(record.consent_id) >= 16
    assert record.decided_at >= before
    assert record.policy_revision == "1"
    assert record.granted == ["analytics"]
    assert record.refused == ["advertising", "media"]
    assert record.method == ConsentRecord.Method.SETTINGS
    assert re.fullmatch(r"[0-9a-f]{64}", record.banner_text_hash)


def test_record_stores_no_ip_address_or_user_agent(reader_client):
    decide(reader_client, "accept")
    stored = " ".join(str(value) for value in ConsentRecord.objects.values().get().values())
    for personal in ["198.51.100.7", "203.0.113.9", "Mozilla", "Reader"]:
        assert personal not in stored


def test_repeated_identical_submission_is_not_duplicated(reader_client):
    decide(reader_client, "accept")
    decide(reader_client, "accept")
    decide(reader_client, "save", categories=["analytics", "media", "advertising"])
    assert ConsentRecord.objects.count() == 1


def test_each_change_of_mind_is_a_new_record_under_the_same_consent_id(reader_client):
    decide(reader_client, "accept")
    decide(reader_client, "reject")
    decide(reader_client, "accept")
    records = ConsentRecord.objects.order_by("id")
    assert [record.granted for record in records] == [
        ["advertising", "analytics", "media"],
        [],
        ["advertising", "analytics", "media"],
    ]
    assert len({record.consent_id for record in records}) == 1


def test_same_choice_under_a_new_policy_revision_is_recorded_again(reader_client, settings):
    decide(reader_client, "reject")
    settings.CONSENT_POLICY_REVISION = "2"
    decide(reader_client, "reject")
    assert list(ConsentRecord.objects.order_by("id").values_list("policy_revision", flat=True)) == [
        "1",
        "2",
    ]


def test_two_readers_get_different_consent_ids(reader_client):
    decide(reader_client, "accept")
    decide(Client(), "accept")
    assert ConsentRecord.objects.values("consent_id").distinct().count() == 2


def test_banner_text_hash_changes_when_the_words_change(reader_client, settings):
    decide(reader_client, "accept")
    settings.SITE_NAME = "Another Agency"
    decide(reader_client, "reject")
    first, second = ConsentRecord.objects.order_by("id")
    assert first.banner_text_hash != second.banner_text_hash


def test_closing_or_reading_records_nothing(reader_client):
    reader_client.get(reverse("articles:home"))
    reader_client.get(reverse("consent:choose"))
    assert not ConsentRecord.objects.exists()


def make_record(days_ago: int, consent_id: str) -> ConsentRecord:
    return ConsentRecord.objects.create(
        consent_id=consent_id,
        decided_at=timezone.now() - timedelta(days=days_ago),
        policy_revision="1",
        method=ConsentRecord.Method.BANNER,
        banner_text_hash="0" * 64,
    )


def test_prune_deletes_records_past_the_retention_and_keeps_the_rest(settings):
    settings.CONSENT_RECORD_RETENTION_DAYS = 30
    make_record(31, "expired")
    make_record(29, "kept")
    make_record(0, "fresh")
    output = StringIO()
    call_command("prune_consent_records", stdout=output)
    assert output.getvalue().startswith("Deleted 1 consent record(s)")
    assert sorted(ConsentRecord.objects.values_list("consent_id", flat=True)) == [
        "fresh",
        "kept",
    ]
