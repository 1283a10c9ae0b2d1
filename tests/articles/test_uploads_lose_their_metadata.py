"""A stored picture tells nothing of where, when or with what it was taken.

Pictures uploaded through the desk, featured images and author photos alike, are kept
upright and with their colour profile, but without EXIF (GPS position, camera, time).
"""

from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, features

from articles.models import Article, Author
from tests.desk_forms import ADD_URL, new_article_data
from tests.factories import AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

GPS_INFO, MAKE, MODEL, ORIENTATION = 0x8825, 0x010F, 0x0110, 0x0112
ROTATED_A_QUARTER_TURN = 6  # EXIF: turn 90° clockwise to show the picture upright
FORMATS = ["JPEG", "PNG", "WEBP"] + (["AVIF"] if features.check("avif") else [])
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def photo_from_a_phone(image_format="JPEG", size=(1400, 800), **exif_tags) -> bytes:
    """A photograph carrying what phones write into it: place, camera and, when asked, more."""
    exif = Image.Exif()
    exif[MAKE] = "Canon"
    exif[MODEL] = "Canon EOS R5"
    exif[GPS_INFO] = {1: "N", 2: (34.0, 31.0, 12.0), 3: "E", 4: (69.0, 10.0, 30.0)}
    for tag, value in exif_tags.items():
        exif[getattr(ExifTags.Base, tag)] = value
    buffer = BytesIO()
    Image.new("RGB", size, (180, 120, 60)).save(buffer, image_format, exif=exif, icc_profile=SRGB)
    return buffer.getvalue()


def post_story_with(client, content: bytes, image_format="JPEG") -> Article:
    name = f"from-the-field.{EXTENSIONS[image_format]}"
    data = new_article_data(
        section=SectionFactory(),
        authors=[AuthorFactory()],
        image=SimpleUploadedFile(name, content, content_type=f"image/{image_format.lower()}"),
        image_alt="Wheat sheaves at dawn",
    )
    assert client.post(ADD_URL, data).status_code == 302
    return Article.objects.get()


def stored(name: str) -> Image.Image:
    with default_storage.open(name) as file:
        image = Image.open(BytesIO(file.read()))
        image.load()
    return image


def assert_tells_nothing(image: Image.Image) -> None:
    exif = image.getexif()
    assert not {GPS_INFO, MAKE, MODEL} & set(exif), dict(exif)
    assert not exif.get_ifd(GPS_INFO)


@pytest.mark.parametrize("image_format", FORMATS)
def test_uploaded_original_keeps_no_place_or_camera(journalist_client, image_format):
    story = post_story_with(journalist_client, photo_from_a_phone(image_format), image_format)

    original = stored(story.image.name)
    assert original.format == image_format
    assert_tells_nothing(original)
    assert not original.getexif()
    with default_storage.open(story.image.name) as file:
        assert b"Canon" not in file.read()


def test_renditions_keep_no_place_or_camera_either(journalist_client):
    story = post_story_with(journalist_client, photo_from_a_phone())

    for _, name in story.image_renditions["jpeg"] + story.image_renditions["webp"]:
        assert_tells_nothing(stored(name))


def test_a_turned_photo_is_stored_upright(journalist_client):
    sideways = photo_from_a_phone(size=(1400, 800), Orientation=ROTATED_A_QUARTER_TURN)
    story = post_story_with(journalist_client, sideways)

    original = stored(story.image.name)
    assert original.size == (800, 1400)
    assert ORIENTATION not in original.getexif()
    assert (story.image_width, story.image_height) == (800, 1400)
    assert (story.image_renditions["width"], story.image_renditions["height"]) == (800, 1400)


@pytest.mark.parametrize("image_format", FORMATS)
def test_colour_profile_is_kept(journalist_client, image_format):
    story = post_story_with(journalist_client, photo_from_a_phone(image_format), image_format)

    assert stored(story.image.name).info["icc_profile"] == SRGB


def test_author_photo_is_stored_without_its_metadata(administrator_client):
    portrait = SimpleUploadedFile("portrait.jpg", photo_from_a_phone(size=(600, 600)), "image/jpeg")
    response = administrator_client.post(
        "/admin/articles/author/add/",
        {"name": "Laila Ahmadi", "slug": "", "bio": "", "photo": portrait, "user": ""},
    )

    assert response.status_code == 302
    author = Author.objects.get(name="Laila Ahmadi")
    photo = stored(author.photo.name)
    assert_tells_nothing(photo)
    assert not photo.getexif()
    assert photo.info["icc_profile"] == SRGB
