"""Uploaded images: what the newsroom accepts, where it keeps them, and the sizes readers get.

Validation opens every upload with Pillow and checks its real format, never trusting the
file name, so an SVG or an HTML page renamed ``.jpg`` is refused. Renditions are written
once when the image changes, in the widths the public pages use, as AVIF (when Pillow can
encode it), WebP and JPEG, and their paths are kept on the model so that rendering a page
never touches the storage. A small module on Pillow does this instead of a thumbnail
library because every such library makes renditions lazily on the first page view, which
puts image encoding and storage look-ups on the readers' hot path.

An original is stored without the metadata cameras and phones write into it (EXIF with the
place, time and device, XMP, IPTC, comments): only its pixels, turned upright, and its colour
profile are kept. Originals and renditions are private; ``articles/pictures.py`` says when
readers may fetch a story's renditions.
"""

import secrets
import warnings
from io import BytesIO
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, JpegImagePlugin, UnidentifiedImageError, features

# Pillow format name -> file extensions accepted for it.
ACCEPTED_FORMATS = {
    "JPEG": {".jpg", ".jpeg"},
    "PNG": {".png"},
    "WEBP": {".webp"},
}
if features.check("avif"):
    ACCEPTED_FORMATS["AVIF"] = {".avif"}

RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
RENDITION_FORMATS = (("avif", "AVIF"), ("webp", "WEBP"), ("jpeg", "JPEG"))
if not features.check("avif"):
    RENDITION_FORMATS = RENDITION_FORMATS[1:]
RENDITION_QUALITY = {"AVIF": 55, "WEBP": 78, "JPEG": 82}
# Lossy originals other than JPEG are encoded again at this quality once their metadata is
# dropped (a JPEG keeps its own quantisation tables instead).
ORIGINAL_QUALITY = 90


# Every stored picture is one of the formats uploads are accepted in (renditions included).
CONTENT_TYPES = {
    extension: f"image/{image_format.lower()}"
    for image_format, extensions in ACCEPTED_FORMATS.items()
    for extension in extensions
}


def jpeg_rendition_url(renditions: dict, *, widest: bool = False) -> str:
    """The address of a picture's narrowest JPEG rendition (or its widest); "" without one."""
    jpegs = renditions.get("jpeg") or []
    return default_storage.url(jpegs[-1 if widest else 0][1]) if jpegs else ""


def accepted_extensions() -> list[str]:
    return sorted(ext for extensions in ACCEPTED_FORMATS.values() for ext in extensions)


def image_upload_to(instance, filename: str) -> str:
    """A random name, so an embargoed story's picture cannot be found by guessing."""
    extension = PurePosixPath(filename).suffix.lower()
    token = secrets.token_urlsafe(18)
    return f"images/{token[:2]}/{token}{extension}"


def validate_image_upload(upload) -> None:
    """Refuse anything that is not a real JPEG, PNG, WebP or AVIF of a sane size."""
    extension = PurePosixPath(upload.name or "").suffix.lower()
    allowed = accepted_extensions()
    if extension not in allowed:
        raise ValidationError(
            "“%(name)s” is not an accepted image type. Upload a file ending in %(allowed)s.",
            code="image_extension",
            params={"name": PurePosixPath(upload.name or "").name, "allowed": ", ".join(allowed)},
        )
    if upload.size is not None and upload.size > settings.IMAGE_MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This image is %(size)s; the largest accepted is %(limit)s. "
            "Export it at a smaller size or higher compression.",
            code="image_too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.IMAGE_MAX_UPLOAD_BYTES),
            },
        )
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit; treat the warning as a refusal.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                real_format = image.format
                if width * height > settings.IMAGE_MAX_PIXELS:
                    raise _too_many_pixels(width, height)
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            "This image declares more pixels than the newsroom accepts and was refused "
            "(it may be a “decompression bomb”). Upload an ordinary photograph.",
            code="image_bomb",
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            "This file is not an image the newsroom can read. Upload a JPEG, PNG, WebP or AVIF "
            "photograph (SVG and other formats are not accepted).",
            code="image_unreadable",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            "This image file is damaged or incomplete. Export it again and re-upload it.",
            code="image_damaged",
        ) from None
    finally:
        if position is not None:
            upload.seek(position)
    if real_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            "This file is a %(format)s image, which is not accepted. "
            "Upload a JPEG, PNG, WebP or AVIF.",
            code="image_format",
            params={"format": real_format},
        )
    if extension not in ACCEPTED_FORMATS[real_format]:
        raise ValidationError(
            "This file is a %(format)s image but its name ends in %(extension)s. "
            "Rename it with a matching extension.",
            code="image_extension_mismatch",
            params={"format": real_format, "extension": extension},
        )


def _too_many_pixels(width: int, height: int) -> ValidationError:
    return ValidationError(
        "This image is %(width)s × %(height)s pixels; the newsroom accepts at most "
        "%(limit)s million pixels. Resize it before uploading.",
        code="image_too_many_pixels",
        params={"width": width, "height": height, "limit": settings.IMAGE_MAX_PIXELS // 1_000_000},
    )


class NewsroomImageFormField(forms.ImageField):
    """Django's image field, with the newsroom's checks run first so errors say exactly why."""

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "size"):
            validate_image_upload(data)
        return super().to_python(data)


def without_metadata(content) -> ContentFile:
    """The picture in ``content`` upright, with its colour profile and no other metadata.

    EXIF is applied (its orientation turns the pixels) and then dropped with XMP, IPTC and
    comments, which carry the place a photograph was taken, when, and with which device. The
    pixels are encoded again in the same format: a JPEG with its own quantisation tables and
    chroma subsampling, so it loses next to nothing; PNG is lossless anyway.
    """
    content.seek(0)
    with Image.open(content) as original:
        image_format = original.format
        options = {}
        if image_format == "JPEG":
            options = {
                "qtables": original.quantization,
                "subsampling": JpegImagePlugin.get_sampling(original),
            }
        elif image_format in ("WEBP", "AVIF"):
            options = {"quality": ORIGINAL_QUALITY}
        for kept in ("icc_profile", "transparency"):
            if original.info.get(kept) is not None:
                options[kept] = original.info[kept]
        upright = ImageOps.exif_transpose(original)
    # A copy carries the original's metadata in ``info``, and some encoders write from it.
    upright.info = {}
    buffer = BytesIO()
    upright.save(buffer, image_format, **options)
    return ContentFile(buffer.getvalue(), name=content.name)


class NewsroomImageFieldFile(ImageFieldFile):
    """A stored picture: every way of storing one keeps it without its metadata."""

    def save(self, name, content, save=True):
        super().save(name, without_metadata(content), save)


class NewsroomImageField(models.ImageField):
    """An image stored under a random name and validated with :func:`validate_image_upload`."""

    attr_class = NewsroomImageFieldFile

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("upload_to", image_upload_to)
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NewsroomImageFormField, **kwargs})


def refresh_renditions(image: FieldFile, renditions: dict) -> dict:
    """Return renditions for ``image``, making them only if the image has changed.

    The result maps "source" to the original's name, "width"/"height" to its size, each
    format ("avif", "webp", "jpeg") to a list of [width, path] pairs, smallest first, and
    "bytes" to each rendition's file size by path, which feed enclosures must state and
    would otherwise have to ask the storage for on every request.
    """
    if not image:
        return {}
    if not image._committed:
        # Store the upload first, so renditions are named after its random name (never the
        # uploaded file's name) and match it on the next save instead of being made again,
        # and are made from the stored picture, upright and without its metadata.
        image.save(image.name, image.file, save=False)
    if renditions.get("source") == image.name:
        return renditions
    try:
        image.open("rb")
        with Image.open(image) as original:
            original = ImageOps.exif_transpose(original)
            original.load()
    finally:
        image.close()
    if original.mode not in ("RGB", "RGBA"):
        original = original.convert("RGBA" if "A" in original.getbands() else "RGB")
    stem = PurePosixPath(image.name).stem
    widths = [w for w in RENDITION_WIDTHS if w < original.width] or [original.width]
    if original.width not in widths and original.width < RENDITION_WIDTHS[-1]:
        widths.append(original.width)
    result: dict = {
        "source": image.name,
        "width": original.width,
        "height": original.height,
        "bytes": {},
    }
    for extension, pillow_format in RENDITION_FORMATS:
        result[extension] = []
        for width in widths:
            height = round(original.height * width / original.width)
            resized = original.resize((width, height), Image.Resampling.LANCZOS)
            if pillow_format == "JPEG" and resized.mode == "RGBA":
                resized = resized.convert("RGB")
            buffer = BytesIO()
            resized.save(buffer, pillow_format, quality=RENDITION_QUALITY[pillow_format])
            encoded = buffer.getvalue()
            name = default_storage.save(
                f"renditions/{stem[:2]}/{stem}-{width}.{extension}", ContentFile(encoded)
            )
            result[extension].append([width, name])
            result["bytes"][name] = len(encoded)
    return result


def source_stem(name: str) -> str:
    """The stem of the original that the stored original or rendition ``name`` comes from.

    Renditions are named ``<stem>-<width>.<extension>`` after their original (the storage
    may add ``_<letters>`` to a name already taken); the random stem never has a dot.
    """
    stem = PurePosixPath(name).stem
    return stem.rsplit("-", 1)[0] if name.startswith("renditions/") else stem
