"""``make bench-day``: readers spread over the archive while an editor works.

``make bench`` loads one address at a time with nobody editing, which flatters any cache.
Here two gunicorn instances and the background worker, as production serves them (page store on),
share 64 connections over the mix of addresses ``newsroom_work.addresses`` draws (home,
sections, newest stories, a long tail of old ones, tags, authors, searches, feeds), first
with nobody editing, then while an editor saves drafts every second, then while an editor
takes a step every 5 seconds and every second (drafts saved, stories published, corrected
and unpublished; ``newsroom_work.edit``). A story the editor unpublishes answers 404 to the
readers who still ask for it: those count among the non-2xx answers.
The caches start empty and are warmed by the same mix for twice BENCH_DAY_SECONDS with
nobody editing; the scenarios then follow one another as a day would, each finding the caches the
one before left. Throughput and the 95th percentile latency of each
scenario go to ``docs/benchmarks.md``, beside the share of the quiet throughput.

Settings: BENCH_DAY_SIZE (100000 stories), BENCH_DAY_SECONDS (30 per scenario),
BENCH_DAY_CONNECTIONS (64 in all), and the ``make bench`` settings in ``config.py``.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import load, machine
from benchmarks.archives import forget_cached_pages, seeded_application
from benchmarks.config import ROOT, say
from benchmarks.report import write_document
from benchmarks.run import run_settings
from benchmarks.servers import WORKERS

RESULTS = ROOT / "benchmarks" / "results" / "newsroom-day.json"
DOCUMENT = ROOT / "docs" / "benchmarks.md"
START = "<!-- newsroom-day:start (written by make bench-day; edit outside these markers) -->"
END = "<!-- newsroom-day:end -->"
# (label, seconds between the editor's steps or None for nobody editing, which steps)
SCENARIOS = [
    ("nobody editing", None, ""),
    ("drafts saved every second", 1.0, "drafts"),
    ("a step every 5 s", 5.0, "mixed"),
    ("a step every second", 1.0, "mixed"),
]
# wrk draws each request's path from the list and prints the 95th percentile it measured.
SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter * 7919) %% #paths + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("P95 %%d\\n", latency:percentile(95)))
end
"""


def wrk_script(paths: list[str], folder: Path) -> Path:
    """A wrk script that walks ``paths`` in a scattered order, a different start per thread."""
    script = folder / "newsroom-day.lua"
    script.write_text(SCRIPT % ", ".join(json.dumps(path) for path in paths))
    return script


def load_with_wrk(port: int, script: Path, *, seconds: int, connections: int) -> dict:
    command = [
        load.wrk_path() or "wrk",
        "--threads=1",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        "--latency",
        f"--script={script}",
        f"http://127.0.0.1:{port}/",
    ]
    completed = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 30
    )
    result = load.parse_wrk_output(completed.stdout)
    p95 = re.search(r"^P95 (\d+)$", completed.stdout, re.MULTILINE)
    return {
        "requests_per_second": result.requests_per_second,
        "p50_ms": result.p50_ms,
        "p95_ms": int(p95.group(1)) / 1000 if p95 else None,
        "errors": result.errors,
    }


def scenario(
    app, servers, script: Path, interval: float | None, mode: str, *, seconds: int
) -> dict:
    """Both instances loaded at once, the editor (if any) working alongside; their figures."""
    connections = int(os.environ.get("BENCH_DAY_CONNECTIONS", "64")) // len(servers)
    figures: dict = {}
    loads = [
        threading.Thread(
            target=lambda server=server: figures.setdefault(
                server.port,
                load_with_wrk(server.port, script, seconds=seconds, connections=connections),
            )
        )
        for server in servers
    ]
    for thread in loads:
        thread.start()
    editor = {}
    if interval is not None:
        editor = app.inside("newsroom_work", "edit", str(seconds - 1), str(interval), mode)
    for thread in loads:
        thread.join()
    per_server = list(figures.values())
    return {
        "requests_per_second": round(sum(f["requests_per_second"] for f in per_server), 1),
        "p50_ms": max(f["p50_ms"] for f in per_server),
        "p95_ms": max(f["p95_ms"] or 0 for f in per_server),
        "errors": sum(f["errors"] for f in per_server),
        "editor": editor.get("steps", {}),
    }


def markdown(results: dict) -> str:
    quiet = results["scenarios"][0]
    lines = [
        f"Newsroom day, {results['stories']:,} stories, {results['connections']} connections over "
        f"two instances of {WORKERS} workers, {results['seconds']} s a scenario "
        f"({results['date']}, {results['machine'].get('cpu_model') or 'this machine'}).",
        "",
        "| scenario | requests/s | share of quiet | p50 ms | p95 ms | p95 / quiet | non-2xx | "
        "editor's steps |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in results["scenarios"]:
        share = row["requests_per_second"] / quiet["requests_per_second"]
        slower = row["p95_ms"] / quiet["p95_ms"] if quiet["p95_ms"] else 0
        lines.append(
            f"| {row['name']} | {row['requests_per_second']:.0f} | {share:.2f} | "
            f"{row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {slower:.2f} | {row['errors']} | "
            f"{steps_taken(row)} |"
        )
    return "\n".join(lines) + "\n"


def steps_taken(row: dict) -> str:
    return ", ".join(f"{name} {count}" for name, count in row["editor"].items()) or "none"


def new_results() -> dict:
    """A run's settings as its report states them, before any scenario."""
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "stories": int(os.environ.get("BENCH_DAY_SIZE", "100000")),
        "seconds": int(os.environ.get("BENCH_DAY_SECONDS", "30")),
        "connections": int(os.environ.get("BENCH_DAY_CONNECTIONS", "64")),
        "scenarios": [],
    }


def day_application(config, results: dict, workdir: Path):
    """The seeded archive's application, and the wrk script of the readers' mix."""
    app = seeded_application(config, results["stories"], workdir)
    return app, wrk_script(app.inside("newsroom_work", "addresses")["paths"], workdir)


def save(results: dict, config, path: Path, table: str, *, start: str, end: str) -> None:
    """The figures as JSON in ``path`` and as a table in docs/benchmarks.md."""
    results["machine"] = machine.describe(f"{config.postgres_url}/postgres")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
    write_document(DOCUMENT, table(results), start=start, end=end)
    say(f"table written to {DOCUMENT.relative_to(ROOT)}")


def main() -> int:
    config = run_settings()
    if config is None:
        return 2
    results = new_results()
    with tempfile.TemporaryDirectory(prefix="newsroom-day-") as folder:
        app, script = day_application(config, results, Path(folder))
        ports = [config.port, config.port + 1]
        with (
            app.server({}, port=ports[0]) as first,
            app.server({}, port=ports[1]) as second,
            app.worker(),
        ):
            forget_cached_pages(config, app.database)
            say("warming the caches with the same mix, nobody editing")
            servers = [first, second]
            scenario(app, servers, script, None, "", seconds=2 * results["seconds"])
            for name, interval, mode in SCENARIOS:
                row = scenario(app, servers, script, interval, mode, seconds=results["seconds"])
                say(
                    f"{name}: {row['requests_per_second']:.0f} req/s, p95 {row['p95_ms']:.1f} ms"
                    f", {row['errors']} errors, editor {row['editor']}"
                )
                results["scenarios"].append({"name": name, **row})
        save(results, config, RESULTS, markdown, start=START, end=END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
