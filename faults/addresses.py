"""Inside the application: the addresses the readers go round, from the seeded content.

Run as ``python -m faults.addresses OUTPUT.json`` with the harness's environment; the list
goes to a file because production logging may write to standard output.
"""

import json
import sys
from pathlib import Path

import django

django.setup()

from django.urls import reverse  # noqa: E402

from articles.models import Article, Section  # noqa: E402
from benchmarks.pages import search_path, tag_path  # noqa: E402

STORY_PAGES = 6
SECTION_PAGES = 2


def addresses() -> list[str]:
    """Home, sections, stories from across the archive, a tag, the feed and a search."""
    published = Article.objects.published().order_by("-published_at")
    count = published.count()
    stories = [
        published[index * count // STORY_PAGES].get_absolute_url()
        for index in range(min(STORY_PAGES, count))
    ]
    sections = [
        reverse("articles:section", kwargs={"slug": slug})
        for slug in Section.objects.order_by("position").values_list("slug", flat=True)[
            :SECTION_PAGES
        ]
    ]
    return [
        reverse("articles:home"),
        *sections,
        *stories,
        tag_path(),
        reverse("articles:rss"),
        search_path(),
    ]


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(json.dumps(addresses(), indent=2))
