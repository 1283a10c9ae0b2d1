"""One PostgreSQL database per archive size, seeded once and reused by later runs.

BENCH_FRESH=1 drops and reseeds them; a copy whose migrations no longer apply is reseeded
by itself.
"""

import subprocess
from pathlib import Path

import psycopg
import redis

from benchmarks.config import Config, say
from benchmarks.servers import Application


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
    app.manage("collectstatic", "--no-input", "-v0")
    # As a deploy does after migrating: readers' pages of stories stored in bulk (their
    # structured data names the collected logo).
    app.manage("prepare_stories")
    # Seeded stories were stored without the saves the wire hears: their items, made once
    # (a database that has them all costs one query).
    app.manage("record_wire_items")
    vacuum_and_analyse(config, name)
    forget_cached_pages(config, name)
    return app
