"""Guessing passwords at the editing desk's door is slowed down, and cannot be disguised."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def desk_user():
    return UserFactory(email="desk@newsroom.test")


def log_in(client, password, *, address="203.0.113.7", forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post(
        reverse("admin:login"),
        {"username": "desk@newsroom.test", "password": password},
        REMOTE_ADDR=address,
        headers=headers,
    )


def fail_until_locked(client, **where):
    statuses = [log_in(client, "wrong guess", **where).status_code for _ in range(5)]
    # The form answers the first four guesses; the fifth locks the door.
    assert statuses == [200, 200, 200, 200, 429]


def test_five_wrong_passwords_lock_the_account_from_that_address(client, desk_user):
    fail_until_locked(client)
    locked = log_in(client, PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_same_account_from_another_address_can_still_log_in(client, desk_user):
    fail_until_locked(client)
    assert log_in(client, PASSWORD, address="198.51.100.20").status_code == 302


def test_a_forged_forwarded_for_header_does_not_reset_the_count(client, desk_user):
    for fake in range(5):
        log_in(client, "wrong guess", forwarded_for=f"10.0.0.{fake}")
    assert log_in(client, PASSWORD, forwarded_for="10.0.0.99").status_code == 429


def test_the_lock_is_lifted_after_the_fifteen_minute_cool_off(client, desk_user):
    fail_until_locked(client)
    # Fifteen minutes and a second pass: the failures are now older than the cool-off.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=15, seconds=1)
    )
    assert log_in(client, PASSWORD).status_code == 302


def test_behind_trusted_proxies_the_address_they_saw_is_counted(client, desk_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    nginx = "127.0.0.1"
    # The client writes anything it likes on the left; nginx appends the real peer last.
    for fake in range(5):
        log_in(client, "wrong guess", address=nginx, forwarded_for=f"10.0.0.{fake}, 203.0.113.7")
    assert (
        log_in(client, PASSWORD, address=nginx, forwarded_for="10.0.0.99, 203.0.113.7").status_code
        == 429
    )
    assert log_in(client, PASSWORD, address=nginx, forwarded_for="203.0.113.8").status_code == 302
