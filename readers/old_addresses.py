"""The old site's addresses, answered with a permanent redirect to the page now showing them.

A newsroom that moved here from another system (``manage.py import_wordpress``) keeps its
old links: a story's permalink, ``/?p=123``, category and tag archives, feeds. Their table is
``articles.models.OldAddress``. A story's old address leads to it only while readers may see
it (``Article.objects.published()``), and a section's, tag's or author's only while a
published story shows it, so an old link never gives a draft or a trashed story away.
"""

import hashlib

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse

from articles.models import Article, Author, OldAddress, Section, Tag
from articles.models.old_addresses import QUERY_NAMES, normal_path, query_address

# How long an address with no row is remembered as such. A moved site is probed all day for
# addresses it never had (/wp-login.php, /xmlrpc.php): each costs a cache read, not a query.
# Rows are added by imports only, so an address asked for just before one finds its row
# this long after at most.
MISSING_SECONDS = 300


def new_address(path: str) -> str | None:
    """The new address of the old ``path`` (as stored), or None if readers have none."""
    missing_key = "old-address-missing:" + hashlib.sha256(path.encode()).hexdigest()
    if cache.get(missing_key):
        return None
    old = (
        OldAddress.objects.filter(path=path)
        .values_list("article_id", "section_id", "tag_id", "author_id", "feed")
        .first()
    )
    if old is None:
        cache.set(missing_key, True, MISSING_SECONDS)
        return None
    article_id, section_id, tag_id, author_id, feed = old
    if article_id is not None:
        article = Article.objects.published().filter(pk=article_id).first()
        return article.get_absolute_url() if article is not None else None
    for model, pk, name in (
        (Section, section_id, "section"),
        (Tag, tag_id, "tag"),
        (Author, author_id, "author"),
    ):
        if pk is not None:
            slug = model.objects.shown_to_readers().filter(pk=pk).values_list("slug", flat=True)
            found = slug.first()
            if found is None:
                return None
            url_name = f"articles:{name}_rss" if feed else f"articles:{name}"
            return reverse(url_name, kwargs={"slug": found})
    return reverse("articles:rss") if feed else None


def query_form(request: HttpRequest) -> str | None:
    """``/?p=123`` and its kind as stored, if the request is one; None otherwise."""
    if request.path_info != "/" or not request.GET:
        return None
    for name in QUERY_NAMES:
        value = request.GET.get(name)
        if value:
            return query_address(name, value)
    return None


class OldAddressMiddleware:
    """Redirect the old site's addresses that nothing here answers.

    Ordinary pages pay nothing: the table is read only for a page that answered 404, and for
    the home page asked with one of the old site's query names (``/?p=123``), which the home
    page would otherwise answer as itself. It sits above the page cache for that reason. An
    address with no row is remembered for a while, so a 404 asked again costs no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD"):
            asked = query_form(request)
            if asked is not None:
                found = new_address(asked)
                if found is not None:
                    return HttpResponsePermanentRedirect(found)
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            found = new_address(normal_path(request.path_info))
            if found is not None:
                return HttpResponsePermanentRedirect(found)
        return response
