"""``make bench``: readers' pages, the wire, the desk and writing, as production serves them.

For each archive size it prepares a PostgreSQL database seeded with ``seed_articles``, starts
gunicorn (two sync workers, DEBUG off, Redis cache) first with the full-page cache off, then
on, and loads every page with wrk for a bounded time: the wire's items with a subscriber's
key, the desk's list with an editor's session. Results go to
``benchmarks/results/latest.json`` and to the table in ``docs/benchmarks.md``.

Settings come from the environment; ``benchmarks/config.py`` lists them. The seeded databases
are ``archives.py``, the servers ``servers.py``, one page's load ``measure.py``.
"""

import json
import signal
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import load, machine, report
from benchmarks.archives import seeded_application
from benchmarks.config import ROOT, Config, say
from benchmarks.measure import ceiling_throughput, measure_page
from benchmarks.servers import WORKERS

RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
PARTIAL_RESULTS = RESULTS.with_name("partial.json")
DOCUMENT = ROOT / "docs" / "benchmarks.md"

# The page store of the readers' pages (readers/caching.py); 0 turns it off. Without it
# every request renders from the parts prepared when stories changed, as the first request
# for an address after a change does: "uncached" and "cold" are now the same run, kept
# apart only while the report still reads both.
MODES = {
    "uncached": {"FULL_PAGE_CACHE_SECONDS": "0"},
    "cached": {"FULL_PAGE_CACHE_SECONDS": "300"},
    "cold": {"FULL_PAGE_CACHE_SECONDS": "0"},
}


def measure_sizes(config: Config, workdir: Path) -> dict:
    """Every page on every archive size, the sizes one after the other for each page.

    One server per size runs at the same time, so the two measurements of a page are
    minutes closer together than a size-by-size run would take them, and a busy spell of the
    machine shifts both alike instead of skewing the 100k/1k ratio.

    The speed of a shared machine drifts within a run (the ceiling moved by 40% between
    modes of one run), so each page is compared with the ceiling as it ran just before and
    just after it: a short ceiling load follows every page, and the page's
    ``ceiling_requests_per_second`` is the mean of the loads on either side.
    """
    apps = {}
    for size in config.sizes:
        apps[size] = seeded_application(config, size, workdir / str(size))
    prepared = {size: app.inside("prepare") for size, app in apps.items()}
    results: dict = {
        str(size): {"stories": prepared[size]["stories"], "modes": {}} for size in config.sizes
    }
    names = [
        "ceiling",
        *(
            name
            for name in prepared[config.sizes[0]]["pages"]
            if name != "ceiling" and config.measures(name)
        ),
    ]
    for mode, extra in MODES.items():
        say(f"full-page cache {mode}")
        with ExitStack() as stack:
            servers = {
                size: stack.enter_context(app.server(extra, port=config.port + index))
                for index, (size, app) in enumerate(apps.items())
            }
            ceiling_before: dict[int, float | None] = {}
            # Read before the wire's and the desk's pages: the wire's library loads on its
            # first request, which a worker serving only readers never gets.
            readers_memory: dict[int, float | None] = {}
            for name in names:
                if name == "admin list" and mode != "uncached":
                    continue
                for size, server in servers.items():
                    page, label = prepared[size]["pages"][name], f"{name} @ {size}"
                    if not page["page_store"] and size not in readers_memory:
                        readers_memory[size] = server.worker_memory_megabytes()
                    sized = results[str(size)]
                    if mode == "cached" and not page["page_store"]:
                        # Every request is a cold one: the "cold" mode measures it again.
                        sized["modes"].setdefault(mode, {})[name] = {"reason": report.NOT_STORED}
                        continue
                    figures = measure_page(server, label, page, config)
                    if name == "ceiling":
                        ceiling_before[size] = figures.get("requests_per_second")
                    elif "requests_per_second" in figures and ceiling_before[size]:
                        ceiling_path = prepared[size]["pages"]["ceiling"]["path"]
                        ceiling_after = ceiling_throughput(server, ceiling_path, config)
                        figures["ceiling_requests_per_second"] = (
                            ceiling_before[size] + ceiling_after
                        ) / 2
                        ceiling_before[size] = ceiling_after
                    if name == "admin list":
                        sized[name] = figures
                    else:
                        sized["modes"].setdefault(mode, {})[name] = figures
            for size, server in servers.items():
                results[str(size)]["modes"][mode]["worker_rss_mb"] = (
                    readers_memory.get(size) or server.worker_memory_megabytes()
                )
    if not config.partial:
        largest = max(config.sizes)
        say(f"{apps[largest].database}: timing {config.writes} approvals and saves with 20 tags")
        results[str(largest)]["writing"] = apps[largest].inside("writing", str(config.writes))
    return results


def stop_on_terminate(signal_number: int, frame) -> None:
    """Turn SIGTERM into an exit that runs every clean-up, so no server outlives the run."""
    sys.exit(128 + signal_number)


def run_settings() -> Config | None:
    """The run's settings, with SIGTERM turned into a clean exit; None, said why, without wrk."""
    signal.signal(signal.SIGTERM, stop_on_terminate)
    if load.wrk_path() is None:
        print("wrk is not installed (Debian: apt-get install wrk).", file=sys.stderr)
        return None
    return Config.from_environment()


def main() -> int:
    config = run_settings()
    if config is None:
        return 2
    started = time.monotonic()
    results: dict = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "config": {
            "seconds": config.seconds,
            "connections": config.connections,
            "workers": WORKERS,
        },
    }
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as workdir:
        results["sizes"] = measure_sizes(config, Path(workdir))
        results["machine"] = machine.describe(f"{config.postgres_url}/postgres")
    results["elapsed_seconds"] = round(time.monotonic() - started)
    saved = PARTIAL_RESULTS if config.partial else RESULTS
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text(json.dumps(results, indent=2) + "\n")
    if config.partial:
        # Some pages only: the document keeps the last full run's tables.
        print(report.render(results))
        say(f"done in {results['elapsed_seconds']} s; figures in {saved.relative_to(ROOT)}")
        return 0
    report.write_document(DOCUMENT, report.render(results))
    say(f"done in {results['elapsed_seconds']} s; table written to {DOCUMENT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
