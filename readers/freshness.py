"""What each readers' page shows, by name, and what each change makes stale.

A page names what it shows with keys: ``story:12`` for each story on it (the story page and
its related posts, every card of a list), ``section:3``, ``tag:8`` and ``author:5`` for the
list it is, ``stories`` for lists of every story (home, archive, search, the site feed,
sitemaps), ``updates`` for sitemaps, which give every story's modified time,
``corrections``, and ``site`` for what every page carries (section navigation,
consent banner, flat pages). Each key has a version in the shared cache: the time of the
last change to what it names. A stored page is served only while every key it shows still
has the version it was stored with (``readers/caching.py``).

A change moves only its own keys, after its transaction commits and after the stories it
touched are prepared again (``readers/prepared.py``): publishing a Sport story moves its own
key, Sport's, its tags' and authors' and ``stories``; a Business story page, its cards and
its related posts stay valid. A change no reader can see (a draft, a story in review, a new
tag no published story carries) moves nothing. Changes that touch many stories (a section,
tag or author renamed) prepare them in the background and move their keys when done; until
then readers get the previous version.

A scheduled story goes live without being saved: the cache remembers when the next one is
due, and the first request after that moment moves its keys (``release_due_stories``).
"""

import logging
import threading
import time

from django.core.cache import cache
from django.db import Error as DatabaseError
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import post_delete
from django.utils import timezone

from readers import purging

logger = logging.getLogger(__name__)

SITE = "site"
STORIES = "stories"
# Any change to a story readers see: sitemaps list every story's modified time.
UPDATES = "updates"
CORRECTIONS = "corrections"
VERSION_PREFIX = "shown"
NEXT_DUE_KEY = "next-story-due"
# A key counts as moved before a moment only if it moved this long before it: a change
# committed while a page was read may be missing from it, and the clocks of two servers
# sharing Redis may differ a little.
UNSETTLED_NS = 100_000_000


def story_key(pk: int) -> str:
    return f"story:{pk}"


def list_keys_of(story) -> set[str]:
    """The lists ``story`` (saved as it is in the database now) appears in."""
    keys = {STORIES, f"section:{story.section_id}"}
    keys.update(f"tag:{pk}" for pk in story.tags.values_list("pk", flat=True))
    keys.update(f"author:{pk}" for pk in story.bylines.values_list("pk", flat=True))
    return keys


# Versions --------------------------------------------------------------------------------


def versions_of(keys) -> dict[str, int]:
    """The current version of each key; a key never changed has version 0."""
    found = cache.get_many([f"{VERSION_PREFIX}:{key}" for key in keys])
    return {key: found.get(f"{VERSION_PREFIX}:{key}", 0) for key in keys}


def unsettled(versions, moment_ns: int) -> bool:
    """Whether one of ``versions`` is from ``moment_ns`` (``time.time_ns()``), after it, or
    within ``UNSETTLED_NS`` before it."""
    return any(version >= moment_ns - UNSETTLED_NS for version in versions)


def moved_since(keys, moment_ns: int) -> bool:
    """Whether one of ``keys`` moved since ``moment_ns``, as ``unsettled`` counts it."""
    return unsettled(versions_of(keys).values(), moment_ns)


def move(keys) -> None:
    """Make every stored page that shows any of ``keys`` stale, here and in caches in front."""
    if keys:
        now = time.time_ns()
        cache.set_many({f"{VERSION_PREFIX}:{key}": now for key in keys}, timeout=None)
        purging.purge(keys)


# Collecting a transaction's changes ------------------------------------------------------


class _Pending(threading.local):
    """What this thread's transactions changed: stories to prepare again, keys to move.

    The first commit callback does the work of them all and the others find nothing to
    do. What a rolled back transaction left here is done with the next commit, harmlessly:
    preparing reads what the database holds, and a moved key only costs a page rendering.
    """

    def __init__(self) -> None:
        self.stories: set[int] = set()
        self.keys: set[str] = set()


_pending = _Pending()


def after_commit(*, stories=(), keys=(), using: str | None = None) -> None:
    """Prepare ``stories`` and move ``keys`` once the current transaction commits.

    The stories of one desk save (the story, its bylines, its tags) are prepared once.
    """
    _pending.stories.update(stories)
    _pending.keys.update(keys)
    when_committed(_flush, using=using)


def when_committed(work, *, using: str | None = None) -> None:
    """Run ``work`` once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(work, using=using)


def _flush() -> None:
    """Prepare the changed stories, then move the keys of what changed.

    A story readers can no longer see leaves the related posts of other stories before any
    page shows it again, without choosing them again (which, for a story related to hundreds
    of others, kept the editor waiting for seconds); the newest of those choose a replacement
    in the background. In the background too, the stories a changed one shows choose again
    (it may belong among theirs), and those showing a story whose card changed show its new
    card (``readers/tasks.py``). The editor's step has committed by now
    and must not fail: if preparing fails, the stories are prepared in the background, and
    readers get their previous parts meanwhile.
    """
    from readers.prepared import prepare_stories, rebuild_related_blocks, stories_listing
    from readers.tasks import (
        forget_older_stories_later,
        neighbours_of,
        prepare_stories_later,
        rebuild_related_blocks_later,
        to_refill,
    )

    stories, keys = _pending.stories, _pending.keys
    if not (stories or keys):
        return
    _pending.stories, _pending.keys = set(), set()
    listing_changed: set[int] = set()
    try:
        if stories:
            preparation = prepare_stories(stories)
            showing_hidden = stories_listing(stories - preparation.prepared)
            listing_changed = rebuild_related_blocks(showing_hidden)
            refilled = to_refill(showing_hidden) - stories
            _remember_next_due()
            prepare_stories_later((neighbours_of(stories) | refilled) - stories)
            rebuild_related_blocks_later(preparation.related_card_changed)
            forget_older_stories_later()
    except DatabaseError:
        logger.exception("Preparing stories %s failed; trying again in the background", stories)
        try:
            prepare_stories_later(stories)
        except DatabaseError:
            logger.exception("Could not queue stories %s; prepare_stories will", stories)
    finally:
        changed = stories | listing_changed
        move(keys | {story_key(pk) for pk in changed} | ({UPDATES} if changed else set()))
        _keep_languages_of(keys)


def _keep_languages_of(keys) -> None:
    """The moved tags' and authors' pages' languages, worked out before a reader asks; if the
    database fails now, the first reader works them out."""
    from readers.subjects import keep_languages_of

    try:
        keep_languages_of(keys)
    except DatabaseError:
        logger.exception("Could not work out the languages of %s", sorted(keys))


# Signal receivers ------------------------------------------------------------------------


def note_what_readers_saw(sender, instance, **kwargs) -> None:
    """Signal receiver (``pre_save`` of stories): what readers saw of it until now.

    Unpublishing, sending back or trashing hides a story; the pages that showed it must
    change all the same, so the save is judged by the state it leaves as well. The lists it
    was on are noted before the save can move it to another section.
    """
    before = None
    if instance.pk:
        before = type(instance).objects.filter(pk=instance.pk).seen_by_readers().first()
    instance.was_seen_by_readers = before is not None
    instance.lists_before = list_keys_of(before) if before is not None else set()
    instance.list_placing_before = (
        (before.section_id, before.published_at, before.language) if before is not None else None
    )


def story_changed(sender, instance, **kwargs) -> None:
    """Signal receiver (``post_save``, ``post_delete`` of stories)."""
    seen_now = kwargs.get("signal") is not post_delete and instance.is_live_or_scheduled
    seen_before = getattr(instance, "was_seen_by_readers", kwargs.get("signal") is post_delete)
    if not (seen_now or seen_before):
        return
    keys = {story_key(instance.pk)}
    placing = (instance.section_id, instance.published_at, instance.language) if seen_now else None
    before = getattr(instance, "list_placing_before", None)
    if placing != before:
        # In a list it was not in, out of one, or at another place in its lists.
        keys |= getattr(instance, "lists_before", set()) | list_keys_of(instance)
        places = {(where[0], where[2]) for where in (before, placing) if where is not None}
        others = type(instance).objects.published().exclude(pk=instance.pk)
        if any(not others.filter(section_id=pk, language=code).exists() for pk, code in places):
            keys |= {SITE}  # each language's navigation lists the sections it has stories in
    # Its translations link to it while readers may see it, at its address.
    versions = instance.versions().exclude(pk=instance.pk).seen_by_readers()
    after_commit(stories=[instance.pk, *versions.values_list("pk", flat=True)], keys=keys)


def story_part_changed(sender, instance, **kwargs) -> None:
    """Signal receiver: a byline, tag or correction of a story readers may see."""
    from articles.models import Article, Byline, Correction

    if isinstance(instance, Byline):
        story_id, key = instance.article_id, f"author:{instance.author_id}"
    elif isinstance(instance, Correction):
        story_id, key = instance.article_id, CORRECTIONS
    else:
        story_id, key = instance.content_object_id, f"tag:{instance.tag_id}"
    if Article.objects.filter(pk=story_id).seen_by_readers().exists():
        after_commit(stories=[story_id], keys={key})


def tags_changed(sender, instance, action, pk_set, **kwargs) -> None:
    """Signal receiver (``m2m_changed``): tags added to or taken from a story at once."""
    from articles.models import Article

    if action not in ("post_add", "post_remove", "post_clear") or not isinstance(instance, Article):
        return
    if Article.objects.filter(pk=instance.pk).seen_by_readers().exists():
        tag_keys = {f"tag:{pk}" for pk in pk_set or ()}
        # Clearing names no tags: the story's former tag pages are found by its key.
        after_commit(stories=[instance.pk], keys=tag_keys or {STORIES})


def subject_changed(sender, instance, **kwargs) -> None:
    """Signal receiver: a section, tag or author, which every story carrying it shows.

    Its own pages and the navigation change at once; its stories are prepared again in the
    background, and their keys move when that is done.
    """
    from articles.models import Article, Tag
    from readers.tasks import prepare_stories_later

    model = Tag if type(instance)._meta.model_name == "tag" else type(instance)
    keys = {f"{model._meta.model_name}:{instance.pk}", SITE}
    if kwargs.get("signal") is post_delete:
        after_commit(keys=keys)
        return
    if not model.objects.shown_to_readers().filter(pk=instance.pk).exists():
        return
    carrying = Article.objects.seen_by_readers().filter(**{model.STORIES_LOOKUP: instance.pk})
    story_ids = list(carrying.values_list("pk", flat=True))
    after_commit(keys=keys)
    when_committed(lambda: prepare_stories_later(story_ids))


def tag_name_changed(sender, instance, **kwargs) -> None:
    """Signal receiver: a tag's name in another language, shown wherever the tag is, as if
    the tag itself had changed (unless it went with its tag)."""
    from articles.models import Tag

    tag = Tag.objects.filter(pk=instance.tag_id).first()
    if tag is not None:
        subject_changed(Tag, tag)


def site_changed(sender, **kwargs) -> None:
    """Signal receiver: navigation, flat pages, slug redirects, third-party scripts."""
    after_commit(keys={SITE})


# Scheduled stories -----------------------------------------------------------------------


def _remember_next_due() -> None:
    from articles.models import Article

    next_due = Article.objects.filter(
        status=Article.Status.SCHEDULED,
        published_at__gt=timezone.now(),
        deleted_at__isnull=True,
    ).aggregate(next_due=Min("published_at"))["next_due"]
    cache.set(NEXT_DUE_KEY, {"at": next_due}, timeout=None)


def release_due_stories(next_due: dict | None) -> bool:
    """Move the keys of scheduled stories that have gone live since the last look.

    ``next_due`` is the cached entry (read with the caller's other entries, in the same
    round trip). Whether any key moved.
    """
    from articles.models import Article

    now = timezone.now()
    if next_due is not None and (next_due["at"] is None or next_due["at"] > now):
        return False
    since = next_due["at"] if next_due else now
    from readers.tasks import prepare_stories_later

    keys, translations = {SITE}, set()
    for story in Article.objects.published().filter(
        status=Article.Status.SCHEDULED, published_at__gte=since
    ):
        keys |= {story_key(story.pk)} | list_keys_of(story)
        translations |= set(story.versions().exclude(pk=story.pk).values_list("pk", flat=True))
    # Their translations were prepared before they went live: now they link to them.
    prepare_stories_later(sorted(translations))
    _remember_next_due()
    if next_due is not None:
        move(keys)
    return next_due is not None


# Values many pages show ------------------------------------------------------------------


def kept(name: str, keys: list[str], compute):
    """``compute()``, kept in the shared cache while none of ``keys`` moves."""
    return kept_each({name: keys}, lambda names: {name: compute()})[name]


def kept_each(entries: dict[str, list[str]], compute) -> dict:
    """For each name of ``entries``, a value kept in the shared cache while none of its keys
    moves; ``compute(names)`` gives those missing or stale, all at once.

    For what many pages show and few changes touch (the section navigation, each section's
    newest stories): one round trip to the cache instead of queries. Versions are read
    before computing, so a change committed meanwhile makes a kept value stale at once.
    """
    version_keys = {key: f"{VERSION_PREFIX}:{key}" for keys in entries.values() for key in keys}
    entry_keys = {name: f"kept:{name}" for name in entries}
    found = cache.get_many([*entry_keys.values(), NEXT_DUE_KEY, *version_keys.values()])
    if release_due_stories(found.get(NEXT_DUE_KEY)):
        found |= cache.get_many(list(version_keys.values()))
    values, stale = {}, {}
    for name, keys in entries.items():
        versions = [found.get(version_keys[key], 0) for key in keys]
        entry = found.get(entry_keys[name])
        if entry is not None and entry["versions"] == versions:
            values[name] = entry["value"]
        else:
            stale[name] = versions
    if stale:
        computed = compute(list(stale))
        cache.set_many(
            {
                entry_keys[name]: {"versions": versions, "value": computed[name]}
                for name, versions in stale.items()
            },
            timeout=None,
        )
        values |= computed
    return values
