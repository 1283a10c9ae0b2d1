"""What the search migrations share: SQL that only PostgreSQL runs (its search document,
function and storage); SQLite searches without them.

The migration loader skips modules whose names begin with an underscore.
"""


def run_on_postgresql(statements: str | list[str]):
    """A ``RunPython`` operation running ``statements`` on PostgreSQL, nothing elsewhere."""
    if isinstance(statements, str):
        statements = [statements]

    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation
