"""Search over published stories: ranked full-text search on PostgreSQL, word matching elsewhere.

On PostgreSQL the weighted document (headline A, standfirst B, body C, HTML stripped) is a
column the database maintains itself (migration ``0003_search_vector``) behind a GIN index;
readers type ``websearch_to_tsquery`` syntax ("quoted phrases", -excluded, or). Other
databases get every word required in the headline, standfirst or body, newest first.

Whatever a reader types, the page answers: the query is cut to a sane length and stripped
of control characters (PostgreSQL refuses NUL bytes), and ``websearch_to_tsquery`` never
raises a syntax error. Snippets come back with private-use marker characters around the
matches; everything is escaped and only those markers become ``<mark>`` tags.
"""

import re
import unicodedata

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connections
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.views.generic import ListView

from articles.models import Article, ArticleQuerySet
from readers.views import PublishedArticlesMixin

MAX_QUERY_CHARACTERS = 200
# Each word is a LIKE over three columns on the fallback; more words only slow it down.
MAX_FALLBACK_WORDS = 8
SEARCH_CONFIG = "english"
SNIPPET_WORDS = 40
# Full-text search ranks the newest this many matching stories (readers rarely page further).
RANKED_MATCHES = 500
MATCH_START = "\ue000"
MATCH_STOP = "\ue001"
# The markup the stored document leaves out (the same pattern as in migration 0003).
TAGS_AND_ENTITIES = r"<[^>]*>|&[#a-zA-Z0-9]+;"

STORED_DOCUMENT = RawSQL(
    '"articles_article"."search_document"', (), output_field=SearchVectorField()
)
# Inside a subquery Django renames the table ("U0"), and the qualified name above would
# point at the outer query's row; unqualified, the column binds to the subquery's own table.
SUBQUERY_DOCUMENT = RawSQL("search_document", (), output_field=SearchVectorField())


def clean_query(raw: str) -> str:
    """The query as searched: control characters become spaces, spaces collapse, length capped."""
    # Only a prefix is worth reading: twice the cap leaves room for spaces that collapse.
    without_controls = "".join(
        " " if unicodedata.category(character) == "Cc" else character
        for character in raw[: MAX_QUERY_CHARACTERS * 2]
    )
    return " ".join(without_controls.split())[:MAX_QUERY_CHARACTERS].strip()


def query_words(query: str) -> list[str]:
    return re.findall(r"\w+", query)[:MAX_FALLBACK_WORDS]


def uses_full_text(database: str) -> bool:
    return connections[database].vendor == "postgresql"


def search_articles(articles: ArticleQuerySet, query: str) -> ArticleQuerySet:
    """``articles`` matching ``query``, best first."""
    if uses_full_text(articles.db):
        return _full_text_search(articles, query)
    return _word_search(articles, query)


def _full_text_search(articles: ArticleQuerySet, query: str) -> ArticleQuerySet:
    """The newest ``RANKED_MATCHES`` matching stories, best first.

    Ranking reads every candidate's document; ranking all matches of a common word made a
    search cost grow with the archive (300 ms of database time for 11,000 matches on
    100,000 stories, 30 ms for the newest 500).
    """
    search_query = _search_query(query)
    newest_matches = (
        articles.alias(document=SUBQUERY_DOCUMENT)
        .filter(document=search_query)
        .order_by("-published_at", "-pk")
        .values("pk")[:RANKED_MATCHES]
    )
    return (
        articles.defer("body")
        .filter(pk__in=newest_matches)
        .annotate(rank=SearchRank(STORED_DOCUMENT, search_query))
        .order_by("-rank", "-published_at", "-pk")
    )


def _search_query(query: str) -> SearchQuery:
    return SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")


def _word_search(articles: ArticleQuerySet, query: str) -> ArticleQuerySet:
    words = query_words(query)
    if not words:
        return articles.none()
    every_word = Q()
    for word in words:
        every_word &= (
            Q(headline__icontains=word) | Q(standfirst__icontains=word) | Q(body__icontains=word)
        )
    return articles.filter(every_word).order_by("-published_at", "-pk")


def highlighted_snippets(articles: list[Article], query: str) -> dict[int, SafeString]:
    """Short extracts of ``articles`` by primary key, matches in ``<mark>``, safe to render.

    On PostgreSQL one query asks ``ts_headline`` for the page's stories only: computed in
    the search query itself, it would also run for every row an ``OFFSET`` skips.
    """
    if not articles:
        return {}
    if uses_full_text(articles[0]._state.db):
        plain_body = Func(
            F("body"),
            Value(TAGS_AND_ENTITIES),
            Value(" "),
            Value("g"),
            function="regexp_replace",
            output_field=TextField(),
        )
        headline = SearchHeadline(
            Concat(F("standfirst"), Value(" "), plain_body, output_field=TextField()),
            _search_query(query),
            config=SEARCH_CONFIG,
            start_sel=MATCH_START,
            stop_sel=MATCH_STOP,
            max_words=SNIPPET_WORDS,
            min_words=SNIPPET_WORDS // 2,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        marked = dict(
            Article.objects.filter(pk__in=[article.pk for article in articles])
            .annotate(marked=headline)
            .values_list("pk", "marked")
        )
    else:
        words = query_words(query)
        marked = {article.pk: _mark_words(_summary(article), words) for article in articles}
    return {pk: render_marked(text) for pk, text in marked.items()}


def _summary(article: Article) -> str:
    text = article.standfirst or strip_tags(article.body)
    return " ".join(text.split()[:SNIPPET_WORDS])


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
    # Every piece of text above went through escape(); only the <mark> tags are markup.
    return mark_safe("".join(parts))


class SearchView(PublishedArticlesMixin, ListView):
    """``/search/?q=``: a GET form, so no cookie and no CSRF token; any query gets a page."""

    template_name = "articles/search.html"

    def get(self, request, *args, **kwargs):
        self.query = clean_query(request.GET.get("q", ""))
        return super().get(request, *args, **kwargs)

    def remembered_address(self) -> str:
        return f"{self.request.path}?q={self.query}"

    def get_queryset(self) -> ArticleQuerySet:
        if not self.query:
            return Article.objects.none()
        return search_articles(self.published_articles(), self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, **kwargs)
        articles = list(context["object_list"])
        snippets = self.remember(
            f"snippets {context['page_obj'].number}",
            lambda: highlighted_snippets(articles, self.query),
        )
        context["results"] = [(article, snippets[article.pk]) for article in articles]
        return context
