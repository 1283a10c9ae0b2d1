"""Each story's search document kept in the story's own row, on PostgreSQL.

Search ranks the newest 200 matching stories by reading their documents (about 3 kB each).
Stored out of line, as PostgreSQL keeps any value that makes a row wider than 2 kB, each one
cost a lookup in the TOAST table's index and two more page reads: 1.8 ms of the ranking's
6.5 ms of database time for "wheat harvest" on 100,000 stories. With ``STORAGE MAIN`` the
document stays in the row and the body, which readers' pages never read (they read the
prepared parts), goes out of line instead; a document too long for a page still moves out.

Only rows written from now on follow the new storage. An archive's stories move when they
are saved again, or all at once with ``VACUUM FULL articles_article`` then ``VACUUM ANALYZE
articles_article`` (``docs/deployment.md``). A migration that recreates the column must set
the storage again.
"""

from django.db import migrations

from articles.migrations._postgresql import run_on_postgresql

IN_THE_ROW = "ALTER TABLE articles_article ALTER COLUMN search_document SET STORAGE MAIN"
OUT_OF_LINE = "ALTER TABLE articles_article ALTER COLUMN search_document SET STORAGE EXTENDED"


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_old_addresses"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(IN_THE_ROW), run_on_postgresql(OUT_OF_LINE)),
    ]
