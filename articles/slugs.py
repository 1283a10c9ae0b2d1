"""Readable, unique slugs for addresses."""

from django.db import models
from django.utils.text import slugify


def unique_slug(
    model: type[models.Model],
    text: str,
    *,
    max_length: int,
    exclude_pk=None,
    allow_unicode: bool = False,
) -> str:
    """A slug made from ``text`` that no other row of ``model`` uses yet ("name", "name-2", ...).

    ``allow_unicode`` keeps letters of every script: a Pashto headline makes a Pashto slug.
    """
    base = slugify(text, allow_unicode=allow_unicode)[: max_length - 6].strip("-") or "item"
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
