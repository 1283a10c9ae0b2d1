"""Keep the wire's items compressed with LZ4 on PostgreSQL (``articles/compression.py``).

Every answer of the API reads twenty or more finished ninjs documents of some 6 kB, which
PostgreSQL keeps compressed out of line. Items are compressed anew with their next version.
"""

from django.db import migrations

from articles.compression import compressed_with_lz4


class Migration(migrations.Migration):
    dependencies = [
        ("wire", "0001_initial"),
    ]

    operations = [compressed_with_lz4("wire", "WireItem", ("document",))]
