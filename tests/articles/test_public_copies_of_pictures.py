"""Which pictures have public copies, and how the pictures readers saw before get theirs.

A story's renditions are named by their public copies exactly while ``published()`` includes
the story, now or at its scheduled time (articles/pictures.py); otherwise by the private
files, which nginx does not serve.
"""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.utils import timezone

from articles.models import Article, Author
from articles.pictures import private_name, public_copy_names, renamed
from tests.factories import ArticleFactory, AuthorFactory, stored_jpeg

pytestmark = pytest.mark.django_db

STATES = ["draft", "in_review", "sent_back", "scheduled", "published", "unpublished", "trashed"]


def traits(state: str) -> dict:
    return {} if state == "draft" else {state: True}


@pytest.mark.parametrize("state", STATES)
def test_a_storys_pictures_are_public_exactly_while_published_includes_it_now_or_later(state):
    story = ArticleFactory(**traits(state), image=stored_jpeg())
    at_any_time = timezone.now() + timedelta(days=36_500)

    seen_by_readers = Article.objects.published(at=at_any_time).filter(pk=story.pk).exists()
    names = public_copy_names(story.image_renditions)

    assert story.is_live_or_scheduled == seen_by_readers
    assert bool(names) == seen_by_readers
    assert all(default_storage.exists(name) for name in names)


def test_upgrading_gives_the_pictures_readers_see_their_public_copies():
    live, draft = (
        ArticleFactory(published=True, image=stored_jpeg()),
        ArticleFactory(image=stored_jpeg()),
    )
    author = AuthorFactory(photo=stored_jpeg(300, 300))
    rows = [(Article, live, "image_renditions"), (Author, author, "photo_renditions")]
    # As kept before: every rendition under its private name, and no public copies.
    for model, row, field in rows:
        for name in public_copy_names(getattr(row, field)):
            default_storage.delete(name)
        model.objects.filter(pk=row.pk).update(
            **{field: renamed(getattr(row, field), private_name)}
        )
    draft_before = Article.objects.get(pk=draft.pk).image_renditions

    upgrade = importlib.import_module("articles.migrations.0010_public_copies_of_live_pictures")
    upgrade.publish_live_pictures(apps, schema_editor=None)

    for model, row, field in rows:
        renditions = model.objects.filter(pk=row.pk).values_list(field, flat=True).get()
        names = public_copy_names(renditions)
        assert names and all(default_storage.exists(name) for name in names)
        assert renditions == getattr(row, field)
    assert Article.objects.get(pk=draft.pk).image_renditions == draft_before
    assert draft_before["jpeg"] and not public_copy_names(draft_before)


@pytest.mark.usefixtures("migrated_data")
def test_a_save_outside_any_transaction_deletes_the_copies_it_stops_naming():
    story = ArticleFactory(published=True, image=stored_jpeg())
    copies = public_copy_names(story.image_renditions)

    story.status = Article.Status.UNPUBLISHED
    story.save()

    assert copies
    assert not any(default_storage.exists(name) for name in copies)
    assert not public_copy_names(Article.objects.get(pk=story.pk).image_renditions)
