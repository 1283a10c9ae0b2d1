"""LZ4 for columns that requests read often and PostgreSQL keeps compressed.

PostgreSQL compresses large values with pglz unless told otherwise; LZ4 decompresses them
several times faster at about the same size. Values are compressed anew only when written
again; older ones stay readable as they are. A server built without LZ4 keeps pglz.
"""

from django.db import DatabaseError, migrations, transaction


def compressed_with_lz4(app_label: str, model_name: str, columns: tuple[str, ...]):
    """A migration operation that sets the columns' compression to LZ4 (back to pglz)."""

    def set_compression(apps, schema_editor, method: str) -> None:
        quote = schema_editor.quote_name
        table = quote(apps.get_model(app_label, model_name)._meta.db_table)
        changes = ", ".join(
            f"ALTER COLUMN {quote(column)} SET COMPRESSION {method}" for column in columns
        )
        schema_editor.execute(f"ALTER TABLE {table} {changes}")

    def to_lz4(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                set_compression(apps, schema_editor, "lz4")
        except DatabaseError:
            pass  # PostgreSQL built without LZ4: pglz it stays.

    def to_pglz(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            set_compression(apps, schema_editor, "pglz")

    return migrations.RunPython(to_lz4, to_pglz)
