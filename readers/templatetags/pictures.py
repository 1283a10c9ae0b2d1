"""Responsive pictures from the renditions stored on a model (see articles/images.py)."""

from django import template
from django.core.files.storage import default_storage

register = template.Library()

# Browsers pick the first <source> they understand, so the smallest format comes first.
SOURCE_TYPES = (("avif", "image/avif"), ("webp", "image/webp"))


def _srcset(pairs: list) -> str:
    return ", ".join(f"{default_storage.url(path)} {width}w" for width, path in pairs)


@register.inclusion_tag("includes/picture.html")
def picture(renditions: dict, alt: str, sizes: str, *, loading: str = "lazy", css_class: str = ""):
    """A <picture> with AVIF and WebP sources (when made) and a JPEG <img> for everyone else."""
    jpegs = renditions.get("jpeg") if renditions else None
    if not jpegs:
        return {"jpegs": None}
    fallback = next((pair for pair in jpegs if pair[0] >= 960), jpegs[-1])
    return {
        "jpegs": jpegs,
        "sources": [
            {"type": mime, "srcset": _srcset(renditions[key])}
            for key, mime in SOURCE_TYPES
            if renditions.get(key)
        ],
        "srcset": _srcset(jpegs),
        "src": default_storage.url(fallback[1]),
        "width": renditions.get("width") or fallback[0],
        "height": renditions.get("height") or "",
        "alt": alt,
        "sizes": sizes,
        "loading": loading,
        "css_class": css_class,
    }
