"""Search results' snippets: a few words of each story around what the reader searched for.

On PostgreSQL, ``ts_headline`` marks the query's words in a window of each story's text
(``SNIPPETS_SQL``), with the text search configuration of the language searched; elsewhere
the words are marked in the story's opening. Either way the text is normalised as the query
is (``articles.search_text``), so that a Dari word typed with Arabic letter forms is marked
where the story spells it with Persian ones. Snippets come back with private-use marker
characters around the matches; everything is escaped and only those markers become
``<mark>`` tags.
"""

import re
from html import escape

from django.db import connections
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from articles.search_text import SQL_FUNCTION, holds_forms_to_normalise, normalise, search_config

# Each word is a LIKE over three columns on the fallback; more words only slow it down.
MAX_FALLBACK_WORDS = 8
SNIPPET_WORDS = 40
MATCH_START = "\ue000"
MATCH_STOP = "\ue001"
# The markup the stored document leaves out (the same pattern as in migration 0003).
TAGS_AND_ENTITIES = r"<[^>]*>|&[#a-zA-Z0-9]+;"
# A snippet is chosen among this many characters of the story, starting this many before the
# first word of the query it contains. ts_headline parses all the text it is given, about 10 µs
# per 100 characters: whole stories (4,200 characters) cost 7.7 ms for a page of 20, these
# windows 2 ms, and the snippets are marked as often.
SNIPPET_WINDOW_CHARACTERS = 500
SNIPPET_WINDOW_BEFORE = 120
HEADLINE_OPTIONS = (
    f"StartSel={MATCH_START}, StopSel={MATCH_STOP}, MaxWords={SNIPPET_WORDS}, "
    f"MinWords={SNIPPET_WORDS // 2}, MaxFragments=2, FragmentDelimiter=' … '"
)


def query_words(query: str) -> list[str]:
    return re.findall(r"\w+", query)[:MAX_FALLBACK_WORDS]


def uses_full_text(database: str) -> bool:
    return connections[database].vendor == "postgresql"


# One row per story: its snippet, chosen by ts_headline among a window of the story's text
# around the first word of the query it contains, with the query's words marked. The window is
# found in the stored HTML with a regular expression of word beginnings built from the words'
# lexemes ("harvest" also finds "harvesting"; a stem's final "i" is dropped, so "economi" finds
# "economy"); only the window then loses its markup, and tags cut at its edges go too. The whole
# text is read only when the window shows no match though the standfirst or body matches the
# query; when they do not (only the headline matches), the opening is shown, as ts_headline
# shows it. The stories' standfirst and body are normalised first, as the stored document is,
# by the function ``articles.search_text.SQL_FUNCTION`` names, where their language's letters
# call for it (``SNIPPETS_OF_LATIN_TEXT`` otherwise). Each step is a materialized CTE,
# computed once per story.
SNIPPETS_SQL = r"""
WITH search AS MATERIALIZED (
    SELECT websearch_to_tsquery(%(config)s::regconfig, %(query)s) AS query,
        websearch_to_tsquery(%(config)s::regconfig, %(words)s) AS words,
        '\m(' || array_to_string(ARRAY(
            SELECT regexp_replace(regexp_replace(lexeme, '([^[:alnum:]])', '\\\1', 'g'), 'i$', '')
            FROM unnest(tsvector_to_array(to_tsvector(%(config)s::regconfig, %(words)s))) AS lexeme
        ), '|') || ')' AS beginnings
), story AS MATERIALIZED (
    SELECT id, search_document, standfirst, body, standfirst || ' ' || body AS html
    FROM (
        SELECT id, search_document, newsroom_search_normalised(standfirst) AS standfirst,
            newsroom_search_normalised(body) AS body
        FROM articles_article
        WHERE id = ANY(%(ids)s)
    ) AS normalised
), located AS MATERIALIZED (
    SELECT story.*, regexp_instr(html, search.beginnings, 1, 1, 0, 'i') AS at
    FROM story CROSS JOIN search
), cut AS MATERIALIZED (
    SELECT located.*,
        regexp_replace(
            regexp_replace(left(html, %(length)s), '<[^>]*$|&[#a-zA-Z0-9]*$', ''),
            %(markup)s, ' ', 'g'
        ) AS opening,
        CASE WHEN at > %(before)s THEN regexp_replace(regexp_replace(regexp_replace(
            regexp_replace(substr(html, at - %(before)s, %(length)s), '^[^<>]*>', ''),
            '<[^>]*$|&[#a-zA-Z0-9]*$', ''), %(markup)s, ' ', 'g'), '^\S*\s+', '')
        END AS excerpt
    FROM located
), nearby AS MATERIALIZED (
    SELECT cut.*,
        ts_headline(%(config)s::regconfig, coalesce(excerpt, opening), search.words, %(options)s)
            AS marked
    FROM cut CROSS JOIN search
)
SELECT id,
    CASE
        WHEN strpos(marked, %(start)s) > 0 THEN marked
        WHEN ts_filter(search_document, '{b,c}') @@ search.query THEN ts_headline(
            %(config)s::regconfig,
            standfirst || ' ' || regexp_replace(body, %(markup)s, ' ', 'g'),
            search.query,
            %(options)s
        )
        WHEN excerpt IS NOT NULL
            THEN ts_headline(%(config)s::regconfig, opening, search.words, %(options)s)
        ELSE marked
    END
FROM nearby CROSS JOIN search
"""


SNIPPETS_OF_LATIN_TEXT = SNIPPETS_SQL.replace(f"{SQL_FUNCTION}(standfirst)", "standfirst").replace(
    f"{SQL_FUNCTION}(body)", "body"
)


def highlighted_snippets(
    ids: list[int], query: str, database: str, language: str
) -> dict[int, SafeString]:
    """Short extracts of the stories ``ids``, matches in ``<mark>``, safe to render.

    The stories are in ``language``, and ``query`` is what the reader typed. On PostgreSQL
    one query asks ``ts_headline`` for the page's stories only, each over a window of its
    text (``SNIPPETS_SQL``).
    """
    if not ids:
        return {}
    query = normalise(query)
    if uses_full_text(database):
        with connections[database].cursor() as cursor:
            cursor.execute(
                SNIPPETS_SQL if holds_forms_to_normalise(language) else SNIPPETS_OF_LATIN_TEXT,
                {
                    "ids": ids,
                    "query": query,
                    # With the query itself, a window holding one of two words, or part of a
                    # phrase, would show no match: the window marks any of the query's words.
                    "words": " or ".join(
                        word for word in query_words(query) if word.lower() != "or"
                    ),
                    "config": search_config(language),
                    "options": HEADLINE_OPTIONS,
                    "markup": TAGS_AND_ENTITIES,
                    "start": MATCH_START,
                    "before": SNIPPET_WINDOW_BEFORE,
                    "length": SNIPPET_WINDOW_CHARACTERS,
                },
            )
            marked = dict(cursor.fetchall())
    else:
        words = query_words(query)
        stories = Article.objects.using(database).filter(pk__in=ids).only("standfirst", "body")
        marked = {story.pk: _mark_words(_summary(story), words) for story in stories}
    return {pk: render_marked(text) for pk, text in marked.items()}


def _summary(article: Article) -> str:
    text = article.standfirst or strip_tags(article.body)
    return " ".join(normalise(text).split()[:SNIPPET_WORDS])


def _mark_words(text: str, words: list[str]) -> str:
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return pattern.sub(lambda match: f"{MATCH_START}{match.group()}{MATCH_STOP}", text)


def render_marked(marked: str) -> SafeString:
    """Escape everything, then turn each start/stop marker pair into ``<mark>…</mark>``.

    A marker without its partner (say, one that was already in the story's text) is dropped,
    so the result is always well-formed.
    """
    first, *rest = marked.split(MATCH_START)
    parts = [escape(first.replace(MATCH_STOP, ""))]
    for chunk in rest:
        if MATCH_STOP in chunk:
            match, after = chunk.split(MATCH_STOP, 1)
            parts.append(f"<mark>{escape(match)}</mark>{escape(after.replace(MATCH_STOP, ''))}")
        else:
            parts.append(escape(chunk))
    # Every piece of text above went through escape() (the standard library's, which Django's
    # wraps, here without a lazy-text check for each of a page's hundred pieces); only the
    # <mark> tags are markup.
    return mark_safe("".join(parts))
