"""One registry declares every category and cookie; readers see it in full."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from consent import registry as consent

pytestmark = pytest.mark.django_db


def test_categories_are_necessary_then_analytics_embedded_media_and_advertising():
    assert [category.key for category in consent.categories()] == [
        "necessary",
        "analytics",
        "media",
        "advertising",
    ]
    assert consent.optional_keys() == ("analytics", "media", "advertising")


def test_every_category_and_cookie_is_fully_described():
    for category in consent.categories():
        assert category.name and len(category.description) > 40
        assert category.cookies, category.key
        for cookie in category.cookies:
            assert cookie.name and cookie.purpose and cookie.lifetime
            assert cookie.path.startswith("/")


def test_necessary_holds_only_what_the_site_cannot_work_without_each_justified():
    necessary = consent.categories()[0]
    justifications = {cookie.name: cookie.purpose for cookie in necessary.cookies}
    assert set(justifications) == {
        settings.CONSENT_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.SESSION_COOKIE_NAME,
    }
    assert "only after you choose" in justifications[settings.CONSENT_COOKIE_NAME]
    assert "only on pages with a form" in justifications[settings.CSRF_COOKIE_NAME]
    assert "never set for readers" in justifications[settings.SESSION_COOKIE_NAME]


def test_settings_page_lists_every_category_and_declared_cookie(reader_client):
    html = reader_client.get(reverse("consent:choose")).content.decode()
    for category in consent.categories():
        assert f"<legend>{category.name}</legend>" in html
        for cookie in category.cookies:
            assert f"<code>{cookie.name}</code>" in html


def test_settings_page_starts_with_every_optional_category_unchecked(reader_client):
    html = reader_client.get(reverse("consent:choose")).content.decode()
    boxes = re.findall(r'<input type="checkbox" name="categories"[^>]*>', html)
    assert len(boxes) == 3
    assert not any(" checked" in box for box in boxes)
    assert 'name="method" value="settings"' in html


def test_system_check_warns_about_lifetimes_longer_than_regulators_accept(settings):
    assert consent.check_consent_lifetimes(None) == []
    settings.CONSENT_ACCEPT_MAX_AGE_DAYS = 730
    settings.CONSENT_REFUSE_MAX_AGE_DAYS = 800
    assert [warning.id for warning in consent.check_consent_lifetimes(None)] == [
        "consent.W001",
        "consent.W002",
    ]
