"""Search results' snippets: a few words of each story around what the reader searched for.

A snippet is cut from the story's standfirst and body as plain text, normalised as the query
is (``articles.search_text``), so that a Dari word typed with Arabic letter forms is marked
where the story spells it with Persian ones. It starts a few words before the first word that
begins with one of the query's words as the database indexes them (their stems in English:
"harvest" also marks "harvesting"), and every word in it that begins with one of them is
marked. A story found by its headline alone shows its opening.

The page's twenty stories are cut here, in the worker: asking PostgreSQL's ``ts_headline``
for them cost 2 to 4 ms of database time a page, parsing each story's text, where finding a
word in text already fetched costs the worker microseconds. Only the ``<mark>`` tags are
markup; everything else is escaped.
"""

import re
from html import escape, unescape

from django.db import connections
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from articles.search_text import holds_forms_to_normalise, normalise, search_config
from articles.statements import fetch_all

# Each word is a LIKE over three columns on the fallback; more words only slow it down.
MAX_FALLBACK_WORDS = 8
SNIPPET_WORDS = 40
# Words shown before the first match, so that it is read in its sentence.
WORDS_BEFORE = 8
ELLIPSIS = "…"
# How much text around the first match is read for the words shown: ample for them.
CHARACTERS_BEFORE = 300
CHARACTERS_AFTER = 1_500
TAGS = re.compile(r"<[^>]*>")
ZERO_WIDTH_NON_JOINER = "\u200c"

# The page's stories' text and the query's words as the search document holds them. The
# words are read once (an uncorrelated subquery); a stem's final "i" is dropped, so that
# "economi", the stem of "economy", also marks "economic".
TEXTS_AND_STEMS_SQL = """
SELECT id, standfirst || ' ' || body,
    (SELECT array_agg(DISTINCT regexp_replace(lexeme, 'i$', ''))
     FROM unnest(tsvector_to_array(to_tsvector(%s::regconfig, %s))) AS lexeme)
FROM articles_article
WHERE id = ANY(%s::bigint[])
"""


def query_words(query: str) -> list[str]:
    return re.findall(r"\w+", query)[:MAX_FALLBACK_WORDS]


def uses_full_text(database: str) -> bool:
    return connections[database].vendor == "postgresql"


def highlighted_snippets(
    ids: list[int], query: str, database: str, language: str
) -> dict[int, SafeString]:
    """Short extracts of the stories ``ids``, matches in ``<mark>``, safe to render.

    The stories are in ``language``, and ``query`` is what the reader typed.
    """
    if not ids:
        return {}
    query = normalise(query)
    words = query_words(query)
    if uses_full_text(database):
        rows = fetch_all(
            connections[database],
            TEXTS_AND_STEMS_SQL,
            [search_config(language), " ".join(words), list(ids)],
        )
        texts = {pk: text for pk, text, _stems in rows}
        stems = next((stems for *_, stems in rows if stems), [])
    else:
        stories = Article.objects.using(database).filter(pk__in=ids)
        texts = {
            pk: f"{standfirst} {body}"
            for pk, standfirst, body in stories.values_list("pk", "standfirst", "body")
        }
        stems = words
    stems = sorted({stem.lower() for stem in stems if stem}, key=len, reverse=True)
    marks = (
        # No word begins just after "&" or "&#": the marked text is escaped ("&amp;", "&#x27;").
        re.compile(
            r"(?<!\w)(?<!&)(?<!&#)(?:" + "|".join(map(re.escape, stems)) + r")\w*", re.IGNORECASE
        )
        if stems
        else None
    )
    normalised = holds_forms_to_normalise(language)
    return {
        pk: snippet(plain_text(text, normalised=normalised), stems, marks)
        for pk, text in texts.items()
    }


def plain_text(html: str, *, normalised: bool) -> str:
    """The story's text as readers read it; ``normalised`` as search compares it, for the
    languages whose letters that changes (Latin text has none).

    The zero-width non-joiner stays: search reads it as a space, but a reader of "می‌کنند"
    must not see "می کنند". Matching still sees the word's parts, as it is no letter.
    """
    text = unescape(TAGS.sub(" ", html))
    if not normalised:
        return text
    return ZERO_WIDTH_NON_JOINER.join(map(normalise, text.split(ZERO_WIDTH_NON_JOINER)))


def snippet(text: str, stems: list[str], marks: re.Pattern | None) -> SafeString:
    """``SNIPPET_WORDS`` words of ``text`` from a few before its first word beginning with
    one of ``stems``, or its opening, with such words marked.

    Only the characters around the match are split into words, and only as many as shown:
    a story is forty times longer than a snippet.
    """
    first = first_word_beginning(text, stems) or 0
    window_start = max(0, first - CHARACTERS_BEFORE)
    earlier = text[window_start:first].split()
    if window_start:
        earlier = earlier[1:]  # The window may begin inside a word.
    # The match may be inside a word that begins with punctuation: "(harvest".
    head = earlier.pop() if first and not text[first - 1].isspace() and earlier else ""
    before = earlier[-WORDS_BEFORE:]
    wanted = SNIPPET_WORDS - len(before)
    # The words shown, and the rest of the window unsplit after them, if any.
    rest = (head + text[first : first + CHARACTERS_AFTER]).split(maxsplit=wanted)
    leading = f"{ELLIPSIS} " if window_start or len(earlier) > WORDS_BEFORE else ""
    trailing = f" {ELLIPSIS}" if len(rest) > wanted or first + CHARACTERS_AFTER < len(text) else ""
    shown = " ".join(before + rest[:wanted])
    # marked_words escapes all the text; only its <mark> tags are markup.
    return mark_safe(leading + marked_words(shown, marks) + trailing)  # noqa: S308


def first_word_beginning(text: str, stems: list[str]) -> int | None:
    """Where the first word of ``text`` that begins with one of ``stems`` starts.

    The stems are lower case; the word is looked for as written in lower case, with a
    capital and in capitals, each search stopping where an earlier one found it: ``str.find``
    on the text as it is. Lower-casing a story first cost more than all the searches, and a
    regular expression of alternatives, trying each at every character, forty times more.
    A word written otherwise ("wHeat") is marked but not looked for: its story shows its
    opening, as one found by its headline alone does.
    """
    first = None
    for stem in stems:
        for form in {stem, stem.capitalize(), stem.upper()}:
            found = _word_starting(text, form, end=len(text) if first is None else first)
            if found is not None:
                first = found
    return first


def _word_starting(text: str, form: str, *, end: int) -> int | None:
    """Where the first word of ``text[:end]`` beginning with ``form`` starts."""
    at = text.find(form, 0, end)
    while at != -1:
        if at == 0 or not text[at - 1].isalnum():
            return at
        at = text.find(form, at + 1, end)
    return None


def marked_words(text: str, marks: re.Pattern | None) -> str:
    """``text`` escaped, each word ``marks`` finds in ``<mark>``.

    Escaped first, then marked: a word escaping changes ("O'Brien") keeps its letters, and
    ``marks`` skips the entities.
    """
    escaped = escape(text)
    return marks.sub(r"<mark>\g<0></mark>", escaped) if marks else escaped
