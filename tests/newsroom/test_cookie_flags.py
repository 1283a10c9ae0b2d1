"""Every cookie the site sets is Secure, HttpOnly and SameSite=Lax in production."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_cookies(settings):
    # What SECURE_SSL_REDIRECT=1 switches on (test_deploy_check proves the link).
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


@pytest.mark.usefixtures("production_cookies")
def test_login_sets_only_secure_http_only_lax_cookies(client):
    UserFactory(email="desk@newsroom.test")
    form = client.get(reverse("admin:login"), secure=True)
    logged_in = client.post(
        reverse("admin:login"),
        {"username": "desk@newsroom.test", "password": "correct horse battery"},
        secure=True,
    )
    assert logged_in.status_code == 302
    cookies = {**form.cookies, **logged_in.cookies}
    assert set(cookies) == {"csrftoken", "sessionid"}
    for name, cookie in cookies.items():
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name


def test_readers_get_no_cookie_at_all(reader_client):
    # No cookie means nginx and a CDN may cache the page for everyone.
    assert not reader_client.get(reverse("articles:home")).cookies
