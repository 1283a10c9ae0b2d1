"""Names in the page's language: a section's, a tag's or an author's, and a language's own."""

from django import template
from django.utils.translation import get_language

from articles import languages

register = template.Library()


@register.filter
def local_name(named) -> str:
    """``named``'s name in the active language (its own name when it has none there)."""
    return named.name_in(get_language())


@register.filter
def language_tag(language: str) -> str:
    return languages.tag(language)


@register.filter
def news_language(language: str) -> str:
    """Google News' code of the language: ISO 639 with Chinese the one exception, so Dari
    is ``prs``'s macrolanguage ``fa`` and Pashto ``ps``."""
    return language.partition("-")[0]


@register.filter
def language_direction(language: str) -> str:
    return languages.direction(language)


@register.filter
def language_name(language: str) -> str:
    """The language's name in itself: English, دری, پښتو."""
    return languages.local_name(language)
