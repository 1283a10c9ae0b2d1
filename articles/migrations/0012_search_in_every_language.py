"""Full-text search in every language: each story indexed with its language's configuration,
its text normalised as readers' queries are.

The stored generated ``search_document`` column of migration 0003 is recreated (with its GIN
index) so that an English story is stemmed with ``pg_catalog.english`` and a story in any
other language (Dari, Pashto: PostgreSQL has no stemmer for them) is indexed word for word
with ``pg_catalog.simple``, and so that headline, standfirst and body are first normalised
(``articles.search_text``): Arabic letter forms read as the Persian and Pashto ones,
diacritics and tatweel dropped, zero-width non-joiners read as spaces, digits in ASCII.

The SQL is kept here as it is today, not imported: this migration must create the same column
whatever ``articles.search_text`` becomes. A change to the normalisation or to the languages'
configurations takes a new migration that recreates the column again. Recreating it rewrites
the table and its documents. On other databases this migration does nothing.
"""

from django.db import migrations

from articles.migrations._postgresql import run_on_postgresql

TAGS_AND_ENTITIES = r"<[^>]*>|&[#a-zA-Z0-9]+;"

# The configuration of each row's language (articles.search_text.SEARCH_CONFIGS).
CONFIG_OF_THE_LANGUAGE = (
    "CASE language WHEN 'en' THEN 'pg_catalog.english'::regconfig "
    "ELSE 'pg_catalog.simple'::regconfig END"
)
# articles.search_text.sql_normalised("{}") as of this migration.
NORMALISED = (
    r"regexp_replace(translate({}, "
    r"E'\u064A\u0649\u0643\u06C1\u06D5\u06C0\u0629\u0623\u0625\u0671\u0624"
    r"\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    r"\u06F0\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8\u06F9\u200C', "
    r"E'\u06CC\u06CC\u06A9\u0647\u0647\u0647\u0647\u0627\u0627\u0627\u0648"
    r"01234567890123456789 '), "
    r"E'[\u064B-\u065F\u0670\u0640]', '', 'g')"
)

# As migration 0003 made it: English for every story, text as stored.
ENGLISH_CONFIG = "'pg_catalog.english'"
AS_STORED = "{}"


def add_search_document(config: str, normalised: str) -> list[str]:
    """The column and its index: ``config`` is the SQL of the configuration, ``normalised``
    the SQL applied to each part of the text, with ``{}`` where the text goes."""
    headline = normalised.format("coalesce(headline, '')")
    standfirst = normalised.format("coalesce(standfirst, '')")
    body = normalised.format(f"regexp_replace(coalesce(body, ''), '{TAGS_AND_ENTITIES}', ' ', 'g')")
    return [
        f"""
ALTER TABLE articles_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector({config}, {headline}), 'A')
    || setweight(to_tsvector({config}, {standfirst}), 'B')
    || setweight(to_tsvector({config}, {body}), 'C')
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
        ("articles", "0011_languages_and_translations"),
    ]

    operations = [
        migrations.RunPython(
            run_on_postgresql(
                DROP_SEARCH_DOCUMENT + add_search_document(CONFIG_OF_THE_LANGUAGE, NORMALISED)
            ),
            run_on_postgresql(
                DROP_SEARCH_DOCUMENT + add_search_document(ENGLISH_CONFIG, AS_STORED)
            ),
        ),
    ]
