"""A section, tag or author by the slug in a readers' address, compiled once.

Their pages and feeds read one of them on every request; the lookups are compiled once per
process (``articles/statements.py``) and give model instances holding what readers see.
"""

from django.conf import settings

from articles.models import Author, Section, Tag
from articles.models.querysets import shown_in
from articles.statements import A_SLUG, Statement


def by_slug(model, *fields: str, with_languages: bool = False) -> Statement:
    """``with_languages``: each instance's ``shown_in_<n>`` says whether its page exists in
    the n-th language of ``settings.LANGUAGES`` (``languages_of`` reads them)."""

    def build(slug):
        found = model.objects.filter(slug=slug)
        if with_languages:
            flags = found.shown_in()
            found = found.annotate(**{f"shown_in_{n}": flag for n, flag in enumerate(flags)})
            fields_and_flags = (*fields, *(f"shown_in_{n}" for n in range(len(flags))))
            return found.values_list("pk", "slug", *fields_and_flags)
        return found.values_list("pk", "slug", *fields)

    return Statement(build, slug=A_SLUG)


def languages_of(subject) -> list[str]:
    """The languages the page of a subject read ``with_languages`` exists in."""
    return shown_in(getattr(subject, f"shown_in_{n}") for n in range(len(settings.LANGUAGES)))


SECTION = by_slug(Section, "name", "names", "description")
TAG = by_slug(Tag, "name")
AUTHOR = by_slug(Author, "name", "names", "bio", "photo_renditions")
# Their pages also link the page in the languages it exists in; their feeds need not look.
TAG_PAGE = by_slug(Tag, "name", with_languages=True)
AUTHOR_PAGE = by_slug(Author, "name", "names", "bio", "photo_renditions", with_languages=True)
