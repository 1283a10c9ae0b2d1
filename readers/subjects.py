"""A section, tag or author by the slug in a readers' address, compiled once.

Their pages and feeds read one of them on every request; the lookups are compiled once per
process (``articles/statements.py``) and give model instances holding what readers see.
"""

from django.conf import settings
from django.db.models import OuterRef, Subquery

from articles.models import Author, Section, Tag, TagName
from articles.models.querysets import shown_in
from articles.statements import A_LANGUAGE, A_SLUG, Statement


def by_slug(model, *fields: str) -> Statement:
    return Statement(
        lambda slug: model.objects.filter(slug=slug).values_list("pk", "slug", *fields),
        slug=A_SLUG,
    )


def page_of(model, *fields: str, **in_language) -> Statement:
    """The lookup of a tag's or author's page: ``fields``, whether the page exists in each
    language (``shown_in_<n>``, read by ``languages_of``) and, by name, what each of
    ``in_language`` makes of the page's language (a tag's name in it)."""

    def build(slug, language=None):
        found = model.objects.filter(slug=slug)
        flags = {f"shown_in_{n}": flag for n, flag in enumerate(found.shown_in())}
        extra = {name: expression(language) for name, expression in in_language.items()}
        found = found.annotate(**flags, **extra)
        return found.values_list("pk", "slug", *fields, *flags, *extra)

    return Statement(build, slug=A_SLUG, **({"language": A_LANGUAGE} if in_language else {}))


def languages_of(subject) -> list[str]:
    """The languages the page of a subject read by ``page_of`` exists in."""
    return shown_in(getattr(subject, f"shown_in_{n}") for n in range(len(settings.LANGUAGES)))


def tag_name_in(language: str) -> Subquery:
    """A tag's name in ``language``, if it has one there (``Tag.name_in`` for one tag)."""
    names = TagName.objects.filter(tag=OuterRef("pk"), language=language)
    return Subquery(names.values("name")[:1])


SECTION = by_slug(Section, "name", "names", "description")
TAG = by_slug(Tag, "name")
AUTHOR = by_slug(Author, "name", "names", "bio", "photo_renditions")
# Their pages also link the page in the languages it exists in; their feeds need not look.
TAG_PAGE = page_of(Tag, "name", local_name=tag_name_in)
AUTHOR_PAGE = page_of(Author, "name", "names", "bio", "photo_renditions")
