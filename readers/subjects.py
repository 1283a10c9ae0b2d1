"""A section, tag or author by the slug in a readers' address, compiled once, and the
languages a tag's or author's page exists in.

Their pages and feeds read one of them on every request; the lookups are compiled once per
process (``articles/statements.py``) and give model instances holding what readers see.
"""

from django.conf import settings
from django.db.models import OuterRef, Subquery

from articles.models import Author, Section, Tag, TagName
from articles.statements import A_LANGUAGE, A_SLUG, Statement
from readers import freshness


def by_slug(model, *fields: str) -> Statement:
    return Statement(
        lambda slug: model.objects.filter(slug=slug).values_list("pk", "slug", *fields),
        slug=A_SLUG,
    )


SECTION = by_slug(Section, "name", "names", "description")
TAG = by_slug(Tag, "name")
AUTHOR = by_slug(Author, "name", "names", "bio", "photo_renditions")
# A tag with its name in another language than the first (``Tag.name_in``), as ``local_name``.
TAG_IN_LANGUAGE = Statement(
    lambda slug, language: (
        Tag.objects.filter(slug=slug)
        .annotate(
            local_name=Subquery(
                TagName.objects.filter(tag=OuterRef("pk"), language=language).values("name")[:1]
            )
        )
        .values_list("pk", "slug", "name", "local_name")
    ),
    slug=A_SLUG,
    language=A_LANGUAGE,
)


def tag_in(language: str) -> Statement:
    """The lookup of a tag's page or feed in ``language``: its name there comes with it."""
    return TAG if language == settings.LANGUAGE_CODE else TAG_IN_LANGUAGE


def tag_name(tag) -> str:
    """The name a tag found by ``tag_in`` shows: its own in that language, else its first."""
    return getattr(tag, "local_name", None) or tag.name


# The subjects whose pages exist in the languages their stories are written in, by key kind.
SUBJECTS = {"tag": Tag, "author": Author}


def languages_of(kind: str, pk: int) -> list[str]:
    """The languages the page of the tag or author ``pk`` exists in.

    Kept in the shared cache until its list changes, and worked out again as soon as it
    does (``keep_languages_of``): asking PostgreSQL on each request whether a story in each
    language carries it cost more planning than the rest of the page's queries.
    """
    return _languages(kind, [pk])[pk]


def keep_languages_of(keys) -> None:
    """For the tags and authors among moved ``keys``, their pages' languages, kept now so
    that no reader waits for them."""
    wanted: dict[str, list[int]] = {}
    for key in keys:
        kind, _, pk = key.partition(":")
        if kind in SUBJECTS and pk.isdigit():
            wanted.setdefault(kind, []).append(int(pk))
    for kind, pks in wanted.items():
        _languages(kind, pks)


def _languages(kind: str, pks: list[int]) -> dict[int, list[str]]:
    def compute(names: list[str]) -> dict[str, list[str]]:
        missing = [int(name.rsplit(":", 1)[1]) for name in names]
        shown = SUBJECTS[kind].objects.filter(pk__in=missing).languages_shown()
        return {f"languages:{kind}:{pk}": shown.get(pk, []) for pk in missing}

    entries = {f"languages:{kind}:{pk}": [f"{kind}:{pk}"] for pk in pks}
    kept = freshness.kept_each(entries, compute)
    return {pk: kept[f"languages:{kind}:{pk}"] for pk in pks}
