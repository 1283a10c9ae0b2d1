"""The newsroom behind the shipped Varnish: pages stay cached until a change purges them.

Two gunicorn instances run as production runs them and purge by surrogate key
(``PURGE_BACKEND=varnish``), behind deploy/varnish/default.vcl in a real varnishd. Pages are
kept for a day, so what a reader sees after an editor's step comes from the purge, not from
a copy expiring: a published story is on every page that lists it at the next request, an
unpublished one is gone from them, a Business story page stays a cache hit when a Sport story
is published, a draft save purges nothing, cookies change nothing, and with the database link
cut, stored pages are still served and the others get the application's 503.
"""

import json
import os

import pytest

from hosting.varnish import available, varnish
from tests.newsroom_servers import Newsroom, services_up
from tests.production_env import free_port

pytestmark = [
    pytest.mark.skipif(not available(), reason="needs varnishd (Debian: varnish)"),
    pytest.mark.skipif(
        not services_up() and os.environ.get("NEWSROOM_REQUIRE_SERVICES") != "1",
        reason="needs PostgreSQL and Redis on 127.0.0.1",
    ),
]

# Through nginx in production: the original scheme, so the application does not redirect.
FORWARDED = {"X-Forwarded-Proto": "https"}
LISTS = ["/", "/section/sport/", "/tag/league/", "/authors/nadia-noori/", "/feeds/rss/"]

SEED = """
import json
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory
sport = SectionFactory(name="Sport", slug="sport")
business = SectionFactory(name="Business", slug="business")
nadia = AuthorFactory(name="Nadia Noori")
ArticleFactory(published=True, section=sport, headline="Kick-off in Kabul", tags=["league"],
               authors=[nadia])
market = ArticleFactory(published=True, section=business, headline="Saffron exports climb",
                        tags=["trade"], authors=[AuthorFactory(name="Omar Sadiq")])
UserFactory(role="Editor", email="editor@newsroom.test")
print(json.dumps(market.get_absolute_url()))
"""

STEP = """
import json
from accounts.models import User
from articles import workflow
from articles.models import Article, Author, Section
from tests.factories import ArticleFactory
editor = User.objects.get(email="editor@newsroom.test")
result = None
{code}
print(json.dumps(result))
"""

PUBLISH = """
story = ArticleFactory(in_review=True, section=Section.objects.get(slug="sport"),
                       headline="Cup final goes to extra time", tags=["league", "final"],
                       authors=[Author.objects.get(name="Nadia Noori")])
workflow.approve(story, by=editor)
result = story.pk
"""


@pytest.fixture
def edge(tmp_path):
    """The newsroom, its two servers and Varnish in front; purges go to Varnish's port."""
    cache_port = free_port()
    site = Newsroom(
        tmp_path / "app",
        PURGE_BACKEND="varnish",
        PURGE_URLS=f"http://127.0.0.1:{cache_port}/",
    )
    try:
        site.set_up()
        servers = [site.start(), site.start()]
        ports = [int(base.rsplit(":", 1)[1]) for base in servers]
        with varnish(tmp_path / "varnish", ports, port=cache_port) as cache:
            site.cache = cache
            yield site
    finally:
        site.tear_down()


def step(site: Newsroom, code: str):
    return json.loads(site.shell(STEP.format(code=code)))


def read(site: Newsroom, path: str, **headers: str):
    response = site.cache.get(path, headers={**FORWARDED, **headers})
    return response.status, response.header("X-Cache"), response.body.decode()


def stored(site: Newsroom, *paths: str) -> None:
    """Each page fetched once and then served from Varnish."""
    for path in paths:
        read(site, path)
        status, cache, _ = read(site, path)
        assert (status, cache) == (200, "HIT"), path


def test_editors_steps_reach_every_cached_page_at_once_and_nothing_else(edge):
    market = json.loads(edge.shell(SEED))
    stored(edge, market, *LISTS)
    # A page that does not exist yet is not kept: it must appear once its story is published.
    assert read(edge, "/tag/final/")[0] == read(edge, "/tag/final/")[0] == 404

    story = step(edge, PUBLISH)
    assert read(edge, "/tag/final/")[0] == 200
    for path in LISTS:
        status, _, page = read(edge, path)
        assert status == 200 and "Cup final goes to extra time" in page, path
    # A Business story page shows nothing of Sport's: the publication left it stored.
    assert read(edge, market)[:2] == (200, "HIT")

    stored(edge, *LISTS)
    step(edge, f"workflow.unpublish(Article.objects.get(pk={story}), by=editor, reason='Check')")
    for path in LISTS:
        status, _, page = read(edge, path)
        assert status == 200 and "Cup final" not in page, path

    # A draft shows nowhere: saving one purges nothing.
    stored(edge, *LISTS)
    step(edge, "ArticleFactory(section=Section.objects.get(slug='sport'), headline='Draft')")
    for path in [market, *LISTS]:
        assert read(edge, path)[1] == "HIT", path

    # Whatever cookies a reader brings, the same stored page.
    plain = read(edge, "/")
    cookies = "sessionid=stale; csrftoken=bad!; newsroom_consent=anything"
    assert read(edge, "/", Cookie=cookies) == plain

    # The database away: stored pages are still served, others get the application's 503.
    edge.link.pull_out()
    assert read(edge, market)[:2] == (200, "HIT")
    response = edge.cache.get("/archive/", headers=FORWARDED)
    assert response.status == 503
    assert response.header("Retry-After") == "30"
    assert "back shortly" in response.body.decode()
    edge.link.plug_in()
