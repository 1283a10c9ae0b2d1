"""A small search index of the newest stories, on PostgreSQL.

Search ranks the newest matching stories and looks for them first among the newest stories
(``readers/search.py``). Through the index of every story's document, finding them read all
the stories holding each word: 11,000 for "wheat" on 100,000 stories, 2 to 3 ms of database
time a search whichever part of them it kept. ``search_recent`` marks the newest stories of
each language, and a second index holds only theirs: the same search reads a few hundred.

A trigger marks a story when it is stored, and again whenever its status, publication time,
language or deletion changes, so a story published or moved in time is in the small index at
once, from the desk, the API, an import or the shell alike. The marks of stories older than
the newest ``RECENT_STORIES`` are cleared in the background after editorial steps and after
``prepare_stories`` (``readers.search.forget_older_stories``); until then more stories are
marked than need be, which costs a little speed and never a result.
"""

from django.db import migrations

from articles.migrations._postgresql import run_on_postgresql

# As readers.search.RECENT_STORIES: the marks this migration leaves are those it would.
RECENT_STORIES = 5_000

FORWARD = [
    "ALTER TABLE articles_article ADD COLUMN search_recent boolean NOT NULL DEFAULT false",
    """
    CREATE FUNCTION articles_mark_recent() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT'
            OR NEW.status IS DISTINCT FROM OLD.status
            OR NEW.published_at IS DISTINCT FROM OLD.published_at
            OR NEW.language IS DISTINCT FROM OLD.language
            OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at
        THEN
            NEW.search_recent := true;
        END IF;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER article_mark_recent BEFORE INSERT OR UPDATE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_mark_recent()
    """,
    f"""
    UPDATE articles_article SET search_recent = true WHERE id IN (
        SELECT id FROM (
            SELECT id, row_number() OVER (
                PARTITION BY language ORDER BY published_at DESC
            ) AS newness
            FROM articles_article
            WHERE deleted_at IS NULL AND status IN ('scheduled', 'published')
                AND published_at IS NOT NULL
        ) AS live WHERE newness <= {RECENT_STORIES}
    )
    """,  # noqa: S608 - a constant
    "CREATE INDEX article_recent_search_idx ON articles_article USING gin (search_document)"
    " WHERE search_recent",
    # Finds the marks to clear without reading the whole table.
    "CREATE INDEX article_recent_idx ON articles_article (language, published_at)"
    " WHERE search_recent",
]
BACKWARD = [
    "DROP TRIGGER article_mark_recent ON articles_article",
    "DROP FUNCTION articles_mark_recent()",
    "ALTER TABLE articles_article DROP COLUMN search_recent",
]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_search_document_in_the_row"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(FORWARD), run_on_postgresql(BACKWARD)),
    ]
