"""What one ``make bench`` run measures, read from the environment, and how it reports progress.

Settings come from the environment: BENCH_SIZES (1000,100000), BENCH_SECONDS (8),
BENCH_PROBE_SECONDS (3), BENCH_CONNECTIONS (4), BENCH_PORT (8116), BENCH_POSTGRES_URL,
BENCH_REDIS_URL, BENCH_DATABASE_PREFIX (nr_bench), BENCH_WRITES (5), BENCH_FRESH=1 to
reseed from scratch.

BENCH_PAGES measures only some pages: their names (``benchmarks/pages.py``), comma separated,
where a first word stands for every page it begins (``BENCH_PAGES=wire,home`` measures "wire
items", "wire changes" and "home"). The ceiling is measured all the same, the editor's
writing is not, and the run prints its tables instead of rewriting docs/benchmarks.md.
"""

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Config:
    sizes: list[int] = field(default_factory=lambda: [1000, 100_000])
    seconds: float = 8.0
    warmup_seconds: float = 2.0
    # The short ceiling load after each page (see ``run.measure_sizes``).
    probe_seconds: float = 3.0
    connections: int = 4
    port: int = 8116
    postgres_url: str = "postgres://postgres@127.0.0.1:5432"
    redis_url: str = "redis://127.0.0.1:6379/0"
    database_prefix: str = "nr_bench"
    writes: int = 5
    fresh: bool = False
    # Empty: every page (see BENCH_PAGES above).
    pages: list[str] = field(default_factory=list)

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
            pages=[name.strip() for name in env("BENCH_PAGES", "").split(",") if name.strip()],
        )

    @property
    def partial(self) -> bool:
        return bool(self.pages)

    def measures(self, name: str) -> bool:
        """Whether the run measures the page called ``name``."""
        if not self.pages or name == "ceiling":
            return True
        return any(name == chosen or name.startswith(f"{chosen} ") for chosen in self.pages)

    def database_name(self, size: int) -> str:
        label = f"{size // 1000}k" if size % 1000 == 0 else str(size)
        return f"{self.database_prefix}_{label}"


def say(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)
