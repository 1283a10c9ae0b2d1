"""Full-text search on PostgreSQL: a weighted document column the database keeps up to date.

The column is a stored generated column, so PostgreSQL recomputes it on every INSERT and
UPDATE, including rows written by ``bulk_create`` or raw SQL, which ``save()`` never sees.
It is not a model field: Django never loads or writes it (a story page does not need a
tsvector), and readers/search.py refers to it by name. Headline weighs A, standfirst B,
body C; the body's HTML tags and entities are stripped before indexing. On other databases
this migration does nothing and search falls back to plain substring matching.
"""

from django.db import migrations

from articles.migrations._postgresql import run_on_postgresql

SEARCH_CONFIG = "pg_catalog.english"
TAGS_AND_ENTITIES = r"<[^>]*>|&[#a-zA-Z0-9]+;"

ADD_SEARCH_DOCUMENT = [
    f"""
ALTER TABLE articles_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('{SEARCH_CONFIG}', coalesce(headline, '')), 'A')
    || setweight(to_tsvector('{SEARCH_CONFIG}', coalesce(standfirst, '')), 'B')
    || setweight(
        to_tsvector(
            '{SEARCH_CONFIG}', regexp_replace(coalesce(body, ''), '{TAGS_AND_ENTITIES}', ' ', 'g')
        ),
        'C'
    )
) STORED
""",
    "CREATE INDEX article_search_document_idx ON articles_article USING gin (search_document)",
]

DROP_SEARCH_DOCUMENT = [
    "DROP INDEX IF EXISTS article_search_document_idx",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document",
]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_editorial_roles"),
    ]

    operations = [
        migrations.RunPython(
            run_on_postgresql(ADD_SEARCH_DOCUMENT), run_on_postgresql(DROP_SEARCH_DOCUMENT)
        ),
    ]
