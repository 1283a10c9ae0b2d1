"""Text as search compares it: one normalisation for stored stories and readers' queries alike.

Dari and Pashto are typed on Persian, Pashto and Arabic keyboards, and pasted from sources
written with any of them: the same word may come with the Arabic yeh (ي) or kaf (ك) where
the story has the Persian ones (ی ک), with diacritics or the tatweel (ـ) that stretches it,
with a zero-width non-joiner or a space between its parts, with Eastern digits or Western
ones. ``normalise`` makes them all one spelling: letter forms become the ones Dari and
Pashto use, diacritics and the tatweel go, the zero-width non-joiner becomes a space (as
Lucene's Persian char filter does: "کتاب‌ها" is searched as the words "کتاب" and "ها"),
and digits become ASCII ("۱۴۰۵" finds "1405"). Latin text is left alone.

The same tables make the PostgreSQL expression (``sql_normalised``) that the stored search
document applies to each story's text (migration ``0012_search_in_every_language``, which
keeps a copy of the SQL as it was then) and the database function ``SQL_FUNCTION``, by which
``Normalised`` reads normalised text: on PostgreSQL made by migration
``0013_search_normalised_function`` from the same copy, on SQLite registered on every new
connection (``register_sql_function``), so that word matching there compares normalised text
too. Changing a table changes what the stored documents hold: it takes a new migration
recreating the column, as 0012 does.

Each language is searched with its own PostgreSQL text search configuration
(``search_config``): English is stemmed ("harvest" finds "harvesting"); PostgreSQL has no
stemmer for Dari or Pashto, so their words are matched as they are, lower-cased.
"""

import re

from django.db.models import Func, TextField

from articles import languages

# Each character on the left is read as the one on its right: one character for one, so that
# ``str.translate`` and PostgreSQL's ``translate()`` apply the same table.
LETTER_FORMS = {
    "\u064a": "\u06cc",  # ARABIC LETTER YEH ي → FARSI YEH ی
    "\u0649": "\u06cc",  # ARABIC LETTER ALEF MAKSURA ى → FARSI YEH ی
    "\u0643": "\u06a9",  # ARABIC LETTER KAF ك → KEHEH ک
    "\u06c1": "\u0647",  # ARABIC LETTER HEH GOAL ہ → HEH ه
    "\u06d5": "\u0647",  # ARABIC LETTER AE ە → HEH ه
    "\u06c0": "\u0647",  # ARABIC LETTER HEH WITH YEH ABOVE ۀ → HEH ه
    "\u0629": "\u0647",  # ARABIC LETTER TEH MARBUTA ة → HEH ه
    "\u0623": "\u0627",  # ARABIC LETTER ALEF WITH HAMZA ABOVE أ → ALEF ا
    "\u0625": "\u0627",  # ARABIC LETTER ALEF WITH HAMZA BELOW إ → ALEF ا
    "\u0671": "\u0627",  # ARABIC LETTER ALEF WASLA ٱ → ALEF ا
    "\u0624": "\u0648",  # ARABIC LETTER WAW WITH HAMZA ABOVE ؤ → WAW و
}
# Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹, the Persian and Pashto ones) digits.
DIGITS = {chr(first + value): str(value) for first in (0x0660, 0x06F0) for value in range(10)}
# ZERO WIDTH NON-JOINER: the parts of a word it separates are searched as words of their own.
SEPARATORS = {"\u200c": " "}
REPLACED = LETTER_FORMS | DIGITS | SEPARATORS

# Removed wherever they are, as ranges of code points (first, last): the harakat and other
# combining marks of the Arabic block (fathatan to wavy hamza below, hamza above included),
# the superscript alef, and the tatweel.
REMOVED = ((0x064B, 0x065F), (0x0670, 0x0670), (0x0640, 0x0640))

# Languages searched with a stemming configuration; any other with ``SIMPLE``.
SIMPLE = "pg_catalog.simple"
STEMMED = {"en": "pg_catalog.english"}
SEARCH_CONFIGS = {code: STEMMED.get(code, SIMPLE) for code in languages.CODES}

# The name of the SQL function that normalises, on PostgreSQL and SQLite alike.
SQL_FUNCTION = "newsroom_search_normalised"

# ``REMOVED`` as a regular expression's bracket expression, in Python's syntax and PostgreSQL's.
REMOVED_CLASS = (
    "["
    + "".join(chr(first) + ("" if last == first else "-" + chr(last)) for first, last in REMOVED)
    + "]"
)
# What ``normalise`` changes: a character it replaces or one it removes. One pass of a
# regular expression finds them: ``str.translate`` with this table read a 4,400-character
# English story in 2.4 ms, looking up each character, where the search takes 40 µs.
_CHANGED = re.compile("[" + "".join(REPLACED) + "]|" + REMOVED_CLASS)


def _replacement(match: re.Match) -> str:
    return REPLACED.get(match.group(), "")


def normalise(text: str) -> str:
    """``text`` as search compares it: the same for a story's text and a reader's query."""
    return _CHANGED.sub(_replacement, text)


def holds_forms_to_normalise(language: str) -> bool:
    """Whether stories in ``language`` are written in Arabic script (here, the right-to-left
    languages), whose letter forms, marks and digits ``normalise`` changes.

    Latin text holds none of them: search snippets of English stories skip normalising their
    text.
    """
    return languages.is_right_to_left(language)


def search_config(language: str) -> str:
    """The PostgreSQL text search configuration stories in ``language`` are searched with."""
    return SEARCH_CONFIGS.get(language, SIMPLE)


def _sql_characters(characters: str) -> str:
    """A PostgreSQL string literal of ``characters``, non-ASCII ones as \\uXXXX escapes."""
    return "E'" + "".join(c if c.isascii() else f"\\u{ord(c):04X}" for c in characters) + "'"


def sql_normalised(expression_sql: str) -> str:
    """A PostgreSQL expression for ``normalise(expression)``: IMMUTABLE, so usable in a stored
    generated column or an index, and without ``%``, so usable in SQL that takes parameters.

    The text migrations copy when the normalisation changes (0012's column, 0013's function).
    """
    translated = (
        f"translate({expression_sql}, {_sql_characters(''.join(REPLACED))}, "
        f"{_sql_characters(''.join(REPLACED.values()))})"
    )
    return f"regexp_replace({translated}, {_sql_characters(REMOVED_CLASS)}, '', 'g')"


def _normalise_value(value: object) -> str | None:
    return None if value is None else normalise(str(value))


def register_sql_function(sender, connection, **kwargs) -> None:
    """On each new SQLite connection (``connection_created``), ``SQL_FUNCTION`` normalises.

    Deterministic, so SQLite may use it in indexes and evaluate it once per value.
    """
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQL_FUNCTION, 1, _normalise_value, deterministic=True)


class Normalised(Func):
    """An expression's text as search compares it: ``normalise`` run by the database."""

    function = SQL_FUNCTION
    arity = 1
    output_field = TextField()
