"""Pictures from the old site's uploads folder, taken in as a journalist's upload is.

Every file passes ``articles.images.validate_image_upload`` (its real format, size and
pixels), is stored without its metadata under a random name, and gets the renditions pages
use. A story's picture is stored on the story, whose ``save()`` makes its renditions and
public copies while readers may see the story (``articles/pictures.py``). A picture inside
the body is stored the same way, and its renditions are made and copied to the public folder
at once, whatever the story's state: the body names them, and nothing would copy them when a
draft is published later. They were public on the old site too (WordPress serves every
upload to anyone with its address), and their names cannot be guessed.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models.fields.files import ImageFieldFile
from django.utils.html import format_html

from articles import pictures
from articles.images import (
    image_upload_to,
    refresh_renditions,
    validate_image_upload,
    without_metadata,
)
from articles.models import Article

UPLOADS = "/wp-content/uploads/"
# WordPress's resized copies ("photo-1024x683.jpg") and its scaled-down originals
# ("photo-scaled.jpg", since 5.3): the full-size file is preferred when it is there.
SIZED = re.compile(r"-(?:\d+x\d+|scaled)(?=\.\w+$)")
# The widest rendition a body picture is shown at: the story column's.
BODY_WIDTH = 1280


class PictureRefused(Exception):
    """A picture that cannot be imported, and why, in words for the report."""


def uploads_path(reference: str) -> str:
    """The path below the uploads folder that a URL or ``_wp_attached_file`` names."""
    path = unquote(urlsplit(reference).path if "://" in reference else reference)
    if UPLOADS in path:
        path = path.split(UPLOADS, 1)[1]
    return path.lstrip("/")


def is_upload(src: str) -> bool:
    return UPLOADS in src


@dataclass
class MediaFolder:
    """The uploads folder copied from the old server (``--media-dir``), or none."""

    root: Path | None

    def find(self, reference: str) -> Path:
        """The file a reference names, its full-size original first; ``PictureRefused``
        if there is none."""
        if self.root is None:
            raise PictureRefused("no --media-dir was given")
        relative = uploads_path(reference)
        root = self.root.resolve()
        for candidate in dict.fromkeys((SIZED.sub("", relative), relative)):
            path = (root / candidate).resolve()
            # A reference such as "../../etc/passwd" never leaves the folder.
            if path.is_relative_to(root) and path.is_file():
                return path
        raise PictureRefused(f"{relative} is not in the uploads folder")

    def checked(self, reference: str) -> Path:
        """The file, once it passed the checks every upload passes."""
        path = self.find(reference)
        with path.open("rb") as file:
            try:
                validate_image_upload(File(file, name=path.name))
            except ValidationError as error:
                raise PictureRefused(f"{path.name}: {' '.join(error.messages)}") from None
        return path


def store_on_story(article: Article, path: Path) -> None:
    """Put the picture at ``path`` on the story; its ``save()`` makes the renditions."""
    with path.open("rb") as file:
        article.image.save(path.name, File(file, name=path.name), save=False)


def store_in_body(path: Path) -> dict:
    """Store a body picture and make its renditions, named by their public copies."""
    with path.open("rb") as file:
        name = default_storage.save(
            image_upload_to(None, path.name), without_metadata(File(file, name=path.name))
        )
    stored = ImageFieldFile(None, Article._meta.get_field("image"), name)
    return pictures.addressed(refresh_renditions(stored, {}), public=True, named_before={})


def body_image(renditions: dict, alt: str) -> str:
    """The ``<img>`` of a stored body picture: its JPEG rendition at the column's width."""
    jpegs = renditions.get("jpeg") or []
    fitting = [pair for pair in jpegs if pair[0] <= BODY_WIDTH] or jpegs[:1]
    width, name = fitting[-1]
    height = round(renditions["height"] * width / renditions["width"])
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}">',
        default_storage.url(name),
        alt,
        width,
        height,
    )
