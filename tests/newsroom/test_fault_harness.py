"""The fault harness's arithmetic and verdicts (faults/report.py), without starting a server.

`make faults` itself starts PostgreSQL, Redis, gunicorn and nginx; these tests pin what it
concludes from the readers' samples, and how it adapts the shipped nginx configuration.
"""

import pytest

from benchmarks.report import write_document
from faults.readers import reader_path
from faults.report import (
    END,
    START,
    Sample,
    Window,
    failures,
    not_run,
    percentile,
    recovery_seconds,
    summarise,
    text_table,
)
from hosting.nginx import Ports, site_config
from tests.production_env import PROJECT_ROOT


def answered(at: float, status: int | None, *, cache: str = "", took: float = 0.01) -> Sample:
    error = "ConnectionRefusedError" if status is None else ""
    return Sample(at, at + took, "/", status=status, error=error, cache=cache)


def test_percentile_is_the_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.95) == 95
    assert percentile([7.0], 0.95) == 7
    assert percentile([], 0.5) is None


def test_recovery_is_measured_from_the_faults_end_to_the_first_of_a_run_of_200s():
    samples = [
        answered(9.0, 503),
        answered(10.2, 503),
        answered(10.5, 200),
        answered(10.6, 503),
        *(answered(11.0 + n / 10, 200) for n in range(3)),
    ]
    # The first 200 after the fault is broken off by a 503; the run that counts starts at 11.
    assert recovery_seconds(samples, 10.0, run=3) == pytest.approx(1.01)


def test_no_recovery_while_the_run_of_200s_is_not_complete():
    samples = [answered(10.0 + n / 10, 200) for n in range(2)]
    assert recovery_seconds(samples, 10.0, run=3) is None


def test_answers_from_nginxs_cache_neither_count_towards_recovery_nor_break_it():
    samples = [
        answered(10.1, 200),
        answered(10.2, 200, cache="STALE"),
        answered(10.3, 200, cache="HIT"),
        answered(10.4, 200, cache="MISS"),
    ]
    assert recovery_seconds(samples, 10.0, run=2) == pytest.approx(0.11)
    assert recovery_seconds(samples[1:3], 10.0, run=1) is None


def test_errors_break_the_run_of_200s():
    samples = [answered(10.1, 200), answered(10.2, None), answered(10.3, 200)]
    assert recovery_seconds(samples, 10.0, run=2) is None


def test_a_scenario_owns_the_answers_that_came_back_while_it_ran():
    samples = [
        answered(0.5, 200),
        # Started before the scenario, cut off by its fault: counts against the fault.
        answered(0.9, 503, took=0.2),
        answered(1.0, 200, cache="STALE", took=0.1),
        # An expired copy while another request refreshes it: not counted as stale.
        answered(1.5, 200, cache="UPDATING"),
        answered(2.0, None),
        # Answered after the scenario: the next one's.
        answered(2.95, 200, took=0.1),
    ]
    window = Window("PostgreSQL down", "stop", started=1.0, ended=3.0, fault_ended=2.5)
    row = summarise(samples, window, run=1, proxied=True)
    assert row["requests"] == 4
    assert row["statuses"] == {"200": 2, "503": 1}
    assert row["stale_copies"] == 1
    assert row["errors"] == {"ConnectionRefusedError": 1}
    assert row["max_ms"] == pytest.approx(200)
    # The 503 came without Retry-After: noted, not failed.
    assert row["notes"] == ["1 × 503 without Retry-After"]
    assert row["recovery_seconds"] is None
    assert row["failures"] == ["1 × no answer", "did not recover"]


def test_behind_nginx_any_5xx_but_503_fails_and_says_how_many():
    row = {"statuses": {"200": 40, "500": 1, "502": 3, "503": 9, "504": 1}, "errors": {}}
    row["recovery_seconds"] = 1.5
    assert failures(row, proxied=True, faulted=True) == ["1 × 500", "3 × 502", "1 × 504"]


def test_straight_to_gunicorn_only_a_500_fails():
    row = {"statuses": {"200": 40, "500": 2, "502": 3}, "errors": {"ConnectionResetError": 1}}
    row["recovery_seconds"] = None
    assert failures(row, proxied=False, faulted=True) == ["2 × 500"]


def test_a_fault_the_harness_could_not_cause_fails_the_run_even_without_nginx():
    window = Window("Redis frozen", "SIGSTOP", started=0, ended=1, fault_ended=0.5)
    window.harness_error = "the harness could not cause or end the fault: no such process"
    row = summarise([answered(0.2, 200)], window, run=1, proxied=False)
    assert row["failures"] == [window.harness_error]


def test_a_scenario_left_out_for_time_fails_the_run():
    row = not_run("Redis frozen 10 s", "SIGSTOP", budget=270)
    assert row["requests"] == 0
    assert row["failures"] == ["not run: it could have outlasted the run's 270 s"]
    assert "FAIL: not run" in text_table([row])


def test_every_other_reader_request_is_one_no_cache_has_seen():
    paths = ["/", "/search/?q=wheat", "/tag/economy/?page=2"]
    assert reader_path(paths, 0, 0) == "/"
    assert reader_path(paths, 0, 1) == "/search/?q=wheat+r0n1"
    assert reader_path(paths, 1, 1) == "/tag/economy/?page=2&reader=1-1"
    assert reader_path(paths, 2, 1) == "/?reader=2-1"


def test_the_shipped_nginx_configuration_points_at_the_harnesss_cache(tmp_path):
    shipped = (PROJECT_ROOT / "deploy" / "nginx.conf").read_text()
    config = site_config(shipped, tmp_path, Ports(http=8081, https=4431), upstream=9001)
    assert "server 127.0.0.1:9001;" in config
    assert "127.0.0.1:6081" not in config
    assert "listen 127.0.0.1:4431 ssl http2;" in config
    assert str(tmp_path / "cert.pem") in config
    assert "listen [::]" not in config
    # Everything else readers depend on (retries, timeouts, the cache) is kept as shipped.
    machine_specific = (
        "listen",
        "ssl_certificate",
        "proxy_cache_path",
        "alias",
        "127.0.0.1:",
        "return 301 https:",
    )
    kept = [line for line in shipped.splitlines() if not any(w in line for w in machine_specific)]
    assert set(kept) <= set(config.splitlines())


def test_a_changed_nginx_configuration_is_reported_instead_of_run_half_adapted(tmp_path):
    with pytest.raises(ValueError, match="no longer contains"):
        site_config("upstream x {}", tmp_path, Ports(http=8081, https=4431), upstream=9001)


def test_the_document_keeps_its_words_around_the_generated_table(tmp_path):
    document = tmp_path / "reliability.md"
    document.write_text(f"# Title\n\nWords.\n\n{START}\nold\n{END}\n\nAfter.\n")
    write_document(document, "new\n", start=START, end=END)
    assert document.read_text() == f"# Title\n\nWords.\n\n{START}\nnew\n{END}\n\nAfter.\n"
