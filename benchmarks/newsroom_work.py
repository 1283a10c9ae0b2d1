"""Inside the application: the addresses readers spread over, and an editor at work.

``python -m benchmarks.newsroom_work addresses OUTPUT.json`` lists the paths a day of readers
asks for, each as often as readers ask for it: most on the home page, the sections and the
newest stories, a long tail over the whole archive, some tag and author pages, searches and
feeds. ``python -m benchmarks.newsroom_work edit SECONDS INTERVAL MODE OUTPUT.json`` is an
editor taking one step every INTERVAL seconds for SECONDS, through the workflow as the desk
does: with MODE ``mixed``, in turn a draft saved, a story from review published, a published
story corrected, a draft saved again, a published story unpublished; with ``drafts``, only
drafts saved. With BENCH_WATCH_URL set (the cache in front), each publication and
unpublication is followed by asking that address until readers get the change (the
publication's story on the home page, the unpublished story's page gone: 404), and both the
step's own time and the time from its end to readers getting the change are recorded.
"""

import json
import os
import random
import sys
import time
import urllib.error
import urllib.request
from itertools import cycle
from pathlib import Path

import django

django.setup()

from articles import workflow  # noqa: E402
from articles.models import Article, Author, Section, Tag  # noqa: E402
from benchmarks.prepare import benchmark_editor  # noqa: E402

# How many of each kind of address go in the mix (a path drawn uniformly from the list).
HOME = 200
SECTIONS = 150
NEWEST = 300  # the 100 newest stories, three times each
LONG_TAIL = 250  # stories drawn from the whole archive
TAGS_AND_AUTHORS = 50
SEARCHES = 25
FEEDS = 25
SEARCH_WORDS = ["water", "budget", "wheat", "election", "school", "trade", "floods", "saffron"]
# Seconds after the editor's step that a change not yet seen by readers counts as never seen.
WATCH_LIMIT = 10
# Seconds between two looks, so that watching does not add a load of its own.
WATCH_PAUSE = 0.02


def addresses(seed: int = 1) -> list[str]:
    chance = random.Random(seed)
    published = Article.objects.published()
    newest = [story.get_absolute_url() for story in published.order_by("-published_at")[:100]]
    highest = published.order_by("-pk").values_list("pk", flat=True).first() or 0
    sample = chance.sample(range(1, highest + 1), min(LONG_TAIL * 2, highest))
    tail = [story.get_absolute_url() for story in published.filter(pk__in=sample)][:LONG_TAIL]
    sections = [section.get_absolute_url() for section in Section.objects.shown_to_readers()]
    tags = list(Tag.objects.shown_to_readers().order_by("pk")[:20])
    authors = list(Author.objects.shown_to_readers().order_by("pk")[:20])
    listed = [f"/tag/{tag.slug}/" for tag in tags] + [a.get_absolute_url() for a in authors]
    paths = ["/"] * HOME
    paths += [chance.choice(sections) for _ in range(SECTIONS)]
    paths += newest * (NEWEST // max(len(newest), 1))
    paths += tail
    paths += [chance.choice(listed) for _ in range(TAGS_AND_AUTHORS)]
    paths += [f"/search/?q={chance.choice(SEARCH_WORDS)}" for _ in range(SEARCHES)]
    paths += [chance.choice(["/feeds/rss/", "/feeds/atom/"]) for _ in range(FEEDS)]
    chance.shuffle(paths)
    return paths


def page(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=WATCH_LIMIT) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def readers_got(clicked: float, done: float, url: str, shows_the_change) -> dict:
    """The step's time (``clicked`` to ``done``), and from its end until ``url`` shows the
    change; None when it did not within ``WATCH_LIMIT`` seconds."""
    while time.monotonic() - done < WATCH_LIMIT:
        if shows_the_change(*page(url)):
            return {"step": done - clicked, "seen": time.monotonic() - done}
        time.sleep(WATCH_PAUSE)
    return {"step": done - clicked, "seen": None}


def edit(seconds: float, interval: float, mode: str) -> dict:
    """Take one editorial step every ``interval`` seconds; how many of each, and their time."""
    watch = os.environ.get("BENCH_WATCH_URL", "").rstrip("/")
    seen: dict[str, list[dict]] = {"published": [], "unpublished": []}
    editor = benchmark_editor()
    live = Article.objects.published()
    drafts = Article.objects.filter(status=Article.Status.DRAFT, deleted_at__isnull=True)
    waiting = Article.objects.filter(status=Article.Status.IN_REVIEW, deleted_at__isnull=True)

    def save_draft() -> None:
        story = drafts.order_by("?").first()
        story.standfirst = f"Draft revised at {time.time():.0f}."
        story.save()

    def publish() -> None:
        story = waiting.order_by("?").first()
        clicked = time.monotonic()
        workflow.approve(story, by=editor)
        if watch:
            done = time.monotonic()
            # Its address carries the publication date, set by the step.
            address = Article.objects.get(pk=story.pk).get_absolute_url()
            seen["published"].append(
                readers_got(clicked, done, f"{watch}/", lambda status, body: address in body)
            )

    def correct() -> None:
        story = live.order_by("-published_at").first()
        story.standfirst = f"Updated at {time.time():.0f}."
        story.save()

    def unpublish() -> None:
        story = live.order_by("-published_at")[5]
        address = story.get_absolute_url()
        clicked = time.monotonic()
        workflow.unpublish(story, by=editor, reason="Taken down while a claim is checked.")
        if watch:
            done = time.monotonic()
            seen["unpublished"].append(
                readers_got(clicked, done, f"{watch}{address}", lambda status, body: status == 404)
            )

    mixed = [save_draft, publish, correct, save_draft, unpublish]
    steps = cycle(mixed if mode == "mixed" else [save_draft])
    taken: dict[str, int] = {}
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        due = time.monotonic() + interval
        step = next(steps)
        step()
        taken[step.__name__] = taken.get(step.__name__, 0) + 1
        time.sleep(max(0.0, due - time.monotonic()))
    return {"steps": taken, "seen_after": seen if watch else {}}


if __name__ == "__main__":
    if sys.argv[1] == "addresses":
        Path(sys.argv[2]).write_text(json.dumps({"paths": addresses()}))
    else:
        seconds, interval, mode, output = float(sys.argv[2]), float(sys.argv[3]), *sys.argv[4:6]
        Path(output).write_text(json.dumps(edit(seconds, interval, mode)))
