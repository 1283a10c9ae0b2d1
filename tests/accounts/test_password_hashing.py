"""Passwords are stored with Argon2; an older hash is upgraded the next time its owner logs in."""

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_new_passwords_are_stored_with_argon2():
    assert UserFactory().password.startswith("argon2$")


def test_an_older_hash_is_upgraded_to_argon2_at_login(client):
    user = UserFactory(email="veteran@newsroom.test")
    user.password = make_password("correct horse battery", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    response = client.post(
        reverse("admin:login"),
        {"username": "veteran@newsroom.test", "password": "correct horse battery"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
