"""Oversized or overstuffed requests are refused cleanly before Django reads them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_limits_are_set_deliberately(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 2000
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 20
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 2 * 1024 * 1024


def test_a_body_over_the_limit_is_refused_with_400(client, settings):
    oversized = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(reverse("admin:login"), {"username": oversized})
    assert response.status_code == 400


def test_too_many_fields_are_refused_with_400(client, settings):
    fields = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    assert client.post(reverse("admin:login"), fields).status_code == 400


def test_too_many_files_are_refused_with_400(client, settings):
    files = {
        f"file{n}": SimpleUploadedFile(f"{n}.txt", b"x")
        for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    }
    assert client.post(reverse("admin:login"), files).status_code == 400


def test_a_form_within_the_limits_is_read(client):
    response = client.post(reverse("admin:login"), {"username": "someone", "password": "x"})
    # The login form answers (wrong password), it is not refused.
    assert response.status_code == 200
