"""Inside the application: how long an editor waits when approving and when saving a story.

Run as ``python -m benchmarks.writing COUNT OUTPUT.json`` with the benchmark's environment.
Approval goes through ``articles.workflow`` (the one place editorial rules live); saving goes
through the admin's change form, filled in as the browser shows it, with 20 tags.
"""

import json
import statistics
import sys
import time
from pathlib import Path

import django

django.setup()

from django.urls import reverse  # noqa: E402

from articles import workflow  # noqa: E402
from articles.models import Article  # noqa: E402
from articles.seeding import tag_names  # noqa: E402
from benchmarks.forms import form_fields  # noqa: E402
from benchmarks.prepare import benchmark_editor, editor_client  # noqa: E402

TAGS_PER_SAVE = 20


def summary(milliseconds: list[float]) -> dict:
    return {
        "count": len(milliseconds),
        "median_ms": statistics.median(milliseconds),
        "max_ms": max(milliseconds),
    }


def approve_timings(count: int) -> dict:
    """Approve ``count`` stories waiting for review, timing each call."""
    editor = benchmark_editor()
    waiting = list(Article.objects.filter(status=Article.Status.IN_REVIEW).order_by("pk")[:count])
    if not waiting:
        return {"reason": "no story is waiting for review"}
    timings = []
    for story in waiting:
        started = time.perf_counter()
        workflow.approve(story, by=editor)
        timings.append((time.perf_counter() - started) * 1000)
    return summary(timings)


def save_with_tags_timings(count: int) -> dict:
    """Save ``count`` published stories through the admin form, each with 20 tags."""
    client = editor_client()
    names = tag_names()
    published = Article.objects.published().order_by("pk")[:count]
    timings = []
    for offset, story in enumerate(published):
        url = reverse("admin:articles_article_change", args=[story.pk])
        data = form_fields(client.get(url).text, form_id="article_form")
        data["tags"] = [", ".join(f'"{name}"' for name in names[offset : offset + TAGS_PER_SAVE])]
        data["_save"] = ["Save"]
        started = time.perf_counter()
        response = client.post(url, data)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 302:
            return {"reason": f"the admin form answered {response.status_code}, not a redirect"}
        if story.tags.count() != TAGS_PER_SAVE:
            return {"reason": f"the story has {story.tags.count()} tags after saving"}
    return summary(timings) if timings else {"reason": "no published story to edit"}


if __name__ == "__main__":
    count = int(sys.argv[1])
    results = {"approve": approve_timings(count), "save_20_tags": save_with_tags_timings(count)}
    Path(sys.argv[2]).write_text(json.dumps(results, indent=2))
