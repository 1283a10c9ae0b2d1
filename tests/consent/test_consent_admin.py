"""Administrators read consent records and manage gated scripts; nobody edits the proof."""

import pytest
from django.urls import reverse

from consent.models import ConsentRecord, ThirdPartyScript

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    return ConsentRecord.objects.create(
        consent_id="reader-1",
        policy_revision="1",
        granted=["analytics"],
        refused=["advertising", "media"],
        method=ConsentRecord.Method.BANNER,
        banner_text_hash="a" * 64,
    )


def test_administrator_lists_and_reads_records(administrator_client, record):
    listing = administrator_client.get(reverse("admin:consent_consentrecord_changelist"))
    assert listing.status_code == 200
    assert b"reader-1" in listing.content
    detail = administrator_client.get(
        reverse("admin:consent_consentrecord_change", args=[record.pk])
    )
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content


def test_records_cannot_be_added_changed_or_deleted_in_the_admin(administrator_client, record):
    add = administrator_client.get(reverse("admin:consent_consentrecord_add"))
    assert add.status_code == 403
    change = administrator_client.post(
        reverse("admin:consent_consentrecord_change", args=[record.pk]),
        {"consent_id": "forged", "policy_revision": "9"},
    )
    assert change.status_code == 403
    delete = administrator_client.post(
        reverse("admin:consent_consentrecord_delete", args=[record.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    record.refresh_from_db()
    assert record.consent_id == "reader-1"


@pytest.mark.parametrize("person", ["editor_client", "journalist_client"])
def test_editorial_staff_cannot_see_records_or_scripts(request, person, record):
    client = request.getfixturevalue(person)
    for name in ["consentrecord", "thirdpartyscript"]:
        response = client.get(reverse(f"admin:consent_{name}_changelist"))
        assert response.status_code == 403


def test_administrator_adds_a_gated_script_through_the_admin_form(
    administrator_client, reader_client
):
    response = administrator_client.post(
        reverse("admin:consent_thirdpartyscript_add"),
        {
            "name": "Audience measurement",
            "category": "analytics",
            "src": "https://stats.newsroom.example/count.js",
            "enabled": "on",
        },
    )
    assert response.status_code == 302
    html = reader_client.get(reverse("articles:home")).content.decode()
    assert (
        '<script type="text/plain" data-category="analytics" '
        'data-src="https://stats.newsroom.example/count.js"></script>'
    ) in html


def test_script_must_be_served_over_https(administrator_client):
    response = administrator_client.post(
        reverse("admin:consent_thirdpartyscript_add"),
        {"name": "Plain", "category": "analytics", "src": "http://stats.example/count.js"},
    )
    assert response.status_code == 200
    assert b"Only scripts served over https://" in response.content
    assert not ThirdPartyScript.objects.exists()
