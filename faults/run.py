"""``make faults``: readers keep being served while the servers around the site fail.

Starts a PostgreSQL cluster and a Redis of its own on free ports, a small seeded newsroom,
two gunicorn instances as production runs them (DEBUG off, collected static files), the
shipped Varnish in front of them and the shipped nginx in front of Varnish; then, under a
steady reader load, restarts and stops PostgreSQL, stops and freezes Redis and kills a
gunicorn worker, one after the other. Results go to
``faults/results/latest.json`` and to the table in ``docs/reliability.md``; the exit status
is 1 when readers saw a 500, a 502/504 from nginx or no answer at all, 2 when the harness
could not set itself up.

Settings come from the environment: FAULTS_HOLD_SECONDS (10), FAULTS_CONNECTIONS (4),
FAULTS_RATE (40 requests a second in all), FAULTS_STORIES (300), FAULTS_BASELINE_SECONDS (5).
"""

import json
import os
import shutil
import signal
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import machine
from benchmarks.config import ROOT, Config
from benchmarks.report import write_document
from benchmarks.servers import WORKERS, Application
from faults import report, scenarios
from faults.readers import ReaderLoad, Target
from faults.servers import PostgresCluster, RedisServer, SetupError
from hosting import nginx, varnish
from tests.production_env import free_port, wait_until

RESULTS = ROOT / "faults" / "results"
DOCUMENT = ROOT / "docs" / "reliability.md"
# The whole run, set-up included, stays within five minutes: a scenario that could end after
# this many seconds, every wait running to its limit, is left out and reported as not run.
BUDGET_SECONDS = 270
DATABASE = "newsroom_faults"

# Production's settings, with the benchmark's ceiling page off.
APP_ENVIRONMENT = {"BENCHMARK_CEILING": "0"}
# deploy/nginx.conf asks the servers behind it and Varnish to run with these.
BEHIND_THE_EDGE = {
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_PROXY_SSL_HEADER": "1",
    "TRUSTED_PROXY_COUNT": "2",
}
# Varnish keeps tagged pages 5 s instead of a day (nobody edits here to purge them), so that
# its copies expire within a fault of a few seconds, as they do within a long outage in
# production, and its stale copies are put to the test.
SHORT_LIVED_PAGES = {"set beresp.ttl = 1d;": "set beresp.ttl = 5s;"}


def say(message: str) -> None:
    print(f"[faults {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def setting(name: str, default: float) -> float:
    return float(os.environ.get(name) or default)


def keep_logs(*logs: Path) -> None:
    """Copy the servers' logs next to the results, for reading after the folders are gone."""
    kept = RESULTS / "logs"
    shutil.rmtree(kept, ignore_errors=True)
    kept.mkdir(parents=True)
    for log in logs:
        if log.exists():
            shutil.copy(log, kept / log.name)


def prepared_application(
    postgres: PostgresCluster, redis: RedisServer, workdir: Path, stories: int
) -> Application:
    """A migrated database with ``stories`` seeded stories and the collected static files."""
    postgres.create_database(DATABASE)
    app = Application(Config(postgres_url=postgres.url, redis_url=redis.url), DATABASE, workdir)
    app.manage("migrate", "--no-input", "-v0")
    app.manage("seed_articles", str(stories), "--seed=1")
    app.manage("collectstatic", "--no-input", "-v0")
    app.manage("prepare_stories")
    return app


def addresses(app: Application, workdir: Path) -> list[str]:
    output = workdir / "addresses.json"
    app.run("-m", "faults.addresses", str(output))
    return json.loads(output.read_text())


def run_faults(stack: ExitStack, workdir: Path, started: float) -> dict:
    hold = setting("FAULTS_HOLD_SECONDS", 10)
    connections = int(setting("FAULTS_CONNECTIONS", 4))
    rate = setting("FAULTS_RATE", 40)
    stories = int(setting("FAULTS_STORIES", 300))

    postgres = PostgresCluster(free_port())
    stack.callback(postgres.destroy)
    logs = [
        postgres.log,
        workdir / "redis" / "redis.log",
        workdir / "nginx" / "error.log",
        workdir / "varnish" / "varnishd.log",
    ]
    stack.callback(lambda: keep_logs(*logs, *(workdir / "app").glob("gunicorn-*.log")))
    say(f"PostgreSQL cluster on 127.0.0.1:{postgres.port} in {postgres.folder}")
    postgres.initialise()
    postgres.start()
    (workdir / "redis").mkdir()
    redis = RedisServer(free_port(), workdir / "redis")
    stack.callback(redis.stop)
    redis.start()
    wait_until(redis.answers, within=10, waiting_for="Redis to start")
    say(f"Redis on 127.0.0.1:{redis.port}; migrating and seeding {stories} stories")
    app = prepared_application(postgres, redis, workdir / "app", stories)
    paths = addresses(app, workdir)

    proxied = nginx.available() and varnish.available()
    extra = APP_ENVIRONMENT | (BEHIND_THE_EDGE if proxied else {})
    servers = [stack.enter_context(app.server(extra, port=free_port())) for _ in range(2)]
    ports = [server.port for server in servers]
    if proxied:
        cache = stack.enter_context(
            varnish.varnish(workdir / "varnish", ports, vcl_changes=SHORT_LIVED_PAGES)
        )
        https_port = stack.enter_context(nginx.nginx(workdir / "nginx", cache.port)).https
        target = Target([https_port], tls=True)
        say(
            f"gunicorn on {ports}, Varnish on {cache.port}, nginx (deploy/) on "
            f"https://127.0.0.1:{https_port}"
        )
    else:
        target = Target(ports, tls=False)
        say(
            "nginx, openssl or Varnish is not installed: readers go straight to the gunicorn "
            f"instances on {ports}, and only a 500 fails the run."
        )

    load = ReaderLoad(target, paths, connections=connections, rate=rate)
    load.start()
    stack.callback(load.stop)
    wait_until(
        lambda: report.recovery_seconds(load.samples(), 0, run=scenarios.RECOVERY_RUN) is not None,
        within=60,
        waiting_for="the site to serve its readers before any fault",
    )
    windows = [scenarios.baseline(load, setting("FAULTS_BASELINE_SECONDS", 5))]
    skipped = []
    for fault in scenarios.faults(postgres, redis, servers[0], hold=hold):
        if time.monotonic() - started + scenarios.longest(fault) > BUDGET_SECONDS:
            skipped.append(fault)
            continue
        say(f"{fault.name}: {fault.what}")
        windows.append(scenarios.run_scenario(fault, load))
    load.stop()

    samples = load.samples()
    rows = [
        report.summarise(samples, window, run=scenarios.RECOVERY_RUN, proxied=proxied)
        for window in windows
    ]
    for fault in skipped:
        rows.append(report.not_run(fault.name, fault.what, budget=BUDGET_SECONDS))
    description = {
        k: v for k, v in machine.describe(f"{postgres.url}/postgres").items() if k != "wrk"
    }
    description |= {
        "redis": redis.version(),
        "nginx": nginx.version() if proxied else None,
        "varnish": varnish.version() if proxied else None,
    }
    return {
        "mode": "nginx and Varnish" if proxied else "gunicorn directly",
        "config": {
            "hold_seconds": hold,
            "connections": connections,
            "rate": rate,
            "stories": stories,
            "addresses": len(paths),
            "recovery_run": scenarios.RECOVERY_RUN,
            "workers": WORKERS,
        },
        "addresses": paths,
        "machine": description,
        "scenarios": rows,
        "failed": any(row["failures"] for row in rows),
    }


def stop_on_terminate(signal_number: int, frame) -> None:
    """Turn SIGTERM into an exit that runs every clean-up, so no server outlives the run."""
    sys.exit(128 + signal_number)


def main() -> int:
    signal.signal(signal.SIGTERM, stop_on_terminate)
    started = time.monotonic()
    date = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        with ExitStack() as stack:
            workdir = Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix="newsroom-faults-"))
            )
            results = {"date": date, **run_faults(stack, workdir, started)}
    except SetupError as missing:
        print(missing, file=sys.stderr)
        return 2
    results["elapsed_seconds"] = round(time.monotonic() - started)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    write_document(DOCUMENT, report.markdown(results), start=report.START, end=report.END)
    print()
    print(report.text_table(results["scenarios"]))
    print()
    for row in results["scenarios"]:
        for failure in row["failures"]:
            print(f"FAILED in {row['name']}: {failure}", file=sys.stderr)
    say(
        f"{'failed' if results['failed'] else 'passed'} in {results['elapsed_seconds']} s; "
        f"table written to {DOCUMENT.relative_to(ROOT)}, logs in "
        f"{(RESULTS / 'logs').relative_to(ROOT)}"
    )
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
