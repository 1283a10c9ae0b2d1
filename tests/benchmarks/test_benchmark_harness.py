"""The benchmark harness runs its own code path on a tiny archive (no timed assertions).

Only the part that needs the wrk load tool is skipped where wrk is not installed.
"""

import os
import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from benchmarks import load, report
from benchmarks.config import Config
from benchmarks.measure import measure
from benchmarks.pages import ADMIN_LIST, CEILING, READERS_PAGES, WIRE_PAGES, Page, resolve
from benchmarks.servers import Server
from wire.models import Subscriber
from wire.versions import record_missing

WRK_REPORT = """\
Running 10s test @ http://127.0.0.1:8116/
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.12ms    1.20ms  20.00ms   90.00%
    Req/Sec   780.00     20.00   850.00     70.00%
  Latency Distribution
     50%    4.90ms
     75%    5.50ms
     90%    6.20ms
     99%    1.02s
  7800 requests in 10.01s, 50.00MB read
  Socket errors: connect 0, read 7800, write 0, timeout 2
  Non-2xx or 3xx responses: 5
Requests/sec:    779.22
Transfer/sec:      5.00MB
"""


class InProcessServer(Server):
    """The test's live server runs in this process, on SQLite: no workers or backends apart."""

    def workers(self) -> list[int]:
        return [os.getpid()]


@pytest.fixture
def tiny_archive(db):
    # One process: seeding forks its workers, and a live server's thread may be running here.
    call_command("seed_articles", 30, seed=3, jobs=1)


def test_wrk_report_is_read_into_throughput_latency_and_errors():
    result = load.parse_wrk_output(WRK_REPORT)

    assert result.requests == 7800
    assert result.requests_per_second == pytest.approx(779.22)
    assert result.p50_ms == pytest.approx(4.9)
    assert result.p99_ms == pytest.approx(1020)
    # Five bad answers and two timeouts; read errors are closed connections, not failures.
    assert result.errors == 7
    assert not result.ok


def test_text_that_is_not_a_wrk_report_is_refused():
    with pytest.raises(ValueError, match="Not a wrk"):
        load.parse_wrk_output("unable to connect to 127.0.0.1:8116 Connection refused")


def test_cpu_time_is_counted_per_process_and_newcomers_count_from_zero():
    before = {100: 40, 200: 7, 300: 12}
    # 100 worked 25 ticks, 200 stood idle, 300 has gone and 400 started in between.
    after = {100: 65, 200: 7, 400: 5}

    milliseconds = load.cpu_milliseconds_between(before, after)

    assert milliseconds == pytest.approx(30 * 1000 / load.CLOCK_TICKS_PER_SECOND)


def test_cpu_time_of_this_process_read_from_proc_matches_the_work_done():
    tick_ms = 1000 / load.CLOCK_TICKS_PER_SECOND
    before = load.cpu_snapshot([os.getpid()])
    started = time.process_time()
    # A fixed amount of CPU work (not of wall-clock time), many ticks long.
    while time.process_time() - started < 0.3:
        sum(number * number for number in range(10_000))
    worked_ms = (time.process_time() - started) * 1000
    after = load.cpu_snapshot([os.getpid()])

    measured_ms = load.cpu_milliseconds_between(before, after)

    # /proc counts whole ticks and may lag the clock by one, so allow a few either way.
    assert measured_ms > 0
    assert measured_ms == pytest.approx(worked_ms, rel=0.1, abs=3 * tick_ms)


def test_memory_of_this_process_is_read_from_proc_and_grows_with_what_it_holds():
    before = load.resident_megabytes(os.getpid())
    held = bytearray(64 * 1024 * 1024)  # zero-filled, so every page is touched and resident
    during = load.resident_megabytes(os.getpid())

    # A Python process with Django loaded holds tens of megabytes; 64 more show up at once.
    assert before > 10
    assert during - before >= 56
    del held


def test_a_process_that_has_gone_costs_nothing_and_has_no_memory():
    gone = 2**22 + 12345  # above Linux's largest process id

    assert load.cpu_ticks(gone) == 0
    assert load.resident_megabytes(gone) is None


def test_pages_resolve_from_the_seeded_archive_and_missing_ones_say_why(tiny_archive):
    paths = {page.name: resolve(page) for page in READERS_PAGES}

    assert paths["home"] == ("/", "")
    story_path, _ = paths["story"]
    assert Article.objects.published().filter(slug=story_path.rstrip("/").split("/")[-1])
    missing, reason = resolve(Page("gone", lambda: reverse("articles:gone")))
    assert missing is None
    assert "no such address" in reason


def test_unavailable_page_is_reported_not_measured(tiny_archive, live_server):
    server = InProcessServer(int(live_server.url.rsplit(":", 1)[1]), master_pid=os.getpid())

    figures = measure(server, "/no-such-page/", Config(seconds=1), headers={})

    assert figures == {"path": "/no-such-page/", "reason": "answered HTTP 404"}


@pytest.mark.skipif(load.wrk_path() is None, reason="wrk is not installed (apt-get install wrk)")
def test_live_page_is_loaded_with_wrk_and_its_cost_read(tiny_archive, live_server):
    server = InProcessServer(int(live_server.url.rsplit(":", 1)[1]), master_pid=os.getpid())
    # One connection: the test server shares one SQLite connection between its threads.
    config = Config(seconds=1, warmup_seconds=1, connections=1)

    cpu_before = time.process_time()

    figures = measure(server, "/", config, headers={})

    spent_ms = (time.process_time() - cpu_before) * 1000
    assert figures["requests"] > 0
    assert figures["errors"] == 0
    assert figures["p99_ms"] >= figures["p50_ms"] > 0
    # SQLite runs inside the server: no database backends to charge.
    assert figures["db_cpu_ms"] == 0
    # Serving the pages cost this process CPU time, no more than it spent in all (warm-up
    # included), give or take the tick /proc counts in.
    served_ms = figures["app_cpu_ms"] * figures["requests"]
    assert 0 < served_ms <= spent_ms + 2 * 1000 / load.CLOCK_TICKS_PER_SECOND


def test_wire_pages_wait_for_the_seeded_stories_items(tiny_archive):
    # Seeding stores stories without the saves the wire hears: record_wire_items makes them.
    changes = WIRE_PAGES[1]
    assert resolve(changes) == (None, "nothing to show in the seeded archive")

    record_missing()

    path, reason = resolve(changes)
    assert path.startswith("/wire/v1/items?since=")
    assert reason == ""


def test_wire_pages_are_asked_for_with_the_subscribers_key_and_fill_a_page(tiny_archive, client):
    from benchmarks import prepare
    from benchmarks.pages import WIRE_PAGE_SIZE

    record_missing()

    pages = prepare.addresses()["pages"]

    for name in ("wire items", "wire changes"):
        page = pages[name]
        assert page["headers"]["Authorization"].startswith("Bearer nrw_")
        # Private to the key: the page store never serves it, so it is never measured cached.
        assert page["page_store"] is False
        response = client.get(page["path"], headers=page["headers"])
        assert response.status_code == 200, response.content
        answer = response.json()
        assert len(answer["items"]) == WIRE_PAGE_SIZE
        assert answer["has_more"] is True
    assert pages["home"]["headers"] == {}
    assert pages["home"]["page_store"] is True
    assert pages["admin list"]["headers"]["Cookie"].startswith(f"{settings.SESSION_COOKIE_NAME}=")
    subscriber = Subscriber.objects.get(name=prepare.SUBSCRIBER_NAME)
    assert subscriber.requests_per_minute == prepare.UNLIMITED_RATE


def test_each_run_gives_the_subscriber_a_new_key_and_drops_the_old_one(tiny_archive, client):
    from benchmarks import prepare

    record_missing()
    path = WIRE_PAGES[0].path()
    earlier, latest = prepare.subscriber_key(), prepare.subscriber_key()

    assert client.get(path, headers={"Authorization": f"Bearer {earlier}"}).status_code == 401
    assert client.get(path, headers={"Authorization": f"Bearer {latest}"}).status_code == 200
    assert Subscriber.objects.filter(name=prepare.SUBSCRIBER_NAME).count() == 1


@pytest.mark.skipif(load.wrk_path() is None, reason="wrk is not installed (apt-get install wrk)")
def test_wire_page_is_loaded_with_wrk_carrying_the_key(tiny_archive, live_server):
    from benchmarks import prepare

    record_missing()
    server = InProcessServer(int(live_server.url.rsplit(":", 1)[1]), master_pid=os.getpid())
    headers = {"Authorization": f"Bearer {prepare.subscriber_key()}"}
    config = Config(seconds=1, warmup_seconds=1, connections=1)

    figures = measure(server, WIRE_PAGES[0].path(), config, headers=headers)

    # Without the key every answer would be a 401, which wrk counts as an error.
    assert figures["requests"] > 0
    assert figures["errors"] == 0


def test_bench_pages_chooses_pages_by_name_or_by_first_word(monkeypatch):
    names = [page.name for page in [CEILING, *READERS_PAGES, *WIRE_PAGES, ADMIN_LIST]]
    monkeypatch.setenv("BENCH_PAGES", "wire, home")

    config = Config.from_environment()

    assert config.partial
    # The ceiling is always measured: every page is reported as a share of it.
    assert [name for name in names if config.measures(name)] == [
        "ceiling",
        "home",
        "wire items",
        "wire changes",
    ]
    monkeypatch.delenv("BENCH_PAGES")
    everything = Config.from_environment()
    assert not everything.partial
    assert all(everything.measures(name) for name in names)


def test_editor_saves_a_story_with_twenty_tags_through_the_admin_form(tiny_archive):
    from benchmarks.writing import TAGS_PER_SAVE, save_with_tags_timings

    timings = save_with_tags_timings(2)

    assert timings["count"] == 2, timings
    first = Article.objects.published().order_by("pk").first()
    assert first.tags.count() == TAGS_PER_SAVE


def sample_results() -> dict:
    def page(rate: float, p50: float) -> dict:
        return {
            "requests_per_second": rate,
            "p50_ms": p50,
            "p99_ms": p50 * 3,
            "errors": 0,
            "app_cpu_ms": 2.0,
            "db_cpu_ms": 0.5,
        }

    def size(stories: int, home_p50: float) -> dict:
        pages = {"ceiling": page(1000, 1), "home": page(400, home_p50), "tag": {"reason": "x"}}
        return {
            "stories": stories,
            "modes": {
                "uncached": pages,
                "cached": pages | {"home": page(900, 1)},
                "cold": pages | {"home": page(100, home_p50 * 3)},
            },
            "admin list": page(50, 20),
        }

    return {
        "date": "2026-11-29T10:00:00+00:00",
        "elapsed_seconds": 600,
        "config": {"seconds": 10, "connections": 4, "workers": 2},
        "machine": {
            "commit": "abc1234",
            "cpus": 2,
            "cpu_model": "Test CPU",
            "memory_gb": 8,
            "kernel": "6.1",
            "python": "3.13.0",
            "django": "6.1.3",
            "gunicorn": "27.0.1",
            "postgresql": "15.20",
            "wrk": "wrk 4.1.0 [epoll]",
        },
        "sizes": {"1000": size(1000, 4.0), "100000": size(100000, 6.0)},
    }


def test_report_shows_ratios_to_the_ceiling_verdicts_and_missing_pages():
    text = report.render(sample_results())

    assert "| home | 400 | 0.40 (yes) | 4.0 |" not in text  # verdicts only for the large archive
    assert "| home | 400 | 0.40 | 4.0 |" in text
    assert "| home | 400 | 0.40 (yes) | 6.0 |" in text
    assert "0.90 (yes)" in text
    assert "| tag | not available |" in text
    assert "| home | 12.0 | 18.0 | 1.50 (**no**) | ≤ 1.3 |" in text  # scale compares cold pages
    cold = text.split("Cold (")[1].split("\n\n")[1]
    assert "| home | 100 | 0.10 | 12.0 |" in cold


def test_wire_rows_have_a_target_and_no_cached_figures():
    results = sample_results()
    for size in results["sizes"].values():
        modes = size["modes"]
        wire = modes["uncached"]["home"] | {"requests_per_second": 500}
        modes["uncached"] = modes["uncached"] | {"wire items": wire}
        modes["cached"] = modes["cached"] | {"wire items": {"reason": report.NOT_STORED}}
        modes["cold"] = modes["cold"] | {"wire items": wire}

    text = report.render(results)

    assert "| wire items | 500 | 0.50 (yes) | 6.0 | 18.0 | 2.0 | 0.5 | never stored |" in text
    assert "| wire items | 500 | 0.50 | 4.0 | 12.0 | 2.0 | 0.5 | never stored |" in text
    cold = text.split("Cold (")[1].split("\n\n")[1]
    assert "| wire items | 500 | 0.50 | 4.0 |" in cold


def test_page_is_compared_with_the_ceiling_as_it_ran_around_it():
    """The machine slowed down: the ceiling loaded next to the page ran at 1,250, not 1,000."""
    results = sample_results()
    cached = results["sizes"]["100000"]["modes"]["cached"]
    cached["home"] = cached["home"] | {"ceiling_requests_per_second": 1250}

    text = report.render(results)

    assert "| 900 | 0.72 (**no**) |" in text
    assert "| 900 | 0.90 (yes) |" not in text


def test_report_replaces_only_the_generated_part_of_the_document(tmp_path):
    document = tmp_path / "benchmarks.md"
    document.write_text(f"# Benchmarks\n\nIntro.\n\n{report.START}\nold\n{report.END}\n\nNotes.\n")

    report.write_document(document, "new table\n")

    text = document.read_text()
    assert text.startswith("# Benchmarks\n\nIntro.\n")
    assert "new table" in text
    assert "old" not in text
    assert text.endswith("\n\nNotes.\n")


def day_results(*scenarios: dict, **extra) -> dict:
    """A newsroom day's results as the harness saves them, with these scenarios."""
    return {
        "date": "2026-12-02T13:00:00+00:00",
        "stories": 100_000,
        "connections": 64,
        "seconds": 30,
        "machine": {"cpu_model": "Test CPU"},
        "scenarios": list(scenarios),
        **extra,
    }


def test_newsroom_day_reports_each_scenario_against_the_quiet_one():
    from benchmarks.newsroom_day import markdown

    quiet = {"requests_per_second": 800.0, "p50_ms": 20.0, "p95_ms": 100.0, "errors": 0}
    busy = {"requests_per_second": 200.0, "p50_ms": 90.0, "p95_ms": 400.0, "errors": 3}
    results = day_results(
        {"name": "nobody editing", **quiet, "editor": {}},
        {"name": "a step every second", **busy, "editor": {"publish": 6, "save_draft": 12}},
    )

    text = markdown(results)

    assert "| nobody editing | 800 | 1.00 | 20.0 | 100.0 | 1.00 | 0 | none |" in text
    assert (
        "| a step every second | 200 | 0.25 | 90.0 | 400.0 | 4.00 | 3 | publish 6, save_draft 12 |"
        in text
    )


def test_newsroom_day_script_walks_every_address(tmp_path):
    from benchmarks.newsroom_day import wrk_script

    script = wrk_script(["/", "/search/?q=wheat", '/tag/"quoted"/'], tmp_path).read_text()

    assert 'paths = {"/", "/search/?q=wheat", "/tag/\\"quoted\\"/"}' in script
    assert "latency:percentile(95)" in script


def test_edge_day_reports_how_soon_readers_got_each_change():
    from benchmarks.edge_day import markdown

    row = {"requests_per_second": 20_000.0, "p50_ms": 1.0, "p95_ms": 2.0, "errors": 0}
    results = day_results(
        {"name": "nobody editing", **row, "hit_ratio": 1.0, "editor": {}, "seen_after": {}},
        {
            "name": "a step every 5 s",
            **row,
            "hit_ratio": 0.999,
            "editor": {"publish": 3, "unpublish": 2},
            "seen_after": {
                "published": [
                    {"step": 0.3, "seen": 0.2},
                    {"step": 0.5, "seen": 0.1},
                    {"step": 0.4, "seen": 0.4},
                ],
                "unpublished": [{"step": 0.25, "seen": 0.05}, {"step": 0.35, "seen": None}],
            },
        },
        static_requests_per_second=25_000.0,
    )

    text = markdown(results)

    assert "| a step every 5 s | 20000 | 0.80 | 0.999 | 1.0 | 2.0 | 0 |" in text
    assert (
        "| a step every 5 s | 400 / 500 | 200 / 400 | 300 / 350 "
        "| 50 / 50 (1 of 2 not within 10 s) |" in text
    )
    assert "| nobody editing | none |" not in text
