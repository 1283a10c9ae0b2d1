"""No address answers 5xx, whatever a visitor puts in its path or its query string.

The walk covers every URL pattern of the project, public and desk, as the URLconf declares
them, so a page added later is walked too. Each path parameter gets every value of the
corpus in turn (the others keep a value that finds real content), and each page, reached
with real content, gets the corpus in the query parameters the site reads and in some it
does not. Readers walk anonymously, the desk as an editor and as a journalist.
"""

import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern

from articles.models import Article, Correction
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db

# Values a hostile or careless visitor sends, already escaped for an address.
CORPUS = [
    "99999999999999999999999",
    "-1",
    "1e308",
    "a%00b",
    "%01%1B%7F",
    "%FF%FE",
    "%ED%A0%80",
    "!!!",
    "%25",
    "..%2F..%2Fetc%2Fpasswd",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    quote("😀 نتیجه"),
    "x" * 5000,
]
# A few of them, for walks that cover many pages built by the same admin machinery.
SHORT_CORPUS = ["99999999999999999999999", "%FF%FE", "!!!", "x" * 5000]
# What readers' pages read from the query string, and a name they ignore.
READERS_PARAMETERS = ["page", "q", "next", "utm_source"]
# What the desk's lists read (the admin's own parameters and the desk's filters) ...
DESK_LIST_PARAMETERS = [
    "p",
    "o",
    "q",
    "e",
    "status",
    "trash",
    "section__id__exact",
    "published_at__gte",
    "_to_field",
]
# ... and its other pages.
DESK_PAGE_PARAMETERS = ["_changelist_filters", "_to_field", "a", "b", "q"]
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def routes(patterns=None, prefix: str = "") -> Iterator[str]:
    """Every route of the URLconf as one string with its ``<converter:name>`` parameters.

    Patterns written as regular expressions (the admin's app index) are reached through
    the pages that link to them instead.
    """
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry.pattern, LocalePrefixPattern):
            # Readers' pages: walked in the first language, whose addresses have no prefix.
            yield from routes(entry.url_patterns, prefix)
            continue
        if not isinstance(entry.pattern, RoutePattern):
            continue
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


@pytest.fixture
def newsroom(journalist) -> dict[str, str]:
    """Real content, and the value of each path parameter that finds some of it."""
    section = SectionFactory(name="Business", slug="business")
    author = AuthorFactory(name="Laila Ahmadi", slug="laila-ahmadi")
    story = ArticleFactory(
        published=True, section=section, authors=[author], tags=["Saffron"], created_by=journalist
    )
    ArticleFactory(created_by=journalist, headline="A draft of the journalist's")
    Correction.objects.create(article=story, text="A figure was wrong.")
    published = story.published_at.astimezone()
    return {
        "slug": story.slug,
        "year": str(published.year),
        "month": str(published.month),
        "day": str(published.day),
        "object_id": str(story.pk),
        "pk": str(story.pk),
        "id": str(story.pk),
        "number": "1",
        "link_id": "1",
        "content_type_id": "1",
        "token": "not-a-token",
        "section": "stories",
        "app_label": "articles",
        "url": "about/",
    }


def address(route: str, values: dict[str, str]) -> str:
    return "/" + PARAMETER.sub(lambda match: values.get(match["name"], "1"), route)


def query_parameters(route: str) -> list[str]:
    if not route.startswith("admin/"):
        return READERS_PARAMETERS
    if re.fullmatch(r"admin/\w+/\w+/", route):
        return DESK_LIST_PARAMETERS
    return DESK_PAGE_PARAMETERS


def walked_addresses(
    real: dict[str, str], route_prefix: str = "", corpus: list[str] = CORPUS
) -> Iterator[str]:
    for route in sorted(set(routes())):
        if not route.startswith(route_prefix):
            continue
        names = [match["name"] for match in PARAMETER.finditer(route)]
        found = address(route, real)
        yield found
        for name in names:
            for value in corpus:
                yield address(route, {**real, name: value})
        for parameter in query_parameters(route):
            for value in corpus:
                yield f"{found}?{parameter}={value}"


def server_errors(client: Client, addresses: list[str]) -> list[str]:
    errors = []
    for target in addresses:
        response = client.get(target)
        if response.status_code >= 500:
            errors.append(f"{response.status_code} {target[:200]}")
    return errors


@pytest.fixture
def visitors(journalist, editor) -> dict[str, Client]:
    def logged_in(user) -> Client:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        return client

    return {
        "reader": Client(raise_request_exception=False),
        "journalist": logged_in(journalist),
        "editor": logged_in(editor),
        "administrator": logged_in(UserFactory(is_superuser=True, is_staff=True)),
    }


def test_the_walk_reaches_every_public_and_desk_page(newsroom):
    walked = set(routes())

    assert {"tag/<str:slug>/", "<int:year>/<int:month>/<int:day>/<story_slug:slug>/"} <= walked
    assert "admin/articles/article/<path:object_id>/change/" in walked
    assert "admin/articles/article/<int:pk>/transition/" in walked
    assert len(walked) > 60


@pytest.mark.parametrize(
    ("who", "pages", "corpus"),
    [
        ("reader", "", CORPUS),
        # The stories' pages, with everything, as the people who work on them every day ...
        ("journalist", "admin/articles/article/", CORPUS),
        ("editor", "admin/articles/", SHORT_CORPUS),
        # ... and every other desk page as the administrator, who may open all of them.
        ("administrator", "admin/", SHORT_CORPUS),
    ],
    ids=["reader", "journalist", "editor", "administrator"],
)
def test_no_address_answers_a_server_error_whatever_it_carries(
    newsroom, visitors, who, pages, corpus
):
    walked_by_others = "/admin/" if who == "reader" else "/admin/articles/"
    addresses = [
        target
        for target in walked_addresses(newsroom, pages, corpus)
        if who in ("journalist", "editor") or not target.startswith(walked_by_others)
    ]

    assert server_errors(visitors[who], addresses) == []
    # The walk changed nothing: GET never moves a story.
    assert Article.objects.published().count() == 1
