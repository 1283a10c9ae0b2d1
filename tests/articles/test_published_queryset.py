"""``Article.objects.published()`` is the one definition of what a reader may see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_published_story_is_visible():
    story = ArticleFactory(published=True)
    assert list(Article.objects.published()) == [story]


@pytest.mark.parametrize("state", ["in_review", "sent_back", "unpublished", "trashed", "scheduled"])
def test_story_that_is_not_live_is_invisible(state):
    ArticleFactory(**{state: True})
    assert not Article.objects.published().exists()


def test_draft_is_invisible():
    ArticleFactory()
    assert not Article.objects.published().exists()


def test_scheduled_story_is_invisible_until_its_time_then_visible_without_any_job():
    story = ArticleFactory(scheduled=True)
    due = story.published_at
    assert not Article.objects.published(at=due - timedelta(seconds=1)).exists()
    assert list(Article.objects.published(at=due)) == [story]
    assert list(Article.objects.published(at=due + timedelta(days=30))) == [story]


def test_scheduled_story_whose_time_has_passed_reads_as_published():
    story = ArticleFactory(scheduled=True, published_at=timezone.now() - timedelta(minutes=1))
    assert story.current_status == Article.Status.PUBLISHED
    assert story.is_live


def test_published_story_with_no_publication_time_is_invisible():
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)
    assert not Article.objects.published().exists()


def test_objects_itself_stays_unfiltered_for_the_desk():
    ArticleFactory()
    ArticleFactory(trashed=True)
    ArticleFactory(published=True)
    assert Article.objects.count() == 3
