"""The languages the newsroom publishes in, as ``settings.LANGUAGES`` lists them.

The first is the site's own: its pages' addresses carry no prefix, and it is the language of
every name (a section's, a tag's, an author's) that has none in another.
"""

import re

from django.conf import settings
from django.utils.translation import get_language_info

# Every language's code, the site's first: the order pages list their versions in.
CODES = tuple(code for code, _name in settings.LANGUAGES)
OTHER_LANGUAGES = settings.LANGUAGES[1:]
# An address's prefix that names one of the other languages.
PREFIXED = re.compile(r"^/(%s)/" % "|".join(re.escape(code) for code in CODES[1:]))  # noqa: UP031


def is_right_to_left(language: str) -> bool:
    return get_language_info(language)["bidi"]


def direction(language: str) -> str:
    """The ``dir`` attribute of text in ``language``."""
    return "rtl" if is_right_to_left(language) else "ltr"


def local_name(language: str) -> str:
    """The language's name in itself: English, دری, پښتو."""
    return get_language_info(language)["name_local"]


def tag(language: str) -> str:
    """The BCP 47 tag of ``language`` for ``lang`` and ``hreflang``: en, fa-AF, ps."""
    base, _, region = language.partition("-")
    return f"{base}-{region.upper()}" if region else base


def name_in(named, language: str) -> str:
    """A section's or author's name in ``language``: its ``names`` entry, else its own."""
    return named.names.get(language) or named.name


def prefix(language: str) -> str:
    """What addresses of ``language``'s pages start with: nothing for the first language."""
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def language_of_path(path: str) -> str | None:
    """The language a readers' address names by its prefix, or None for the first's."""
    found = PREFIXED.match(path)
    return found[1] if found else None


def address_in(path: str, language: str, other: str) -> str:
    """The address of the page at ``path`` (a page of ``language``) in ``other``."""
    return prefix(other) + path.removeprefix(prefix(language))


def og_locale(language: str) -> str:
    """Open Graph's form of the language: en_GB, fa_AF, ps_AF."""
    base, _, region = language.partition("-")
    return f"{base}_{(region or OG_REGIONS.get(base, 'AF')).upper()}"


OG_REGIONS = {"en": "GB"}


def choices_other_than(language: str) -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != language]
