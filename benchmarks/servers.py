"""The application as production runs it under gunicorn, and what its servers cost.

One ``Application`` per benchmark database runs manage.py commands and the in-application
modules (``prepare``, ``writing``) in production's environment, and starts gunicorn; a
``Server`` answers for one running gunicorn: its address, its workers and the PostgreSQL
backends serving them.
"""

import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.client import HTTPConnection
from pathlib import Path

import psycopg

from benchmarks import load
from benchmarks.config import ROOT, Config
from hosting import BACKGROUND_WORKER

WORKERS = 2


class Application:
    """The application as production configures it, pointed at one benchmark database."""

    def __init__(self, config: Config, database: str, workdir: Path):
        self.config = config
        self.database = database
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        self.environment = os.environ | {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"{config.postgres_url}/{database}",
            "CONN_MAX_AGE": "60",
            "REDIS_URL": config.redis_url,
            "CACHE_KEY_PREFIX": database,
            "BENCHMARK_CEILING": "1",
            "VAR_DIR": str(workdir / "var"),
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "SECURE_SSL_REDIRECT": "0",
            # Background work waits for a worker, as in production (``worker()`` below).
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        }

    def run(self, *arguments: str, extra: dict[str, str] | None = None) -> None:
        """A manage.py command or a benchmarks module, in this application's environment."""
        command = [sys.executable, *arguments]
        subprocess.run(command, cwd=ROOT, env=self.environment | (extra or {}), check=True)

    def manage(self, *arguments: str) -> None:
        self.run("manage.py", *arguments)

    def inside(self, module: str, *arguments: str) -> dict:
        """Run ``python -m benchmarks.<module>`` and read the JSON file it writes."""
        output = self.workdir / f"{module}.json"
        self.run("-m", f"benchmarks.{module}", *arguments, str(output))
        return json.loads(output.read_text())

    @contextmanager
    def server(self, extra: dict[str, str], *, port: int) -> Iterator["Server"]:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config=gunicorn.conf.py",
            "newsroom.wsgi:application",
            f"--workers={WORKERS}",
            "--worker-class=sync",
            "--threads=1",
            f"--bind=127.0.0.1:{port}",
            # Recycled workers would take their CPU time with them before it is read.
            "--max-requests=0",
        ]
        with (self.workdir / f"gunicorn-{port}.log").open("w") as log:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.environment | extra,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            server = Server(
                port,
                master_pid=process.pid,
                database=self.database,
                postgres_url=self.config.postgres_url,
            )
            try:
                server.wait_until_ready()
                yield server
            finally:
                process.terminate()
                process.wait(timeout=30)

    @contextmanager
    def worker(self) -> Iterator[None]:
        """The background worker production runs beside gunicorn, as ``hosting`` starts it."""
        command = [*BACKGROUND_WORKER, "--interval=0.5"]
        with (self.workdir / "worker.log").open("w") as log:
            process = subprocess.Popen(
                command, cwd=ROOT, env=self.environment, stdout=log, stderr=subprocess.STDOUT
            )
            try:
                yield
            finally:
                process.terminate()
                process.wait(timeout=30)


class Server:
    """A running server, its worker processes and the PostgreSQL backends serving them."""

    def __init__(self, port: int, *, master_pid: int, database: str = "", postgres_url: str = ""):
        self.port = port
        self.master_pid = master_pid
        self.database = database
        self.postgres_url = postgres_url

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def status(self, path: str, headers: dict[str, str] | None = None) -> int:
        connection = HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers=headers or {})
            return connection.getresponse().status
        finally:
            connection.close()

    def wait_until_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.status("/benchmark/ceiling/")
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"Nothing answered on port {self.port} within {timeout} s.")

    def workers(self) -> list[int]:
        return load.child_pids(self.master_pid)

    def database_backends(self) -> list[int]:
        if not self.database:
            return []
        with psycopg.connect(f"{self.postgres_url}/{self.database}", autocommit=True) as db:
            rows = db.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.database],
            ).fetchall()
        return [pid for (pid,) in rows]

    def worker_memory_megabytes(self) -> float | None:
        sizes = [load.resident_megabytes(pid) for pid in self.workers()]
        return max((size for size in sizes if size is not None), default=None)
