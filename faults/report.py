"""What readers saw during each fault: statuses, latency, recovery, and the verdict.

Pure functions over the samples the reader load recorded, so they are tested without any
server (tests/newsroom/test_fault_harness.py). Times are seconds on the load's own clock.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

# Varnish's X-Cache values (deploy/varnish/default.vcl) for an answer taken from its cache
# rather than from an application server: a fresh copy (HIT), or one past its lifetime (STALE),
# served because no server could answer or while one is asked for a fresh copy.
FROM_CACHE = {"HIT", "STALE"}

START = "<!-- results:start (written by make faults; edit outside these markers) -->"
END = "<!-- results:end -->"


@dataclass(frozen=True)
class Sample:
    """One reader's request: when it ran, and the status or the error it ended with."""

    started: float
    finished: float
    path: str
    status: int | None = None
    error: str = ""
    cache: str = ""
    retry_after: bool = False

    @property
    def from_cache(self) -> bool:
        return self.cache in FROM_CACHE

    @property
    def latency_ms(self) -> float:
        return (self.finished - self.started) * 1000


@dataclass
class Window:
    """One scenario's stretch of the load; ``fault_ended`` is None for the baseline."""

    name: str
    what: str
    started: float
    ended: float
    fault_ended: float | None = None
    back_seconds: float | None = None
    notes: list[str] = field(default_factory=list)
    # Set when the fault could not be caused or ended: the scenario then proves nothing.
    harness_error: str = ""


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (``share`` between 0 and 1) of ``values``."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * share)) - 1]


def recovery_seconds(samples: list[Sample], fault_ended: float, *, run: int) -> float | None:
    """Time from the fault's end to the first of ``run`` consecutive 200s from the servers.

    Answers are taken in the order they came back, from those that came back after the
    fault ended. Copies from Varnish's cache prove nothing about the servers behind it, so
    they neither count towards the run nor break it; any other answer or error breaks it.
    None while no such run has come back yet.
    """
    later = sorted(
        (s for s in samples if s.finished >= fault_ended and not s.from_cache),
        key=lambda s: s.finished,
    )
    streak, first = 0, 0.0
    for sample in later:
        if sample.status != 200:
            streak = 0
            continue
        if streak == 0:
            first = sample.finished
        streak += 1
        if streak == run:
            return max(0.0, first - fault_ended)
    return None


def in_window(samples: list[Sample], window: Window) -> list[Sample]:
    """The requests a scenario owns: those answered (or failed) while it ran, so that a
    request cut off by the fault counts against the fault even if it started just before."""
    return [s for s in samples if window.started <= s.finished < window.ended]


def summarise(samples: list[Sample], window: Window, *, run: int, proxied: bool) -> dict:
    """One scenario's row: counts by status, latency, errors, recovery and the verdict."""
    mine = in_window(samples, window)
    answered = [s for s in mine if s.status is not None]
    latencies = [s.latency_ms for s in answered]
    statuses = Counter(str(s.status) for s in answered)
    errors = Counter(s.error for s in mine if s.status is None)
    row = {
        "name": window.name,
        "what": window.what,
        "seconds": round(window.ended - window.started, 1),
        "requests": len(mine),
        "statuses": dict(sorted(statuses.items())),
        "stale_copies": sum(1 for s in answered if s.status == 200 and s.cache == "STALE"),
        "without_retry_after": sum(1 for s in answered if s.status == 503 and not s.retry_after),
        "errors": dict(sorted(errors.items())),
        "p50_ms": _rounded(percentile(latencies, 0.50)),
        "p95_ms": _rounded(percentile(latencies, 0.95)),
        "max_ms": _rounded(max(latencies, default=None)),
        "back_seconds": _rounded(window.back_seconds, 2),
        "recovery_seconds": None,
        "notes": list(window.notes),
        "harness_error": window.harness_error,
    }
    if window.fault_ended is not None:
        recovered = recovery_seconds(
            [s for s in samples if s.finished < window.ended], window.fault_ended, run=run
        )
        row["recovery_seconds"] = _rounded(recovered, 2)
    if row["without_retry_after"]:
        row["notes"].append(f"{row['without_retry_after']} × 503 without Retry-After")
    row["failures"] = failures(row, proxied=proxied, faulted=window.fault_ended is not None)
    return row


def not_run(name: str, what: str, *, budget: float) -> dict:
    """The row of a scenario left out because the run would have outlasted its budget."""
    row = summarise([], Window(name, what, started=0, ended=0), run=1, proxied=True)
    row["failures"] = [f"not run: it could have outlasted the run's {budget:g} s"]
    return row


def failures(row: dict, *, proxied: bool, faulted: bool) -> list[str]:
    """What readers must never see, in words; empty when the scenario passed.

    Behind nginx and Varnish: any 5xx but 503 (a 500 from the application, a 502/504 from
    nginx), any request that got no answer at all, and a site that did not come back. Straight
    to the application servers (no nginx or Varnish on the machine) a killed worker drops its
    connection and the servers know no other, so only a 500 counts there. A fault the harness
    could not cause fails everywhere: nothing was proven.
    """
    found = [row["harness_error"]] if row.get("harness_error") else []
    for status, count in row["statuses"].items():
        code = int(status)
        if code == 500 or (proxied and code >= 500 and code != 503):
            found.append(f"{count} × {status}")
    if proxied and row["errors"]:
        found.append(f"{sum(row['errors'].values())} × no answer")
    if proxied and faulted and row["recovery_seconds"] is None:
        found.append("did not recover")
    return found


def _rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def _cell(value: float | None, unit: str = "") -> str:
    return "—" if value is None else f"{value:g}{unit}"


def _statuses(row: dict) -> str:
    parts = [f"{status}: {count}" for status, count in row["statuses"].items()]
    return ", ".join(parts) or "none"


def _errors(row: dict) -> str:
    return ", ".join(f"{name}: {count}" for name, count in row["errors"].items()) or "0"


def _verdict(row: dict) -> str:
    return "FAIL: " + "; ".join(row["failures"]) if row["failures"] else "ok"


COLUMNS = [
    "Scenario",
    "Requests",
    "Statuses",
    "Stale copies",
    "Errors",
    "p50 ms",
    "p95 ms",
    "max ms",
    "Back after s",
    "Recovery s",
    "Verdict",
]


def cells(row: dict) -> list[str]:
    return [
        row["name"],
        str(row["requests"]),
        _statuses(row),
        str(row["stale_copies"]),
        _errors(row),
        _cell(row["p50_ms"]),
        _cell(row["p95_ms"]),
        _cell(row["max_ms"]),
        _cell(row["back_seconds"]),
        _cell(row["recovery_seconds"]),
        _verdict(row),
    ]


def text_table(rows: list[dict]) -> str:
    """The table for a terminal, columns padded to their widest cell."""
    table = [COLUMNS, *(cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in table
    )


def markdown(results: dict) -> str:
    """The generated part of docs/reliability.md."""
    machine = results["machine"]
    config = results["config"]
    lines = [
        f"Run of {results['date']} at commit {machine.get('commit', 'unknown')}, "
        f"{results['elapsed_seconds']} s in all.",
        "",
        f"- Machine: {machine.get('cpus')} CPUs ({machine.get('cpu_model')}), "
        f"{machine.get('memory_gb')} GB memory, Linux {machine.get('kernel')}.",
        f"- Software: Python {machine.get('python')}, Django {machine.get('django')}, "
        f"gunicorn {machine.get('gunicorn')} (2 instances × {config['workers']} sync workers), "
        f"PostgreSQL {machine.get('postgresql')}, Redis {machine.get('redis')}, "
        + (
            f"{machine['nginx']} in front of {machine['varnish']}."
            if machine.get("nginx")
            else "no nginx or Varnish (straight to gunicorn)."
        ),
        f"- Load: {config['connections']} readers at up to {config['rate']:g} requests a "
        f"second in all, {config['addresses']} addresses, {config['stories']} stories; "
        f"recovery is the first run of {config['recovery_run']} consecutive 200s.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "| " + " | ".join("---" for _ in COLUMNS) + " |",
    ]
    lines += ["| " + " | ".join(cells(row)) + " |" for row in results["scenarios"]]
    verdict = "failed" if results["failed"] else "passed"
    lines += ["", f"The run **{verdict}**."]
    notes = [f"- {row['name']}: {note}" for row in results["scenarios"] for note in row["notes"]]
    if notes:
        lines += ["", "Notes:", "", *notes]
    return "\n".join(lines) + "\n"
