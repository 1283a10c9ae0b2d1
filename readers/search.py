"""Search over published stories: ranked full-text search on PostgreSQL, word matching elsewhere.

A page searches the stories of its own language. What the reader typed and the stories' text
are compared normalised (``articles.search_text``): a Dari or Pashto word is found whichever
keyboard typed it.

On PostgreSQL the weighted document (headline A, standfirst B, body C, HTML stripped) is a
column the database maintains itself (migrations ``0003_search_vector`` and
``0012_search_in_every_language``) behind a GIN index, each story's with its language's text
search configuration, the same the query is read with; readers type ``websearch_to_tsquery``
syntax ("quoted phrases", -excluded, or). Other databases get every word required in the
headline, standfirst or body, newest first.

Full-text search ranks the newest ``RANKED_MATCHES`` matching stories, best first and newest
among equals. It looks for them window by window from the newest stories back, so that a
common word costs about as much as a rare one (``_newest_matches``: one query for a common
word, two or three for rarer ones); their number is the count the page shows, and a page reads
only its own stories' result cards, prepared with their other parts (``readers/prepared.py``).
These statements are compiled once per database connection and run with each search's values
(``readers/compiled_sql.py``, ``articles/statements.py``): built through the ORM, they cost a
worker more time than the database spent on them.
Snippets come from ``readers/snippets.py``.

Whatever a reader types, the page answers: the query is cut to a sane length and stripped
of control characters (PostgreSQL refuses NUL bytes), and ``websearch_to_tsquery`` never
raises a syntax error.
"""

import math
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from operator import itemgetter

from django.contrib.postgres.search import SearchVectorField
from django.core.paginator import Page
from django.db import connections, router
from django.db.models import BooleanField, DateTimeField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.views.generic import ListView

from articles.calendars import localised_digits
from articles.models import Article, ArticleQuerySet
from articles.search_text import Normalised, normalise, search_config
from articles.statements import A_LANGUAGE, A_TIME, AN_ID, Statement
from readers.caching import shows
from readers.compiled_sql import CompiledSQL
from readers.frames import Frame
from readers.freshness import STORIES
from readers.prepared import card_rows
from readers.snippets import highlighted_snippets, query_words, uses_full_text
from readers.views import PublishedArticlesMixin

MAX_QUERY_CHARACTERS = 200
# The prepared card a result shows (readers/prepared.py); the page adds the snippet.
RESULT_CARD = "search_result"
# Full-text search ranks the newest this many matching stories: ten pages, more than readers
# page through. Ranking reads each candidate's document, about 5 µs apiece on 100,000 stories:
# 2.4 ms of database time a search for the 500 ranked before, 1 ms for 200.
RANKED_MATCHES = 200
# The newest matches are looked for first among this many of the newest stories per story to
# rank (2,000 for 200): enough for any word in one story in ten. On 100,000 stories "wheat
# harvest" (11,000 matches) then costs 2.4 ms of database time with the ranking; sorting all
# its matches by date cost 6 to 11 ms before any ranking.
FIRST_WINDOW_PER_RANKED = 10
# A window holding fewer matches than this share of the stories still missing means a rare
# word: reading all its older matches through the GIN index then costs less than walking a
# window of the publication-time index wide enough to hold them (about 0.15 µs a story).
RARE_SHARE = 0.2
# The next window is sized for the matches still missing at the density the last one showed,
# with this much to spare, so that a second window seldom falls short.
WINDOW_MARGIN = 1.5
# After this many windows, the rest of the archive is searched in one go.
MAX_WINDOWS = 3
# The newest stories of each language that search's small index holds (migration
# ``articles.0017``). A window reaching no further back than half of them is searched through
# it: stories taken down before the marks are next cleared cannot leave such a window short.
RECENT_STORIES = 5_000


def clean_query(raw: str) -> str:
    """The query as searched: control characters become spaces, spaces collapse, length capped."""
    # Only a prefix is worth reading: twice the cap leaves room for spaces that collapse.
    without_controls = "".join(
        " " if unicodedata.category(character) == "Cc" else character
        for character in raw[: MAX_QUERY_CHARACTERS * 2]
    )
    return " ".join(without_controls.split())[:MAX_QUERY_CHARACTERS].strip()


def search_articles(query: str, language: str) -> "RankedStories | QuerySet":
    """Published stories in ``language`` matching ``query`` as the reader typed it, best
    first, as rows of their prepared result cards (``readers.prepared.card_rows``): a sequence
    the paginator can count and slice.
    """
    now, query = timezone.now(), normalise(query)
    database = router.db_for_read(Article)
    if uses_full_text(database):
        return RankedStories(query, search_config(language), now=now, language=language)
    stories = Article.objects.published(at=now).in_language(language)
    return card_rows(_word_search(stories, query), RESULT_CARD)


class RankedStories:
    """The newest ``RANKED_MATCHES`` stories matching ``query``, best first, page by page.

    ``query`` is normalised, and read with the text search configuration ``config``; the
    stories are those published at ``now`` in ``language``. Their ids, in order, come from
    the database once (``len()`` is the number of matches); a slice reads only its own
    stories' result cards.
    """

    def __init__(self, query: str, config: str, *, now: datetime, language: str):
        self.search = Search(query=query, config=config, now=now, language=language)
        self.db = router.db_for_read(Article)

    @cached_property
    def ids(self) -> list[int]:
        matches = _newest_matches(self.search)
        # They come newest first: a stable sort keeps the newest first among equal ranks.
        matches.sort(key=itemgetter(1), reverse=True)
        return [match[0] for match in matches]

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            stories = self[index : (index + 1) or None]
            if not stories:
                raise IndexError(index)
            return stories[0]
        wanted = self.ids[index]
        if not wanted:
            return []
        rows = RESULT_CARDS.rows(now=self.search.now, language=self.search.language, ids=wanted)
        found = {row[0]: row for row in rows}
        return [found[pk] for pk in wanted if pk in found]


# A page's result cards among the stories published at ``now`` in ``language``: the ids come
# as one array, so that the statement is compiled once whatever the page's length. (Unqualified,
# ``id`` binds to the stories' table: the prepared parts' key is ``story_id``.)
RESULT_CARDS = Statement(
    lambda now, language, ids: card_rows(
        Article.objects.published(at=now)
        .in_language(language)
        .filter(RawSQL("id = ANY(%s::bigint[])", (ids,), output_field=BooleanField())),
        RESULT_CARD,
    ),
    now=A_TIME,
    language=A_LANGUAGE,
    ids=[AN_ID],
)


@dataclass(frozen=True)
class Search:
    """What one full-text search looks for: the values its statements are run with."""

    query: str
    config: str
    now: datetime
    language: str

    def stories(self) -> ArticleQuerySet:
        return Article.objects.published(at=self.now).in_language(self.language)


def _newest_matches(search: Search) -> list[tuple]:
    """The newest ``RANKED_MATCHES`` stories matching ``search``, newest first: rows that
    begin with the story's id and its rank (the rows as they come: made by the hundred a
    search, a tuple of another kind cost the worker as much as the rest of the ranking).

    The GIN index knows which stories match but not when they were published, so finding the
    newest matches through it alone reads every match's row: 11,000 rows (6 ms) for a word
    in one story in nine on 100,000 stories, 97,000 (27 ms) for one in nearly all. Instead
    the search starts with a window of the newest stories, whose rows PostgreSQL finds where
    the publication-time index and the index of the newest stories' documents agree, and
    reads only the matches inside. When a window holds too few, the next one, older, is sized
    from the density seen; a word too rare for windows to pay has all its older matches read
    at once, which costs little because there are few of them.
    """
    wanted = RANKED_MATCHES
    found: list[tuple] = []
    window = FIRST_WINDOW_PER_RANKED * wanted
    # The window reaches back to the ``newest``-th newest story, and stops before ``older_than``.
    newest, older_than = 0, None
    for _ in range(MAX_WINDOWS):
        newest += window
        rows = _ranked(search, newest=newest, older_than=older_than, limit=wanted - len(found))
        found += rows
        if len(found) >= wanted:
            return found
        if rows:
            window_start = rows[0][2]
            if window_start is None:  # The window held the whole archive.
                return found
            older_than = window_start
        missing = wanted - len(found)
        if len(rows) < RARE_SHARE * missing:
            break
        window = math.ceil(missing * window / len(rows) * WINDOW_MARGIN)
    return found + _ranked(search, newest=None, older_than=older_than, limit=wanted - len(found))


def _ranked(
    search: Search, *, newest: int | None, older_than: datetime | None, limit: int
) -> list[tuple]:
    """(id, rank) of the newest ``limit`` stories matching ``search`` published before
    ``older_than`` (if given), newest first; for a window reaching back to the
    ``newest``-th newest story, the first row also gives the time the window starts (``None``
    when the archive is smaller than the window)."""
    recent = newest is not None and newest <= RECENT_STORIES // 2
    return RANKED.rows(
        (newest is not None, older_than is not None, recent),
        query=search.query,
        config=search.config,
        now=search.now,
        language=search.language,
        older_than=older_than or NO_TIME,
        limit=limit,
        skipped=(newest or 1) - 1,
    )


def _ranked_sql(
    connection, shape, *, older_than, limit: int, skipped: int, **values
) -> tuple[str, list]:
    """The SQL of ``_ranked``, in its shapes: with or without a window, with or without
    ``older_than``, and through the index of the newest stories or of them all. Ranking
    reads each story's document, so it runs on the newest ``limit`` matches only, once the
    LIMIT has kept them; a window starts after ``skipped`` newer stories, and its start comes
    third, in the first row only (reading a time costs the worker more than the rest of a
    row). Both numbers are parameters, so that windows of any size share their statement.
    """
    in_window, before_older_than, recent = shape
    search = Search(**values)
    matching = _matching(search)
    if recent:
        matching = matching.filter(RawSQL("search_recent", (), output_field=BooleanField()))
    if before_older_than:
        matching = matching.filter(published_at__lt=older_than)
    if in_window:
        matching = matching.filter(published_at__gte=WINDOW_START)
    newest_sql, newest_params = _sql(
        matching.annotate(document=RawSQL("search_document", (), output_field=SearchVectorField()))
        .order_by("-published_at", "-pk")
        .values_list("pk", "published_at", "document"),
        connection,
    )
    # A subquery, so that the query is parsed once: the planned statement sees only
    # parameters, and would parse it again for each of the 200 rows ranked.
    columns = "id, ts_rank(document, (SELECT websearch_to_tsquery(%s::regconfig, %s)))"
    before, params = "", [search.config, search.query, *newest_params, limit]
    if in_window:
        window_start = search.stories().order_by("-published_at").values("published_at")
        start_sql, start_params = _sql(window_start, connection)
        before = (
            "WITH window_start AS MATERIALIZED "
            f"(SELECT ({start_sql} LIMIT 1 OFFSET %s) AS published_at) "
        )
        columns += (
            ", CASE WHEN row_number() OVER (ORDER BY published_at DESC, id DESC) = 1"
            " THEN (SELECT published_at FROM window_start) END"
        )
        params[:0] = [*start_params, skipped]
    sql = (
        f"{before}SELECT {columns} "  # noqa: S608 - ORM SQL
        f"FROM ({newest_sql} LIMIT %s) AS newest (id, published_at, document) "
        "ORDER BY published_at DESC, id DESC"
    )
    return sql, params


# A time no search is ever run with: ``older_than`` where a statement does not use it.
NO_TIME = A_TIME - timedelta(days=2)
RANKED = CompiledSQL(
    Article,
    _ranked_sql,
    query="a-query-standing-in",
    config="a-config-standing-in",
    now=A_TIME,
    language=A_LANGUAGE,
    older_than=NO_TIME,
    limit=987_654_321,
    skipped=876_543_210,
)


# Clears the marks of a language's stories but those kept (a subquery of their ids).
FORGET_OLDER_SQL = """
UPDATE articles_article SET search_recent = false
WHERE search_recent AND language = %s AND id NOT IN ({kept})
"""


def forget_older_stories() -> None:
    """Clear the search mark (migration ``articles.0017``) of every story but the newest
    ``RECENT_STORIES`` published in its language and those scheduled after them.

    Run in the background after editorial steps and by ``prepare_stories``; a trigger marks a
    story again as soon as its status or time changes.
    """
    connection = connections[router.db_for_write(Article)]
    if connection.vendor != "postgresql":
        return
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT language FROM articles_article WHERE search_recent")
        for (language,) in cursor.fetchall():
            newest = (
                Article.objects.published(at=now)
                .in_language(language)
                .order_by("-published_at")
                .values_list("published_at", flat=True)
            )
            cutoff = next(iter(newest[RECENT_STORIES - 1 : RECENT_STORIES]), None)
            kept = Article.objects.seen_by_readers().in_language(language)
            if cutoff is not None:
                kept = kept.filter(published_at__gte=cutoff)
            kept_sql, kept_params = _sql(kept.values("pk"), connection)
            cursor.execute(FORGET_OLDER_SQL.format(kept=kept_sql), [language, *kept_params])


def _matching(search: Search) -> ArticleQuerySet:
    """The stories of ``search`` whose stored document matches its query.

    The query is a subquery so that the planner cannot read it and takes the GIN index for
    selective (0.5% of the stories, its default guess). Knowing a word was common, it walked
    the publication-time index and read the document of every story on its way: 8,600
    documents (37 ms) for the newest 500 of the 6% of 100,000 stories that mention "bank".
    """
    # Unqualified, the column binds to the query's own table.
    return search.stories().filter(
        RawSQL(
            "search_document @@ (SELECT websearch_to_tsquery(%s::regconfig, %s))",
            (search.config, search.query),
            output_field=BooleanField(),
        )
    )


# The publication time where a window starts, from the ``window_start`` CTE of ``_ranked``; a
# window reaching past the oldest story holds them all.
WINDOW_START = RawSQL(
    "COALESCE((SELECT published_at FROM window_start), '-infinity')",
    (),
    output_field=DateTimeField(),
)


def _sql(queryset: ArticleQuerySet, connection) -> tuple[str, tuple]:
    return queryset.query.get_compiler(connection=connection).as_sql()


def _word_search(articles: ArticleQuerySet, query: str) -> ArticleQuerySet:
    """``articles`` whose normalised headline, standfirst or body holds every word of the
    normalised ``query``."""
    words = query_words(query)
    if not words:
        return articles.none()
    every_word = Q()
    for word in words:
        every_word &= (
            Q(searched_headline__icontains=word)
            | Q(searched_standfirst__icontains=word)
            | Q(searched_body__icontains=word)
        )
    return (
        articles.alias(
            searched_headline=Normalised("headline"),
            searched_standfirst=Normalised("standfirst"),
            searched_body=Normalised("body"),
        )
        .filter(every_word)
        .order_by("-published_at", "-pk")
    )


class SearchView(PublishedArticlesMixin, ListView):
    """``/search/?q=``: a GET form, so no cookie and no CSRF token; any query gets a page.

    It searches the stories of the page's language (the request's active language).
    """

    card = RESULT_CARD

    def get(self, request, *args, **kwargs):
        self.query = clean_query(request.GET.get("q", ""))
        self.language = get_language()
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> "RankedStories | QuerySet":
        if not self.query:
            return Article.objects.none()
        return search_articles(self.query, self.language)

    def get_context_data(self, **kwargs):
        shows(self.request, STORIES)
        context = super().get_context_data(**kwargs)
        ids = [row[0] for row in context["object_list"]]
        snippets = highlighted_snippets(ids, self.query, self.object_list.db, self.language)
        cards = zip(ids, context["cards"], strict=True)
        context["results"] = [(card, snippets.get(pk, "")) for pk, card in cards]
        return context

    def render_to_response(self, context, **response_kwargs):
        parts = {
            "title": (
                gettext("Search: %(query)s") % {"query": self.query}
                if self.query
                else gettext("Search")
            ),
            "query": self.query,
            "results": found(self.query, context["page_obj"], context["results"]),
        }
        return SEARCH_FRAME.response(self.request, parts)


# The search page, with the query and what it found put in per request.
SEARCH_FRAME = Frame(
    "articles/search.html",
    ("title", "canonical_url", "alternates", "navigation", "query", "results"),
)


RESULT_ITEM = (
    '<li class="search-result">\n      <article class="search-result__article">\n'
    '        {}\n        <p class="search-result__snippet">{}</p>\n'
    "      </article>\n    </li>"
)


def found(query: str, page: Page, results: list[tuple[SafeString, SafeString]]) -> SafeString:
    """What a search found: how many stories, their cards with snippets, and its pages."""
    if not query:
        return format_html('<p class="search__status">{}</p>', gettext("Type something to search."))
    count = page.paginator.count
    # The query is isolated, so Latin words in a Dari sentence (or the reverse) keep their order.
    isolated_query = format_html("<bdi>{}</bdi>", query)
    if not count:
        return format_html(
            '<p class="search__status" role="status">{}</p>',
            mark_safe(gettext("No stories match “%(query)s”.") % {"query": isolated_query}),
        )
    status = ngettext(
        "%(count)s story matches “%(query)s”.", "%(count)s stories match “%(query)s”.", count
    )
    # Cards and snippets are safe HTML already: joined as they are, not checked piece by piece.
    items = mark_safe(  # noqa: S308
        "\n    ".join(RESULT_ITEM.format(card, snippet) for card, snippet in results)
    )
    return format_html(
        '<p class="search__status" role="status">{}</p>\n'
        '  <ol class="search-results" start="{}">\n    {}\n  </ol>\n  {}',
        mark_safe(
            status
            % {
                "count": localised_digits(f"{count:,}", get_language()),
                "query": isolated_query,
            }
        ),
        page.start_index(),
        items,
        result_pages(query, page),
    )


def result_pages(query: str, page: Page) -> SafeString:
    """Links to the previous and next pages of results, and where this page is."""
    if not page.has_other_pages():
        return mark_safe("")

    def link(name: str, rel: str, label: str, number: int) -> SafeString:
        address = urlencode({"q": query, "page": number})
        return format_html(
            '<a class="pagination__{}" rel="{}" href="?{}">{}</a>', name, rel, address, label
        )

    previous, following = "", ""
    if page.has_previous():
        previous = link("previous", "prev", gettext("Previous"), page.previous_page_number())
    if page.has_next():
        following = link("next", "next", gettext("Next"), page.next_page_number())
    language = get_language()
    return format_html(
        '<nav class="pagination" aria-label="{}">\n    {}\n'
        '    <span class="pagination__current">{}</span>\n    {}\n  </nav>',
        gettext("Search result pages"),
        previous,
        gettext("Page %(number)s of %(count)s")
        % {
            "number": localised_digits(str(page.number), language),
            "count": localised_digits(str(page.paginator.num_pages), language),
        },
        following,
    )
