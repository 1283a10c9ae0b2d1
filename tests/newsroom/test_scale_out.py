"""Two application servers sharing one PostgreSQL and one Redis serve one newsroom.

Starts two gunicorn instances exactly as production does (DEBUG off, collected static files,
JSON logs), signs in and writes through the first, reads through the second, edits through
the first and sees the edit through the second on its next page, as it sees the story
unpublished and published again on the first, though pages are stored for minutes; then pulls the
database link out from under them (as a PostgreSQL restart does) and plugs it back in. The
servers listen on ports the operating system hands out, so other work on the machine cannot
collide with them. Skipped when PostgreSQL or Redis is missing, unless
NEWSROOM_REQUIRE_SERVICES=1 (CI sets it) turns the skip into a failure.
"""

import json
import os
import re

import pytest

from tests.newsroom_servers import (
    PASSWORD,
    STARTUP_SECONDS,
    Browser,
    Newsroom,
    csrf_token,
    services_up,
    signed_in,
    status_of,
    story_form,
)
from tests.production_env import wait_until

pytestmark = pytest.mark.skipif(
    not services_up() and os.environ.get("NEWSROOM_REQUIRE_SERVICES") != "1",
    reason="needs PostgreSQL and Redis on 127.0.0.1",
)


@pytest.fixture
def newsroom(tmp_path):
    site = Newsroom(tmp_path)
    try:
        site.set_up()
        site.first, site.second = site.start(), site.start()
        site.author_and_section = json.loads(
            site.shell(
                "import json; from accounts.models import User; "
                "from articles.models import Author, Section; "
                "User.objects.create_superuser(email='chief@newsroom.test', "
                f"password={PASSWORD!r}, full_name='Chief Editor'); "
                "author = Author.objects.create(name='Nadia Noori'); "
                "section = Section.objects.create(name='National', slug='national'); "
                "print(json.dumps([author.pk, section.pk]))"
            )
        )
        yield site
    finally:
        site.tear_down()


def a_story_written_on_one_server_is_read_and_updated_on_the_other(newsroom):
    author, section = newsroom.author_and_section
    desk = signed_in(newsroom.first)

    _, _, form = desk.request(f"{newsroom.first}/admin/articles/article/add/")
    status, headers, _ = desk.request(
        f"{newsroom.first}/admin/articles/article/add/",
        story_form(form, headline="Grain prices hold steady", author=author, section=section),
    )
    assert status == 302
    story_id = re.search(r"/article/(\d+)/change/", headers["Location"]).group(1)

    # The editor approves it on the first server, as the change form's "Approve" button does.
    change_url = f"{newsroom.first}/admin/articles/article/{story_id}/change/"
    _, _, form = desk.request(change_url)
    status, _, _ = desk.request(
        f"{newsroom.first}/admin/articles/article/{story_id}/transition/",
        {"csrfmiddlewaretoken": csrf_token(form), "_transition": "approve"},
    )
    assert status == 302
    story_url = newsroom.shell(
        "from articles.models import Article; "
        f"print(Article.objects.get(pk={story_id}).get_absolute_url())"
    )

    status, _, page = Browser().request(f"{newsroom.second}{story_url}")
    assert status == 200
    assert "Grain prices hold steady" in page

    _, _, form = desk.request(change_url)
    status, _, _ = desk.request(
        change_url,
        story_form(
            form,
            headline="Grain prices rise in the north",
            author=author,
            section=section,
            slug=story_url.rstrip("/").rsplit("/", 1)[-1],
        ),
    )
    assert status == 302

    # The other server's very next page shows the edit, though its pages are stored for
    # minutes: the edit moved the versions of what those pages show, in the shared Redis.
    status, _, page = Browser().request(f"{newsroom.second}{story_url}")
    assert status == 200
    assert "Grain prices rise in the north" in page


def a_step_on_one_server_shows_on_the_others_next_page(newsroom):
    """Unpublished and published again on the first server; read on the second at once."""
    desk = signed_in(newsroom.first)
    story_id, story_url = newsroom.shell(
        "from articles.models import Article; "
        "story = Article.objects.published().latest('pk'); "
        "print(story.pk, story.get_absolute_url())"
    ).split()
    change_url = f"{newsroom.first}/admin/articles/article/{story_id}/change/"
    reader = Browser()
    assert "Grain prices rise" in reader.request(f"{newsroom.second}/")[2]

    for step, comment in (("unpublish", "Checking a figure"), ("approve", "")):
        _, _, form = desk.request(change_url)
        status, _, _ = desk.request(
            f"{newsroom.first}/admin/articles/article/{story_id}/transition/",
            {
                "csrfmiddlewaretoken": csrf_token(form),
                "_transition": step,
                "workflow_comment": comment,
            },
        )
        assert status == 302
        status, _, home = reader.request(f"{newsroom.second}/")
        story_status = reader.request(f"{newsroom.second}{story_url}")[0]
        if step == "unpublish":
            assert "Grain prices rise" not in home
            assert story_status == 404
        else:
            assert "Grain prices rise" in home
            assert story_status == 200


def a_session_from_one_server_is_valid_on_the_other(newsroom):
    desk = signed_in(newsroom.first)
    status, _, page = desk.request(f"{newsroom.second}/admin/")
    assert status == 200
    assert "<title>Desk |" in page


def both_servers_report_healthy_database_and_cache(newsroom):
    for base in (newsroom.first, newsroom.second):
        status, headers, body = Browser().request(f"{base}/healthz")
        assert status == 200
        assert json.loads(body) == {"status": "ok", "database": "ok", "cache": "ok"}


def static_files_have_hashed_names_and_are_cached_for_a_year(newsroom):
    _, _, login = Browser().request(f"{newsroom.first}/admin/login/")
    stylesheet = re.search(r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', login).group(1)
    status, headers, _ = Browser().request(f"{newsroom.second}{stylesheet}")
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]


def logs_are_json_lines_that_carry_the_request_id(newsroom):
    # The cache's probe asks every second: its requests would bury the readers'.
    assert Browser().request(f"{newsroom.second}/livez")[0] == 200
    status, headers, _ = Browser().request(f"{newsroom.second}/healthz")
    request_id = headers["X-Request-ID"]
    log_file = newsroom.logs[newsroom.second]
    # The access line is written after the response has gone out.
    wait_until(
        lambda: request_id in log_file.read_text(),
        within=STARTUP_SECONDS,
        waiting_for="the request's access line",
    )
    lines = [json.loads(line) for line in log_file.read_text().splitlines() if line]
    access = [line for line in lines if line.get("request_id") == request_id]
    assert access, "the request's access line is missing"
    assert access[0]["logger"] == "gunicorn.access"
    assert all({"time", "level", "logger", "message"} <= set(line) for line in lines)
    assert not [line for line in lines if "/livez" in line["message"]]


def both_servers_ride_out_a_database_restart(newsroom):
    servers_before = [server.pid for server in newsroom.servers]
    newsroom.link.pull_out()
    for base in (newsroom.first, newsroom.second):
        status, headers, page = Browser().request(f"{base}/")
        assert status == 503
        assert headers["Retry-After"] == "30"
        assert "back shortly" in page
        assert Browser().request(f"{base}/healthz")[0] == 503

    newsroom.link.plug_in()
    for base in (newsroom.first, newsroom.second):
        wait_until(
            lambda base=base: status_of(f"{base}/") == 200,
            within=STARTUP_SECONDS,
            waiting_for=f"{base} to serve the home page again",
        )
    # Recovered by themselves: the same processes, none restarted.
    assert [server.pid for server in newsroom.servers] == servers_before
    assert all(server.poll() is None for server in newsroom.servers)


def test_two_servers_share_one_newsroom(newsroom):
    """One test, so that the servers start once for all the checks."""
    both_servers_report_healthy_database_and_cache(newsroom)
    a_story_written_on_one_server_is_read_and_updated_on_the_other(newsroom)
    a_step_on_one_server_shows_on_the_others_next_page(newsroom)
    a_session_from_one_server_is_valid_on_the_other(newsroom)
    static_files_have_hashed_names_and_are_cached_for_a_year(newsroom)
    logs_are_json_lines_that_carry_the_request_id(newsroom)
    both_servers_ride_out_a_database_restart(newsroom)
