"""Loading stories in bulk, as seeding and imports do: what a row-by-row save would not need."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, models


@contextmanager
def explicit_timestamps(model: type[models.Model], *names: str) -> Iterator[None]:
    """Let bulk inserts set ``auto_now``/``auto_now_add`` fields, so dates spread over years."""
    fields = [model._meta.get_field(name) for name in names]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def refresh_planner_statistics(*seeded: type[models.Model]) -> None:
    """Vacuum and analyse the seeded tables, as autovacuum would in time (if it is on).

    Without statistics the PostgreSQL planner takes a table of 100,000 fresh rows for empty
    and picks plans that no production database would run, so benchmarks would mislead.
    VACUUM cannot run inside a transaction (as in tests); ANALYZE alone then does.
    """
    in_transaction = connection.in_atomic_block or connection.vendor != "postgresql"
    command = "ANALYZE" if in_transaction else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for model in seeded:
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")
