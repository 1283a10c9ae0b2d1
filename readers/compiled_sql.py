"""SQL written around ORM querysets, compiled once per database connection and run with each
request's values.

``articles.statements.Statement`` does this for a queryset; the sitemap index's figures and
search's ranking wrap querysets in SQL of their own (aggregates of subqueries, ranking after
a LIMIT), which cost several times their database time to build through the ORM on each
request. A ``CompiledSQL`` builds its SQL once per connection and shape with a stand-in for
each value, and a run puts the request's values where the stand-ins were.
"""

import weakref
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime, timedelta

from django.db import connections, router

from articles.statements import as_parameter, constants_written_in, fetch_all, filled

# How many shapes of one statement a process keeps compiled (search windows vary in size).
SHAPES = 16


class CompiledSQL:
    """``build(connection, shape, **values)`` gives (sql, params); ``rows(shape, **values)``
    runs it with the SQL compiled once per connection and shape.

    ``stand_ins`` gives each value's stand-in, which must reach the parameters as it is.
    A query that took a value of its own (say ``timezone.now()``) would keep it for the life
    of the process: built a second time with other stand-ins, such a parameter changes where
    no stand-in is, and compiling refuses it.
    """

    def __init__(self, model, build: Callable[..., tuple[str, Sequence]], **stand_ins):
        self.model = model
        self.build = build
        self.stand_ins = stand_ins
        self.compiled = weakref.WeakKeyDictionary()

    def rows(self, shape: Hashable = (), **values) -> list[tuple]:
        connection = connections[router.db_for_read(self.model)]
        shapes = self.compiled.setdefault(connection, {})
        if shape not in shapes:
            if len(shapes) >= SHAPES:
                del shapes[next(iter(shapes))]
            shapes[shape] = self.compile(connection, shape)
        sql, params, positions = shapes[shape]
        return fetch_all(connection, sql, filled(params, positions, values, connection))

    def compile(self, connection, shape: Hashable) -> tuple[str, tuple, dict[str, list[int]]]:
        sql, params = self.build(connection, shape, **self.stand_ins)
        others = {name: _another(value) for name, value in self.stand_ins.items()}
        _, other_params = self.build(connection, shape, **others)
        positions = {}
        for name, stand_in in self.stand_ins.items():
            parameter = as_parameter(stand_in, connection)
            positions[name] = [place for place, value in enumerate(params) if value == parameter]
        placed = {place for places in positions.values() for place in places}
        for place, (value, other) in enumerate(zip(params, other_params, strict=True)):
            if value != other and place not in placed:
                raise ValueError(f"The query holds a value of its own: {value!r}")
        return constants_written_in(connection, sql, params, positions)


def _another(stand_in):
    """A value of the same kind as ``stand_in`` and different from it."""
    if isinstance(stand_in, datetime):
        return stand_in + timedelta(days=1)
    if isinstance(stand_in, list):
        return [_another(value) for value in stand_in]
    if isinstance(stand_in, int):
        return stand_in + 1
    return f"{stand_in}-other"
