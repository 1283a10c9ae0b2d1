"""The search normalisation as a PostgreSQL function, named as the one SQLite gets.

``newsroom_search_normalised(text)`` is ``articles.search_text.normalise`` in the database:
search snippets mark words in normalised text, and ``articles.search_text.Normalised`` calls
the function by the same name on either database. Text with nothing to change (any English
story) skips ``translate()``, which reads a 4,500-character story in about 0.5 ms; the check
that finds nothing to change costs a thirtieth of that. PostgreSQL inlines the function into
the queries that call it.

As in migration 0012, the SQL is kept here as it is today: a change to the normalisation
takes a new migration that replaces the function (and recreates the stored column).
"""

from django.db import migrations

from articles.migrations._postgresql import run_on_postgresql

# Every character the normalisation changes or removes.
CHANGED = (
    r"E'[\u064A\u0649\u0643\u06C1\u06D5\u06C0\u0629\u0623\u0625\u0671\u0624"
    r"\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    r"\u06F0\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8\u06F9\u200C"
    r"\u064B-\u065F\u0670\u0640]'"
)
# articles.search_text.sql_normalised("$1") as of this migration.
NORMALISED = (
    r"regexp_replace(translate($1, "
    r"E'\u064A\u0649\u0643\u06C1\u06D5\u06C0\u0629\u0623\u0625\u0671\u0624"
    r"\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    r"\u06F0\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8\u06F9\u200C', "
    r"E'\u06CC\u06CC\u06A9\u0647\u0647\u0647\u0647\u0627\u0627\u0627\u0648"
    r"01234567890123456789 '), "
    r"E'[\u064B-\u065F\u0670\u0640]', '', 'g')"
)

CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION newsroom_search_normalised(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN $1 ~ {CHANGED} THEN {NORMALISED} ELSE $1 END $$
"""
DROP_FUNCTION = "DROP FUNCTION IF EXISTS newsroom_search_normalised(text)"


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_search_in_every_language"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(CREATE_FUNCTION), run_on_postgresql(DROP_FUNCTION)),
    ]
