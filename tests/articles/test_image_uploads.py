"""Uploads through the article form: only real photographs of a sane size get in.

Every refusal is a form error that says what is wrong (never a server error), and an
accepted picture is stored under a random name with renditions made once.
"""

import struct
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, features

from articles.models import Article
from tests.desk_forms import ADD_URL, article_form_data, change_url, form_errors, new_article_data
from tests.factories import AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def picture_bytes(image_format: str, size=(1400, 800)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (180, 120, 60)).save(buffer, image_format)
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG file whose header claims a huge picture: a decompression bomb."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def post_image(client, name: str, content: bytes, content_type: str = "image/jpeg"):
    data = new_article_data(
        section=SectionFactory(),
        authors=[AuthorFactory()],
        image=SimpleUploadedFile(name, content, content_type=content_type),
        image_alt="A farmer in a saffron field at dawn",
    )
    return client.post(ADD_URL, data)


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9"/></svg>'
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"

REFUSALS = [
    ("bomb.png", png_declaring(30_000, 30_000), "decompression bomb"),
    ("huge.png", png_declaring(9_000, 6_000), "at most 40 million pixels"),
    ("drawing.svg", SVG, "“drawing.svg” is not an accepted image type"),
    ("page.jpg", HTML, "not an image the newsroom can read"),
    ("animation.gif", picture_bytes("GIF"), "“animation.gif” is not an accepted image type"),
    ("photo.jpg", picture_bytes("PNG"), "is a PNG image but its name ends in .jpg"),
    ("broken.jpg", picture_bytes("JPEG")[:600], "damaged or incomplete"),
]


@pytest.mark.parametrize(("name", "content", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_unacceptable_upload_is_a_clear_form_error(journalist_client, name, content, message):
    response = post_image(journalist_client, name, content)

    assert response.status_code == 200
    assert message in form_errors(response)["image"]
    assert not Article.objects.exists()


def test_oversized_upload_is_refused_with_the_limit_named(journalist_client, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 2_000
    response = post_image(journalist_client, "big.jpg", picture_bytes("JPEG"))

    assert response.status_code == 200
    error = form_errors(response)["image"]
    assert "the largest accepted is 2.0\xa0KB" in error
    assert not Article.objects.exists()


def stored_files(settings, folder: str) -> set[str]:
    root = Path(settings.MEDIA_ROOT) / folder
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def test_accepted_photo_is_stored_under_a_random_name_with_renditions(journalist_client, settings):
    response = post_image(journalist_client, "embargoed-budget-photo.jpg", picture_bytes("JPEG"))

    assert response.status_code == 302
    story = Article.objects.get()
    assert story.image.name.startswith("images/")
    assert "embargoed" not in story.image.name
    assert (story.image_width, story.image_height) == (1400, 800)
    expected_formats = {"webp", "jpeg"} | ({"avif"} if features.check("avif") else set())
    assert expected_formats <= set(story.image_renditions)
    renditions = [path for f in expected_formats for _, path in story.image_renditions[f]]
    assert all("embargoed" not in path for path in renditions)
    assert {path.removeprefix("renditions/") for path in renditions} == stored_files(
        settings, "renditions"
    )
    assert [width for width, _ in story.image_renditions["jpeg"]] == [320, 640, 960, 1280, 1400]


def test_renditions_are_made_once_and_reused_when_the_story_is_saved_again(
    journalist_client, settings
):
    post_image(journalist_client, "market.jpg", picture_bytes("JPEG"))
    story = Article.objects.get()
    renditions_before = stored_files(settings, "renditions")

    response = journalist_client.post(
        change_url(story),
        article_form_data(
            story,
            headline="A new headline for the market story",
            image_alt="Stalls at a market",
        ),
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "A new headline for the market story"
    assert stored_files(settings, "renditions") == renditions_before
    assert stored_files(settings, "images") == {story.image.name.removeprefix("images/")}
