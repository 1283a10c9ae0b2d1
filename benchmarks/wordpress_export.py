"""``make bench-import``: import a generated WordPress export of 100,000 posts, and measure.

Writes a WXR 1.2 file as WordPress's "Tools → Export" would (authors, categories and tags in
the channel, then posts of about 700 words each, from the same word lists and seeded generator
as ``seed_articles``), imports it into a fresh PostgreSQL database named ``nr_import_bench``
with ``manage.py import_wordpress``, and prints the rate and the peak memory of the import.
The generated posts have no pictures: pictures go one story at a time, at the speed of
Pillow. Preparing readers' pages afterwards (``prepare_stories``) is measured elsewhere.

    python -m benchmarks.wordpress_export [--posts 100000] [--keep FILE]

Nothing is left behind but the database, which the next run drops and makes again.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import django

SITE = "https://old-site.example"
DATABASE = "nr_import_bench"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
STATUSES = ["publish"] * 96 + ["draft", "pending", "private", "trash"]


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def channel(generator, sections: list[str], tags: list[str], authors: list[str]) -> str:
    from django.utils.text import slugify

    parts = [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:wp="http://wordpress.org/export/1.2/">',
        "<channel>",
        "<title>A generated news site</title>",
        f"<link>{SITE}</link>",
        "<language>en-US</language>",
        "<wp:wxr_version>1.2</wp:wxr_version>",
        f"<wp:base_site_url>{SITE}</wp:base_site_url>",
    ]
    for number, name in enumerate(authors, start=1):
        parts.append(
            f"<wp:author><wp:author_id>{number}</wp:author_id>"
            f"<wp:author_login>{cdata(slugify(name))}</wp:author_login>"
            f"<wp:author_display_name>{cdata(name)}</wp:author_display_name></wp:author>"
        )
    for number, name in enumerate(sections, start=1):
        parts.append(
            f"<wp:category><wp:term_id>{number}</wp:term_id>"
            f"<wp:category_nicename>{cdata(slugify(name))}</wp:category_nicename>"
            f"<wp:category_parent>{cdata('')}</wp:category_parent>"
            f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>"
        )
    for number, name in enumerate(tags, start=100):
        parts.append(
            f"<wp:tag><wp:term_id>{number}</wp:term_id><wp:tag_slug>{cdata(slugify(name))}"
            f"</wp:tag_slug><wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>"
        )
    return "\n".join(parts) + "\n"


def post(story, number: int, *, section: str, tags: list[str], author: str, status: str) -> str:
    """One ``<item>``: a classic-editor post, its dateline at the start as journalists type it."""
    from django.utils.text import slugify

    when = story.published_at or story.created_at
    gmt = when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    slug = story.slug
    # Classic-editor text: paragraphs apart by blank lines, no markup.
    paragraphs = re.findall(r"<p>(.*?)</p>", story.body)
    paragraphs[0] = f"{story.dateline}: {paragraphs[0]}"
    terms = [
        f'<category domain="category" nicename="{slugify(section)}">{cdata(section)}</category>',
        *(
            f'<category domain="post_tag" nicename="{slugify(tag)}">{cdata(tag)}</category>'
            for tag in tags
        ),
    ]
    return (
        "<item>"
        f"<title>{cdata(story.headline)}</title>"
        f"<link>{SITE}/{when:%Y/%m}/{escape(slug)}/</link>"
        f"<dc:creator>{cdata(author)}</dc:creator>"
        f'<guid isPermaLink="false">{SITE}/?p={number}</guid>'
        f"<content:encoded>{cdata(chr(10).join(paragraphs))}</content:encoded>"
        f"<excerpt:encoded>{cdata(story.standfirst)}</excerpt:encoded>"
        f"<wp:post_id>{number}</wp:post_id>"
        f"<wp:post_date>{cdata(gmt)}</wp:post_date>"
        f"<wp:post_date_gmt>{cdata(gmt)}</wp:post_date_gmt>"
        f"<wp:post_name>{cdata(slug)}</wp:post_name>"
        f"<wp:status>{cdata(status)}</wp:status>"
        "<wp:post_parent>0</wp:post_parent>"
        f"<wp:post_type>{cdata('post')}</wp:post_type>" + "".join(terms) + "</item>\n"
    )


def write_export(path: Path, posts: int, *, seed: int = 1) -> None:
    """Write an export of ``posts`` posts to ``path``; the same seed writes the same file."""
    from django.utils.text import slugify

    from articles.seeding import (
        DEFAULT_SECTIONS,
        StoryGenerator,
        author_names,
        tag_names,
    )

    now = datetime(2026, 1, 1, tzinfo=UTC)
    generator = StoryGenerator(seed=seed, now=now, years=8, section_count=len(DEFAULT_SECTIONS))
    authors, tags = author_names(), tag_names()
    batch = 1000
    with path.open("w", encoding="utf-8") as out:
        out.write(channel(generator, DEFAULT_SECTIONS, tags, authors))
        for index, first in enumerate(range(1, posts + 1, batch)):
            count = min(batch, posts + 1 - first)
            for offset, story in enumerate(generator.batch(index, first_number=first, count=count)):
                number = first + offset
                out.write(
                    post(
                        story,
                        number,
                        section=DEFAULT_SECTIONS[story.section_index],
                        tags=[tags[i] for i in story.tag_indexes],
                        author=slugify(authors[story.author_indexes[0]]),
                        status=STATUSES[number % len(STATUSES)],
                    )
                )
        out.write("</channel>\n</rss>\n")


def fresh_database() -> str:
    """Drop and make the benchmark's database; its URL."""
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    return f"{SERVER}/{DATABASE}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="Write the export here and keep it.")
    arguments = parser.parse_args()
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()

    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        export = arguments.keep or Path(folder) / "export.xml"
        started = time.perf_counter()
        write_export(export, arguments.posts)
        size, took = export.stat().st_size / 1e6, time.perf_counter() - started
        print(f"Wrote {arguments.posts} posts ({size:.0f} MB) in {took:.0f} s.")
        environment = {
            **os.environ,
            "DATABASE_URL": fresh_database(),
            "DEBUG": "1",
            "FULL_PAGE_CACHE_SECONDS": "0",
        }
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=environment, check=True)
        started = time.perf_counter()
        # Preparing readers' pages runs at its own pace (docs/benchmarks.md); measured here is
        # the import itself.
        import_command = [*manage, "import_wordpress", str(export), "--defer-preparation"]
        subprocess.run(import_command, env=environment, check=True)
        total = time.perf_counter() - started
    print(
        f"import_wordpress: {total:.0f} s from start to end, "
        f"{arguments.posts / total:.0f} posts a second; load average {os.getloadavg()[0]:.1f}."
    )


if __name__ == "__main__":
    main()
