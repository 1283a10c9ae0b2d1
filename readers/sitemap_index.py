"""The sitemap index: every sitemap's pages and newest change, from one query or none.

Django's index view asks each sitemap for its size and newest change, seven queries built
through the ORM on every request, and renders a template around them: about 6 ms of a
worker's time a request on 100,000 stories. Here the figures of the sitemaps are one
statement, compiled once per database connection from the sitemaps' own ``listed()``
querysets (so through ``Article.objects.published()`` like their pages) and run with the
request's time and language. Only the news sitemap, which stories leave as they age, is
counted on every request; the others' figures are kept in the shared cache until a change
to what readers see (``readers.freshness.kept``). The index is written as the XML Django's
``sitemap_index.xml`` template gives, with the same headers.
"""

from datetime import datetime

from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.db import connections, router
from django.db.models import DateTimeField, F, Value
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.translation import get_language

from articles.models import Article
from articles.statements import A_LANGUAGE, A_TIME
from readers import freshness
from readers.compiled_sql import CompiledSQL
from readers.sitemaps import NEWS_WINDOW, ReadersSitemap

# What the kept figures change with: any story readers see published, hidden or edited, and
# what every page shows (a section, tag or author deleted).
KEPT_WHILE = [freshness.SITE, freshness.STORIES, freshness.UPDATES]


def query_values(now: datetime, language: str) -> dict[str, object]:
    """The values the sitemaps' queries take from a request, by name."""
    return {"now": now, "news_since": now - NEWS_WINDOW, "language": language}


def figures(
    sitemaps: dict[str, type[ReadersSitemap]], *, now: datetime, language: str
) -> dict[str, tuple[int, datetime | None]]:
    """For each sitemap, its number of pages and its newest change (``None``: not stated).

    What only a change to a story can change is kept in the shared cache until such a change
    moves one of ``KEPT_WHILE`` (a scheduled story going live moves them too); sitemaps that
    stories leave as they age (``ages_out``) are counted on every request, with one query.
    """
    ageing = {name: sitemap for name, sitemap in sitemaps.items() if sitemap.ages_out}
    steady = {name: sitemap for name, sitemap in sitemaps.items() if not sitemap.ages_out}
    sizes = _sizes(ageing, now=now, language=language) if ageing else {}
    if steady:
        sizes |= freshness.kept(
            f"sitemap-sizes:{language}:{','.join(steady)}",
            KEPT_WHILE,
            lambda: _sizes(steady, now=now, language=language),
        )
    return {
        name: (sitemap.pages(sizes[name][0]), sizes[name][1]) for name, sitemap in sitemaps.items()
    }


def _sizes(sitemaps, *, now: datetime, language: str) -> dict[str, tuple[int, datetime | None]]:
    """For each sitemap, ``size_aggregate`` of its items' primary keys and its newest change,
    from one statement."""
    [row] = SIZES.rows(tuple(sitemaps.items()), **query_values(now, language))
    row = list(row)
    connection = connections[router.db_for_read(Article)]
    found = {}
    for section, sitemap in sitemaps.items():
        size = row.pop(0) or 0
        changed = _as_time(row.pop(0), connection) if sitemap.changed_column else None
        found[section] = (size, changed)
    return found


def _sizes_sql(connection, sitemaps, *, now, news_since, language) -> tuple[str, list]:
    """One row of two columns a sitemap: ``size_aggregate`` of its items' primary keys and
    the newest ``changed_column`` (or NULL)."""
    columns, params = [], []
    for _section, sitemap in sitemaps:
        listed = sitemap.listed(now=now, language=language)
        for aggregate, column in ((sitemap.size_aggregate, "pk"), ("MAX", sitemap.changed_column)):
            if column is None:
                columns.append("NULL")
                continue
            query = listed.order_by().values(figure=F(column)).query
            inner_sql, inner_params = query.get_compiler(connection=connection).as_sql()
            columns.append(f"(SELECT {aggregate}(figure) FROM ({inner_sql}) AS listed)")  # noqa: S608
            params += inner_params
    return f"SELECT {', '.join(columns)}", params  # noqa: S608 - ORM SQL


# Compiled for each set of sitemaps, its shape.
SIZES = CompiledSQL(Article, _sizes_sql, **query_values(A_TIME, A_LANGUAGE))


def _as_time(value, connection) -> datetime | None:
    """A ``MAX()`` of a time column as the ORM would give it (SQLite answers text)."""
    expression = Value(value, output_field=DateTimeField())
    for converter in connection.ops.get_db_converters(expression):
        value = converter(value, expression, connection)
    return value


@x_robots_tag
def index(
    request: HttpRequest,
    sitemaps: dict[str, type[ReadersSitemap]],
    sitemap_url_name: str = "django.contrib.sitemaps.views.sitemap",
) -> HttpResponse:
    """``/sitemap.xml``: what Django's ``sitemaps.views.index`` answers, from ``figures``.

    A ``<sitemap>`` for each page of each sitemap, with its newest change where it states
    one; ``Last-Modified`` when every sitemap states one, for conditional GET.
    """
    domain = get_current_site(request).domain
    entries, newest, every_one_dated = [], None, True
    shown = figures(sitemaps, now=timezone.now(), language=get_language())
    for section, sitemap in sitemaps.items():
        pages, changed = shown[section]
        protocol = request.scheme if sitemap.protocol is None else sitemap.protocol
        address = f"{protocol}://{domain}{reverse(sitemap_url_name, kwargs={'section': section})}"
        if changed is None:
            every_one_dated = False
            lastmod = ""
        else:
            newest = changed if newest is None else max(newest, changed)
            lastmod = f"<lastmod>{timezone.localtime(changed).isoformat()}</lastmod>"
        for page in range(1, pages + 1):
            location = address if page == 1 else f"{address}?p={page}"
            entries.append(f"<sitemap><loc>{escape(location)}</loc>{lastmod}</sitemap>")
    response = HttpResponse(
        f'{XML_DECLARATION}\n<sitemapindex xmlns="{SITEMAP_NAMESPACE}">\n'
        f"{''.join(entries)}\n</sitemapindex>\n",
        content_type="application/xml",
    )
    if every_one_dated and newest is not None:
        response.headers["Last-Modified"] = http_date(newest.timestamp())
    return response


XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
