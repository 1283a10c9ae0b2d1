"""``seed_articles`` fills an archive with valid, realistic, repeatable stories for benchmarks."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.utils.html import strip_tags

from articles.models import Article, Author, Byline, Section, TaggedArticle
from articles.sanitize import sanitize_html
from articles.seeding import AUTHOR_POOL_SIZE, TAG_POOL_SIZE

pytestmark = pytest.mark.django_db

STORIES = 150


def seed(count: int = STORIES, seed: int = 7) -> None:
    call_command("seed_articles", count, seed=seed, batch_size=40)


def snapshot() -> list[tuple]:
    """What a reader or an editor would notice about each story, in insertion order."""
    return [
        (
            story.headline,
            story.slug,
            story.body,
            story.status,
            story.published_at,
            story.section.slug,
            [author.slug for author in story.authors],
            sorted(story.tags.names()),
        )
        for story in Article.objects.order_by("pk").select_related("section")
    ]


def test_seeding_adds_the_stories_with_their_bylines_and_three_tags_each():
    seed()

    assert Article.objects.count() == STORIES
    assert set(Section.objects.values_list("name", flat=True)) >= {
        "National",
        "World",
        "Business",
        "Sport",
        "Opinion",
    }
    assert Author.objects.count() == AUTHOR_POOL_SIZE
    bylines_per_story = Counter(Byline.objects.values_list("article_id", flat=True))
    assert len(bylines_per_story) == STORIES
    assert set(bylines_per_story.values()) == {1, 2}
    tags_per_story = Counter(TaggedArticle.objects.values_list("content_object_id", flat=True))
    assert set(tags_per_story.values()) == {3}
    assert len(Article.objects.values_list("slug", flat=True).distinct()) == STORIES


def test_stories_are_about_seven_hundred_words_in_six_paragraphs():
    seed()

    stories = list(Article.objects.all())
    for story in stories:
        assert story.body.count("<p>") == 6
        assert 550 <= story.word_count <= 850
        assert story.word_count == len(strip_tags(story.body).split())
    assert 650 <= sum(story.word_count for story in stories) / len(stories) <= 750


def test_a_few_tags_are_on_a_large_share_of_stories():
    seed()

    popularity = list(
        TaggedArticle.objects.values("tag")
        .annotate(stories=Count("content_object"))
        .order_by("-stories")
        .values_list("stories", flat=True)
    )
    assert popularity[0] >= STORIES / 5
    assert sum(popularity[:5]) >= STORIES / 2
    assert len(popularity) < TAG_POOL_SIZE
    assert popularity[-1] <= 2


def test_generated_bodies_are_already_inside_the_sanitiser_allow_list():
    seed()

    for body in Article.objects.values_list("body", flat=True):
        assert sanitize_html(body) == body


def test_readers_see_exactly_the_published_stories(reader_client):
    seed()

    statuses = Counter(Article.objects.values_list("status", flat=True))
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    assert statuses[Article.Status.PUBLISHED] >= STORIES * 0.9
    assert set(Article.objects.published()) == set(published)
    story = published.earliest("published_at")
    assert story.created_at < story.published_at
    assert reader_client.get(story.get_absolute_url()).status_code == 200


def test_same_seed_gives_the_same_stories_and_another_seed_different_ones():
    seed(seed=7)
    first = snapshot()
    Article.objects.all().delete()

    seed(seed=7)
    assert snapshot() == first
    Article.objects.all().delete()

    seed(seed=8)
    assert snapshot() != first


def test_seeding_again_adds_stories_without_duplicating_authors_tags_or_slugs():
    seed(seed=7)
    seed(seed=7)

    assert Article.objects.count() == 2 * STORIES
    assert len(Article.objects.values_list("slug", flat=True).distinct()) == 2 * STORIES
    assert Author.objects.count() == AUTHOR_POOL_SIZE


@pytest.mark.django_db(transaction=True)
# pytest-xdist runs threads of its own; the seeding workers only talk to the database.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_parallel_seeding_gives_the_same_stories_as_one_process():
    if connection.vendor != "postgresql":
        pytest.skip("seeding runs in parallel on PostgreSQL only")
    call_command("seed_articles", 60, seed=5, batch_size=20, jobs=1)
    alone = sorted(snapshot())
    Article.objects.all().delete()

    call_command("seed_articles", 60, seed=5, batch_size=20, jobs=3)

    assert sorted(snapshot()) == alone
