"""``make bench``: readers' pages, the desk and writing, measured as production serves them.

For each archive size it prepares a PostgreSQL database seeded with ``seed_articles``, starts
gunicorn (two sync workers, DEBUG off, Redis cache) first with the full-page cache off, then
on, and loads every page with wrk for a bounded time. Results go to
``benchmarks/results/latest.json`` and to the table in ``docs/benchmarks.md``.

Settings come from the environment: BENCH_SIZES (1000,100000), BENCH_SECONDS (8),
BENCH_PROBE_SECONDS (3), BENCH_CONNECTIONS (4), BENCH_PORT (8116), BENCH_POSTGRES_URL,
BENCH_REDIS_URL, BENCH_DATABASE_PREFIX (nr_bench), BENCH_WRITES (5), BENCH_FRESH=1 to
reseed from scratch.
"""

import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.client import HTTPConnection
from pathlib import Path

import psycopg
import redis

from benchmarks import load, machine, report

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
DOCUMENT = ROOT / "docs" / "benchmarks.md"

# The caches of the readers' pages (readers/caching.py); 0 turns one off. "uncached" is
# the full-page cache off with the in-process fragments (story cards, related posts) kept;
# "cold" turns both off, as on the first request after an edit.
MODES = {
    "uncached": {"FULL_PAGE_CACHE_SECONDS": "0"},
    "cached": {"FULL_PAGE_CACHE_SECONDS": "300"},
    "cold": {"FULL_PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_ENTRIES": "0"},
}
WORKERS = 2


@dataclass
class Config:
    sizes: list[int] = field(default_factory=lambda: [1000, 100_000])
    seconds: float = 8.0
    warmup_seconds: float = 2.0
    # The short ceiling load after each page (see ``measure_sizes``).
    probe_seconds: float = 3.0
    connections: int = 4
    port: int = 8116
    postgres_url: str = "postgres://postgres@127.0.0.1:5432"
    redis_url: str = "redis://127.0.0.1:6379/0"
    database_prefix: str = "nr_bench"
    writes: int = 5
    fresh: bool = False

    @classmethod
    def from_environment(cls) -> "Config":
        env = os.environ.get
        defaults = cls()
        return cls(
            sizes=[int(size) for size in env("BENCH_SIZES", "1000,100000").split(",")],
            seconds=float(env("BENCH_SECONDS", defaults.seconds)),
            probe_seconds=float(env("BENCH_PROBE_SECONDS", defaults.probe_seconds)),
            connections=int(env("BENCH_CONNECTIONS", defaults.connections)),
            port=int(env("BENCH_PORT", defaults.port)),
            postgres_url=env("BENCH_POSTGRES_URL", defaults.postgres_url).rstrip("/"),
            redis_url=env("BENCH_REDIS_URL", defaults.redis_url),
            database_prefix=env("BENCH_DATABASE_PREFIX", defaults.database_prefix),
            writes=int(env("BENCH_WRITES", defaults.writes)),
            fresh=env("BENCH_FRESH", "") == "1",
        )

    def database_name(self, size: int) -> str:
        label = f"{size // 1000}k" if size % 1000 == 0 else str(size)
        return f"{self.database_prefix}_{label}"


def say(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


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


def measure(server: Server, path: str, config: Config, headers: dict[str, str]) -> dict:
    """Load one page after a warm-up; throughput, latency and CPU per request."""
    status = server.status(path, headers)
    if status != 200:
        return {"path": path, "reason": f"answered HTTP {status}"}
    header_lines = [f"{name}: {value}" for name, value in headers.items()]
    url = server.url(path)
    load.run_wrk(
        url, seconds=config.warmup_seconds, connections=config.connections, headers=header_lines
    )
    workers_before = load.cpu_snapshot(server.workers())
    database_before = load.cpu_snapshot(server.database_backends())
    result = load.run_wrk(
        url, seconds=config.seconds, connections=config.connections, headers=header_lines
    )
    workers_ms = load.cpu_milliseconds_between(workers_before, load.cpu_snapshot(server.workers()))
    database_ms = load.cpu_milliseconds_between(
        database_before, load.cpu_snapshot(server.database_backends())
    )
    if result.requests == 0:
        return {"path": path, "reason": f"no answer within {config.seconds:.0f} s"}
    return {
        "path": path,
        "requests": result.requests,
        "seconds": result.seconds,
        "requests_per_second": result.requests_per_second,
        "p50_ms": result.p50_ms,
        "p99_ms": result.p99_ms,
        "errors": result.errors,
        "app_cpu_ms": workers_ms / result.requests,
        "db_cpu_ms": database_ms / result.requests,
    }


def ceiling_throughput(server: Server, path: str, config: Config) -> float:
    """Requests per second of the ceiling page, in a short load without a warm-up."""
    result = load.run_wrk(
        server.url(path), seconds=config.probe_seconds, connections=config.connections
    )
    return result.requests_per_second


def measure_page(server: Server, label: str, page: dict, config: Config, headers=None) -> dict:
    """Measure one page, or say why it cannot be measured."""
    if page["path"] is None:
        figures = {"reason": page["reason"]}
    else:
        figures = measure(server, page["path"], config, headers or {})
    if "reason" in figures:
        say(f"  {label}: not available ({figures['reason']})")
    else:
        say(
            f"  {label}: {figures['requests_per_second']:.0f} req/s, "
            f"p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, "
            f"CPU {figures['app_cpu_ms']:.1f} + {figures['db_cpu_ms']:.1f} ms/req"
        )
    return figures


def prepare_database(config: Config, size: int) -> str:
    """A migrated database holding ``size`` seeded stories; reused when already there."""
    name = config.database_name(size)
    with psycopg.connect(f"{config.postgres_url}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and config.fresh:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    return name


def recreate_database(config: Config, name: str) -> None:
    with psycopg.connect(f"{config.postgres_url}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def story_count(config: Config, name: str) -> int:
    with psycopg.connect(f"{config.postgres_url}/{name}") as db:
        return db.execute("SELECT count(*) FROM articles_article").fetchone()[0]


def vacuum_and_analyse(config: Config, name: str) -> None:
    """Bring the planner's statistics up to date, as autovacuum does on a production server.

    Autovacuum may be off on a development server, and writes of earlier runs add up.
    """
    with psycopg.connect(f"{config.postgres_url}/{name}", autocommit=True) as db:
        db.execute("VACUUM (ANALYZE)")


def forget_cached_pages(config: Config, prefix: str) -> None:
    """Drop this database's keys from Redis, so the cached run starts cold and honest."""
    client = redis.Redis.from_url(config.redis_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


def seeded_application(config: Config, size: int, workdir: Path) -> Application:
    name = prepare_database(config, size)
    app = Application(config, name, workdir)
    try:
        app.manage("migrate", "--no-input", "-v0")
    except subprocess.CalledProcessError:
        say(f"{name}: migrations do not apply to the old copy; seeding it again from scratch")
        recreate_database(config, name)
        app.manage("migrate", "--no-input", "-v0")
    missing = size - story_count(config, name)
    if missing > 0:
        say(f"{name}: seeding {missing} stories")
        app.manage("seed_articles", str(missing), "--seed=1")
    vacuum_and_analyse(config, name)
    app.manage("collectstatic", "--no-input", "-v0")
    forget_cached_pages(config, name)
    return app


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
        *(name for name in prepared[config.sizes[0]]["pages"] if name != "ceiling"),
    ]
    for mode, extra in MODES.items():
        say(f"full-page cache {mode}")
        with ExitStack() as stack:
            servers = {
                size: stack.enter_context(app.server(extra, port=config.port + index))
                for index, (size, app) in enumerate(apps.items())
            }
            ceiling_before: dict[int, float | None] = {}
            for name in names:
                if name == "admin list" and mode != "uncached":
                    continue
                for size, server in servers.items():
                    page, label = prepared[size]["pages"][name], f"{name} @ {size}"
                    sized = results[str(size)]
                    headers = {}
                    if name == "admin list":
                        headers = {"Cookie": prepared[size]["editor_cookie"]}
                    figures = measure_page(server, label, page, config, headers)
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
                    server.worker_memory_megabytes()
                )
    largest = max(config.sizes)
    say(f"{apps[largest].database}: timing {config.writes} approvals and saves with 20 tags")
    results[str(largest)]["writing"] = apps[largest].inside("writing", str(config.writes))
    return results


def stop_on_terminate(signal_number: int, frame) -> None:
    """Turn SIGTERM into an exit that runs every clean-up, so no server outlives the run."""
    sys.exit(128 + signal_number)


def main() -> int:
    signal.signal(signal.SIGTERM, stop_on_terminate)
    config = Config.from_environment()
    if load.wrk_path() is None:
        print("wrk is not installed (Debian: apt-get install wrk).", file=sys.stderr)
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
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    report.write_document(DOCUMENT, report.render(results))
    say(f"done in {results['elapsed_seconds']} s; table written to {DOCUMENT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
