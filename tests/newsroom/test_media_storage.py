"""Uploads stay on local disk by default; MEDIA_STORAGE=s3 moves them to object storage."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.production_env import production_settings


def test_production_keeps_media_on_local_disk_by_default(tmp_path):
    values = production_settings("STORAGES", "MEDIA_ROOT", MEDIA_ROOT=str(tmp_path))
    assert values["STORAGES"]["default"]["BACKEND"] == (
        "django.core.files.storage.FileSystemStorage"
    )
    assert values["MEDIA_ROOT"] == str(tmp_path)


def test_local_storage_writes_under_media_root_and_serves_from_media_url(settings):
    name = default_storage.save("images/test.txt", ContentFile(b"bytes"))
    assert (settings.MEDIA_ROOT / name).read_bytes() == b"bytes"
    assert default_storage.url(name) == f"/media/{name}"


def test_s3_storage_takes_its_bucket_from_the_environment():
    values = production_settings(
        "STORAGES",
        "SECURE_CSP",
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.org",
        MEDIA_ORIGIN="https://media.example.org",
    )
    media = values["STORAGES"]["default"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    assert media["OPTIONS"]["bucket_name"] == "newsroom-media"
    assert media["OPTIONS"]["endpoint_url"] == "https://objects.example.org"
    # Files are public and never overwritten in place.
    assert media["OPTIONS"]["querystring_auth"] is False
    assert media["OPTIONS"]["file_overwrite"] is False
    assert values["SECURE_CSP"]["img-src"] == ["'self'", "data:", "https://media.example.org"]


def test_an_unknown_media_storage_is_refused_at_start():
    with pytest.raises(RuntimeError, match="MEDIA_STORAGE must be"):
        production_settings("STORAGES", MEDIA_STORAGE="ftp")
