"""Load one address with wrk and read what it cost from /proc.

Throughput on a shared machine is noisy; CPU time per request, read from the kernel's own
counters for the application's worker processes and the database backends serving them, is
far steadier, so every run records both.
"""

import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
PROC = Path("/proc")

_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_DURATION = r"([\d.]+)(us|ms|s|m)"


@dataclass
class LoadResult:
    """What wrk measured for one address during one bounded run."""

    requests: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def ok(self) -> bool:
        return self.requests > 0 and self.errors == 0


def wrk_path() -> str | None:
    return shutil.which("wrk")


def _milliseconds(value: str, unit: str) -> float:
    return float(value) * _UNIT_MS[unit]


def parse_wrk_output(text: str) -> LoadResult:
    """Read wrk's ``--latency`` report; raises ValueError when it is not one."""
    totals = re.search(r"(\d+) requests in " + _DURATION, text)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    p50 = re.search(r"^\s+50%\s+" + _DURATION, text, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+" + _DURATION, text, re.MULTILINE)
    if not (totals and rate and p50 and p99):
        raise ValueError(f"Not a wrk --latency report:\n{text}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    # Read errors are how wrk counts servers that close the connection after each response,
    # as sync workers do, so only refused connections, write errors and timeouts count.
    socket_errors = 0
    if socket:
        connect, _read, write, timeout = (int(n) for n in socket.groups())
        socket_errors = connect + write + timeout
    return LoadResult(
        requests=int(totals.group(1)),
        seconds=_milliseconds(totals.group(2), totals.group(3)) / 1000,
        requests_per_second=float(rate.group(1)),
        p50_ms=_milliseconds(*p50.groups()),
        p99_ms=_milliseconds(*p99.groups()),
        errors=(int(non_2xx.group(1)) if non_2xx else 0) + socket_errors,
    )


def run_wrk(
    url: str,
    *,
    seconds: float,
    connections: int = 4,
    threads: int = 1,
    headers: Iterable[str] = (),
) -> LoadResult:
    """Load ``url`` for ``seconds`` and return wrk's figures."""
    command = [
        wrk_path() or "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        "--timeout=10s",
        "--latency",
    ]
    for header in headers:
        command += ["--header", header]
    completed = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 30
    )
    return parse_wrk_output(completed.stdout)


def cpu_ticks(pid: int) -> int:
    """User plus system CPU time of one process, in clock ticks; 0 once it has gone."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return 0
    # The command name may contain spaces, so count fields from after its closing bracket.
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def cpu_snapshot(pids: Iterable[int]) -> dict[int, int]:
    return {pid: cpu_ticks(pid) for pid in pids}


def cpu_milliseconds_between(before: dict[int, int], after: dict[int, int]) -> float:
    """CPU spent between two snapshots; processes that started in between count from zero."""
    ticks = sum(after[pid] - before.get(pid, 0) for pid in after)
    return ticks * 1000 / CLOCK_TICKS_PER_SECOND


def child_pids(parent: int) -> list[int]:
    """The direct children of ``parent`` (gunicorn's workers under its master)."""
    children = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            children.append(int(entry.name))
    return sorted(children)


def resident_megabytes(pid: int) -> float | None:
    """Resident set size of a process, as the kernel reports it in /proc/<pid>/status."""
    try:
        status = (PROC / str(pid) / "status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else None
