"""``make bench-edge``: the newsroom day through Varnish, as the cache in front serves it.

Two gunicorn instances and the background worker behind deploy/varnish/default.vcl in a real
varnishd, purging by surrogate key (``PURGE_BACKEND=varnish``); 64 connections over the mix of
addresses ``make bench-day`` uses, first with nobody editing, then while an editor takes a step
every 5 seconds and every second. For each scenario: throughput and latency through Varnish,
Varnish's hit ratio (hits over lookups, from varnishstat), and the throughput as a share of
Varnish serving one static file from its cache on the same machine with the same load, and
how long after the editor's click readers got each publication (the story on the home page)
and unpublication (its page gone) through Varnish.
The caches start empty and are warmed by the same mix with nobody editing.

Settings: BENCH_DAY_SIZE (100000 stories), BENCH_DAY_SECONDS (30 per scenario),
BENCH_DAY_CONNECTIONS (64), and the ``make bench`` settings in ``config.py``.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from benchmarks.archives import forget_cached_pages
from benchmarks.config import ROOT, say
from benchmarks.newsroom_day import (
    day_application,
    load_with_wrk,
    new_results,
    save,
    steps_taken,
    wrk_script,
)
from benchmarks.run import run_settings
from hosting.varnish import available, varnish

RESULTS = ROOT / "benchmarks" / "results" / "edge-day.json"
DOCUMENT = ROOT / "docs" / "benchmarks.md"
START = "<!-- edge-day:start (written by make bench-edge; edit outside these markers) -->"
END = "<!-- edge-day:end -->"
SCENARIOS = [
    ("nobody editing", None),
    ("a step every 5 s", 5.0),
    ("a step every second", 1.0),
]
VARNISHSTAT = shutil.which("varnishstat", path=f"{os.environ.get('PATH', '')}:/usr/sbin")
# What varnishstat counts for each request that looked in the cache.
LOOKUPS = ("MAIN.cache_hit", "MAIN.cache_miss", "MAIN.cache_hitmiss", "MAIN.cache_hitpass")


def counters(cache) -> dict[str, int]:
    listing = subprocess.run(  # noqa: S603 - fixed program, arguments of ours
        [VARNISHSTAT, "-n", str(cache.workdir), "-1", "-j"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    found = json.loads(listing.stdout)
    found = found.get("counters", found)
    return {name: found[name]["value"] for name in LOOKUPS if name in found}


def scenario(app, cache, script: Path, interval: float | None, *, seconds: int) -> dict:
    """Every connection through Varnish, the editor (if any) working alongside."""
    connections = int(os.environ.get("BENCH_DAY_CONNECTIONS", "64"))
    before = counters(cache)
    figures: dict = {}
    reader = threading.Thread(
        target=lambda: figures.update(
            load_with_wrk(cache.port, script, seconds=seconds, connections=connections)
        )
    )
    reader.start()
    editor = {}
    if interval is not None:
        editor = app.inside("newsroom_work", "edit", str(seconds - 1), str(interval), "mixed")
    reader.join()
    after = counters(cache)
    lookups = sum(after[name] - before.get(name, 0) for name in after)
    hits = after.get("MAIN.cache_hit", 0) - before.get("MAIN.cache_hit", 0)
    return {
        **figures,
        "hit_ratio": hits / lookups if lookups else None,
        "editor": editor.get("steps", {}),
        "seen_after": editor.get("seen_after", {}),
    }


def static_load(cache, script: Path, results: dict) -> float:
    """Requests per second of the static file through Varnish, under the scenarios' load."""
    figures = load_with_wrk(
        cache.port, script, seconds=results["seconds"], connections=results["connections"]
    )
    say(f"static file through Varnish: {figures['requests_per_second']:.0f} req/s")
    return figures["requests_per_second"]


def static_file(folder: Path) -> str:
    """The address of the site's stylesheet, as collectstatic named it."""
    manifest = json.loads((folder / "static" / "staticfiles.json").read_text())
    return f"/static/{manifest['paths']['css/site.css']}"


def markdown(results: dict) -> str:
    static = results["static_requests_per_second"]
    lines = [
        f"Through Varnish, {results['stories']:,} stories, {results['connections']} connections, "
        f"{results['seconds']} s a scenario ({results['date']}, "
        f"{results['machine'].get('cpu_model') or 'this machine'}). Varnish serving the site's "
        f"stylesheet (14 kB, smaller than a page) from its cache under the same load, before and "
        f"after the scenarios: {static:.0f} requests/s on average.",
        "",
        "| scenario | requests/s | share of static | hit ratio | p50 ms | p95 ms | non-2xx | "
        "editor's steps |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in results["scenarios"]:
        hit_ratio = f"{row['hit_ratio']:.3f}" if row["hit_ratio"] is not None else "n/a"
        lines.append(
            f"| {row['name']} | {row['requests_per_second']:.0f} | "
            f"{row['requests_per_second'] / static:.2f} | {hit_ratio} | {row['p50_ms']:.1f} | "
            f"{row['p95_ms'] or 0:.1f} | {row['errors']} | {steps_taken(row)} |"
        )
    lines += [
        "",
        "The editor's publications and unpublications, in ms: how long the step took, and how "
        "long after it readers got the change through Varnish (the story on the home page; "
        "its page answering 404), median / longest:",
        "",
        "| scenario | publishing: step | then on the home page | unpublishing: step "
        "| then its page 404 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in results["scenarios"]:
        if row.get("seen_after"):
            published, unpublished = (
                row["seen_after"]["published"],
                row["seen_after"]["unpublished"],
            )
            lines.append(
                f"| {row['name']} | {spread(published, 'step')} | {spread(published, 'seen')} | "
                f"{spread(unpublished, 'step')} | {spread(unpublished, 'seen')} |"
            )
    return "\n".join(lines) + "\n"


def spread(watched: list[dict], part: str) -> str:
    """Median and longest of one part of the watched steps, in ms, and how many never came."""
    seconds = sorted(step[part] for step in watched if step[part] is not None)
    if not seconds:
        return "never within 10 s" if watched else "none"
    text = f"{1000 * statistics.median(seconds):.0f} / {1000 * seconds[-1]:.0f}"
    missed = len(watched) - len(seconds)
    return f"{text} ({missed} of {len(watched)} not within 10 s)" if missed else text


def main() -> int:
    config = run_settings()
    if config is None:
        return 2
    if not (available() and VARNISHSTAT):
        print("Varnish is not installed (Debian: varnish varnish-modules).", file=sys.stderr)
        return 2
    results = new_results()
    seconds = results["seconds"]
    with tempfile.TemporaryDirectory(prefix="newsroom-edge-") as folder:
        workdir = Path(folder)
        app, script = day_application(config, results, workdir)
        ports = [config.port, config.port + 1]
        cache_port = config.port + 2
        app.environment |= {
            "PURGE_BACKEND": "varnish",
            "PURGE_URLS": f"http://127.0.0.1:{cache_port}/",
            "BENCH_WATCH_URL": f"http://127.0.0.1:{cache_port}/",
        }
        with (
            app.server({}, port=ports[0]),
            app.server({}, port=ports[1]),
            app.worker(),
            varnish(workdir / "varnish", ports, port=cache_port) as cache,
        ):
            forget_cached_pages(config, app.database)
            (workdir / "static-load").mkdir()
            static_script = wrk_script([static_file(workdir)], workdir / "static-load")
            say("warming the caches with the same mix, nobody editing")
            scenario(app, cache, script, None, seconds=2 * seconds)
            static = [static_load(cache, static_script, results)]
            for name, interval in SCENARIOS:
                row = scenario(app, cache, script, interval, seconds=seconds)
                say(
                    f"{name}: {row['requests_per_second']:.0f} req/s, hit ratio "
                    f"{row['hit_ratio']}, p95 {row['p95_ms']} ms, editor {row['editor']}"
                )
                results["scenarios"].append({"name": name, **row})
            static.append(static_load(cache, static_script, results))
            # The machine's speed drifts within a run: the mean of a load before and after.
            results["static_requests_per_second"] = sum(static) / len(static)
        save(results, config, RESULTS, markdown, start=START, end=END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
