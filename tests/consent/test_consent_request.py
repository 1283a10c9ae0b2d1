"""Server code reads the reader's choice as ``request.consent``."""

import pytest
from django.http import JsonResponse
from django.urls import path

from newsroom import urls as newsroom_urls
from tests.consent_cookies import carry, signed_choice

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def consent_seen_by_a_view(request):
    seen = request.consent
    return JsonResponse(
        {
            "has_choice": seen.has_choice,
            "granted": sorted(seen.granted),
            "refused": sorted(seen.refused),
            "via_gpc": seen.via_gpc,
            "allows": {key: seen.allows(key) for key in ["necessary", "analytics", "media"]},
        }
    )


urlpatterns = [path("seen/", consent_seen_by_a_view), *newsroom_urls.urlpatterns]


def test_without_a_choice_only_necessary_cookies_are_allowed(reader_client):
    assert reader_client.get("/seen/").json() == {
        "has_choice": False,
        "granted": [],
        "refused": [],
        "via_gpc": False,
        "allows": {"necessary": True, "analytics": False, "media": False},
    }


def test_stored_choice_is_exposed_to_views(reader_client):
    carry(reader_client, signed_choice(["analytics"]))
    assert reader_client.get("/seen/").json() == {
        "has_choice": True,
        "granted": ["analytics"],
        "refused": ["advertising", "media"],
        "via_gpc": False,
        "allows": {"necessary": True, "analytics": True, "media": False},
    }


def test_gpc_without_a_choice_refuses_every_optional_category(reader_client):
    seen = reader_client.get("/seen/", headers={"Sec-GPC": "1"}).json()
    assert seen["has_choice"] is False
    assert seen["via_gpc"] is True
    assert seen["refused"] == ["advertising", "analytics", "media"]
    assert seen["allows"] == {"necessary": True, "analytics": False, "media": False}


def test_stored_gpc_refusal_still_says_where_it_came_from(reader_client):
    carry(reader_client, signed_choice([], method="gpc"))
    seen = reader_client.get("/seen/").json()
    assert seen["has_choice"] is True
    assert seen["via_gpc"] is True


def test_explicit_choice_wins_over_the_gpc_header(reader_client):
    carry(reader_client, signed_choice(["media"], method="settings"))
    seen = reader_client.get("/seen/", headers={"Sec-GPC": "1"}).json()
    assert seen["via_gpc"] is False
    assert seen["allows"]["media"] is True
