"""A section, tag or author by the slug in a readers' address, compiled once.

Their pages and feeds read one of them on every request; the lookups are compiled once per
process (``articles/statements.py``) and give model instances holding what readers see.
"""

from articles.models import Author, Section, Tag
from articles.statements import A_SLUG, Statement


def by_slug(model, *fields: str) -> Statement:
    return Statement(
        lambda slug: model.objects.filter(slug=slug).values_list("pk", "slug", *fields),
        slug=A_SLUG,
    )


SECTION = by_slug(Section, "name", "description")
TAG = by_slug(Tag, "name")
AUTHOR = by_slug(Author, "name", "bio", "photo_renditions")
