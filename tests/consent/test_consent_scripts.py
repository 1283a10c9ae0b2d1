"""Third-party scripts ship inert and run only after consent; Consent Mode starts denied."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from consent.models import ThirdPartyScript

pytestmark = pytest.mark.django_db


def gated_scripts(client) -> list[tuple[str, str]]:
    html = client.get(reverse("articles:home")).content.decode()
    return re.findall(
        r'<script type="text/plain" data-category="(\w+)" data-src="([^"]+)"></script>', html
    )


def test_enabled_scripts_ship_as_inert_text_with_their_category(reader_client):
    ThirdPartyScript.objects.create(
        name="Stats", category="analytics", src="https://stats.example/a.js"
    )
    ThirdPartyScript.objects.create(
        name="Ads", category="advertising", src="https://ads.example/b.js"
    )
    ThirdPartyScript.objects.create(
        name="Old", category="analytics", src="https://old.example/c.js", enabled=False
    )
    assert sorted(gated_scripts(reader_client)) == [
        ("advertising", "https://ads.example/b.js"),
        ("analytics", "https://stats.example/a.js"),
    ]


def test_gated_scripts_come_before_the_consent_script_that_activates_them(reader_client):
    ThirdPartyScript.objects.create(
        name="Stats", category="analytics", src="https://s.example/a.js"
    )
    html = reader_client.get(reverse("articles:home")).content.decode()
    assert html.index('data-src="https://s.example/a.js"') < html.index("consent/consent.js")


def test_pages_cost_no_query_for_the_scripts_once_cached(reader_client, django_assert_num_queries):
    ThirdPartyScript.objects.create(
        name="Stats", category="analytics", src="https://s.example/a.js"
    )
    reader_client.get("/no-such-page/")
    # The section navigation is kept too: the second page reads nothing, the banner included.
    with django_assert_num_queries(0):
        response = reader_client.get("/no-such-page/")
    assert b'data-src="https://s.example/a.js"' in response.content


def test_removed_scripts_disappear_from_the_next_page(reader_client):
    ThirdPartyScript.objects.create(
        name="Stats", category="analytics", src="https://s.example/a.js"
    )
    assert gated_scripts(reader_client)
    ThirdPartyScript.objects.all().delete()
    assert gated_scripts(reader_client) == []


def consent_script() -> str:
    with open(finders.find("consent/consent.js"), encoding="utf-8") as script:
        return script.read()


def test_consent_mode_defaults_deny_all_four_signals_before_any_tag_runs():
    script = consent_script()
    defaults = script[script.index('gtag("consent", "default"') :]
    defaults = defaults[: defaults.index("})")]
    for signal in ["ad_storage", "analytics_storage", "ad_user_data", "ad_personalization"]:
        assert f'{signal}: "denied"' in defaults
    assert script.index('"default"') < script.index("activateAllowed(granted);")
    assert 'gtag("consent", "update"' in script


def test_consent_script_needs_no_eval_or_inline_styles():
    script = consent_script()
    for forbidden in ["eval(", "new Function", "innerHTML", ".style.", 'setAttribute("style"']:
        assert forbidden not in script
