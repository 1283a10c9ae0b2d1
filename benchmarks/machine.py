"""What the figures were measured on, so that they can be compared with other runs."""

import os
import platform
import re
import subprocess
from importlib.metadata import version
from pathlib import Path

import psycopg

from benchmarks.load import wrk_path


def _first_match(path: str, pattern: str) -> str:
    try:
        match = re.search(pattern, Path(path).read_text(), re.MULTILINE)
    except OSError:
        return "unknown"
    return match.group(1).strip() if match else "unknown"


def _command_output(*command: str) -> str:
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except OSError:
        return "unknown"
    return (completed.stdout or completed.stderr).strip().splitlines()[0]


def describe(postgres_url: str) -> dict:
    memory_kb = _first_match("/proc/meminfo", r"^MemTotal:\s+(\d+) kB")
    with psycopg.connect(postgres_url) as db:
        postgres = db.execute("SHOW server_version").fetchone()[0]
    return {
        "cpus": os.cpu_count(),
        "cpu_model": _first_match("/proc/cpuinfo", r"^model name\s*:\s*(.+)$"),
        "memory_gb": round(int(memory_kb) / 1024 / 1024, 1) if memory_kb.isdigit() else None,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": version("django"),
        "gunicorn": version("gunicorn"),
        "postgresql": postgres,
        "wrk": _command_output(wrk_path() or "wrk", "--version"),
        "commit": _command_output("git", "rev-parse", "--short", "HEAD"),
    }
