"""A change makes stale the stored pages that show what it changed, and no other.

Pages are stored after a first request; a story's prepared parts are then changed behind the
page cache's back (``change_quietly``), so a page that still shows the old words came from the
store and one that shows the new words was rendered again.
"""

import logging

import pytest

from articles import workflow
from articles.models import Article
from articles.workflow.sharing import SHARE_LINK_LIFETIMES
from readers.models import PreparedStory
from readers.prepared import prepare_stories
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

SHARE_LIFETIME = next(iter(SHARE_LINK_LIFETIMES))


def change_quietly(story, headline: str) -> None:
    Article.objects.filter(pk=story.pk).update(headline=headline)
    prepare_stories([story.pk])


@pytest.fixture
def newsroom(run_committed_work):
    sport, business = SectionFactory(slug="sport"), SectionFactory(slug="business")
    match = ArticleFactory(published=True, section=sport, tags=["league"], headline="Match")
    market = ArticleFactory(published=True, section=business, tags=["trade"], headline="Market")
    run_committed_work()
    return {"sport": sport, "business": business, "match": match, "market": market}


def stored_pages(reader_client, *addresses) -> None:
    for address in addresses:
        assert reader_client.get(address).status_code == 200


def test_publishing_in_sport_leaves_business_pages_valid(reader_client, newsroom, editor):
    market = newsroom["market"]
    business_pages = [market.get_absolute_url(), "/section/business/", "/tag/trade/"]
    stored_pages(reader_client, "/", "/section/sport/", *business_pages)
    change_quietly(market, "Market, quietly changed")

    waiting = ArticleFactory(in_review=True, section=newsroom["sport"], headline="Cup final")
    workflow.approve(waiting, by=editor)

    for address in business_pages:
        page = reader_client.get(address).content
        assert b"Market, quietly changed" not in page, f"{address} was rendered again"
    assert b"Cup final" in reader_client.get("/section/sport/").content
    assert b"Cup final" in reader_client.get("/").content


@pytest.mark.parametrize("step", ["save_draft", "submit", "save_in_review", "share_link"])
def test_changes_readers_cannot_see_leave_every_stored_page_valid(
    reader_client, newsroom, journalist, editor, step
):
    match = newsroom["match"]
    addresses = ["/", "/archive/", "/section/sport/", "/tag/league/", match.get_absolute_url()]
    stored_pages(reader_client, *addresses, "/feeds/rss/", "/sitemap.xml")
    change_quietly(match, "Match, quietly changed")

    draft = ArticleFactory(section=newsroom["sport"], tags=["league"], created_by=journalist)
    if step == "submit":
        workflow.submit(draft, by=journalist)
    elif step == "save_in_review":
        workflow.submit(draft, by=journalist)
        draft.refresh_from_db()
        draft.headline = "Edited while in review"
        draft.save()
    elif step == "share_link":
        workflow.create_share_link(draft, by=editor, lifetime=SHARE_LIFETIME)
    else:
        draft.body = "<p>Another sentence.</p>"
        draft.save()

    for address in [*addresses, "/feeds/rss/", "/sitemap.xml"]:
        assert b"Match, quietly changed" not in reader_client.get(address).content, address


def test_editing_a_live_story_renders_again_the_pages_that_show_it(reader_client, newsroom):
    match, market = newsroom["match"], newsroom["market"]
    stored_pages(
        reader_client, "/", "/section/sport/", match.get_absolute_url(), "/section/business/"
    )
    change_quietly(market, "Market, quietly changed")

    match.headline = "Match report, corrected"
    match.save()

    for address in ("/", "/section/sport/", match.get_absolute_url()):
        assert b"Match report, corrected" in reader_client.get(address).content
    assert b"Market, quietly changed" not in reader_client.get("/section/business/").content


@pytest.fixture
def related_pair(reader_client, run_committed_work):
    """Two live stories on one tag, each among the other's related posts."""
    first = ArticleFactory(published=True, tags=["drought"], headline="Wells run dry")
    second = ArticleFactory(published=True, tags=["drought"], headline="Rain at last")
    run_committed_work()
    assert b"Rain at last" in reader_client.get(first.get_absolute_url()).content
    return first, second


def test_an_unpublished_story_leaves_the_related_posts_of_other_stories_at_once(
    reader_client, related_pair, editor
):
    first, second = related_pair

    workflow.unpublish(second, by=editor, reason="Legal review")

    assert b"Rain at last" not in reader_client.get(first.get_absolute_url()).content
    assert second.pk not in PreparedStory.objects.get(story=first).related_ids


def test_a_corrected_headline_reaches_the_related_posts_showing_it_without_choosing_again(
    reader_client, related_pair, run_committed_work, monkeypatch
):
    first, second = related_pair
    chosen_again = []
    monkeypatch.setattr("readers.tasks.prepare_stories_later", chosen_again.extend)

    second.headline = "Rain at last, and floods"
    second.save()
    run_committed_work()

    assert b"Rain at last, and floods" in reader_client.get(first.get_absolute_url()).content
    assert chosen_again == [first.pk]  # Still waiting: the block came from the stored card.


def test_a_corrected_standfirst_leaves_the_related_posts_showing_the_story_alone(
    related_pair, run_committed_work, monkeypatch
):
    """A related post shows a headline, a section and a date: no other story has work to do."""
    first, second = related_pair
    block = PreparedStory.objects.get(story=first).related
    rebuilt = []
    monkeypatch.setattr("readers.tasks.rebuild_related_blocks_later", rebuilt.extend)

    second.standfirst = "Farmers in three provinces welcomed the first rain of the spring."
    second.save()
    run_committed_work()

    assert rebuilt == []
    assert PreparedStory.objects.get(story=first).related == block


def test_only_the_newest_stories_showing_a_story_taken_down_choose_again(
    run_committed_work, editor, monkeypatch
):
    """The newest stories sit in the related posts of thousands: only the newest choose."""
    older, newer, taken_down = (
        ArticleFactory(published=True, tags=["drought"], headline=headline)
        for headline in ("Wells run dry", "Crops recover", "Rain at last")
    )
    Article.objects.filter(pk=older.pk).update(published_at=newer.published_at.replace(year=2020))
    run_committed_work()
    monkeypatch.setattr("readers.tasks.REFILLED", 1)
    queued = []
    monkeypatch.setattr("readers.tasks.prepare_stories_later", queued.extend)

    workflow.unpublish(taken_down, by=editor, reason="Legal review")
    run_committed_work()

    assert newer.pk in queued
    assert older.pk not in queued
    assert taken_down.pk not in PreparedStory.objects.get(story=older).related_ids


def test_an_unpublished_story_leaves_related_posts_before_the_background_chooses_again(
    reader_client, run_committed_work, editor, monkeypatch
):
    """The step only takes it out; choosing a replacement waits for the background."""
    stories = [
        ArticleFactory(published=True, tags=["drought"], headline=headline)
        for headline in ("Wells run dry", "Rain at last", "Crops recover")
    ]
    run_committed_work()
    first = stories[0]
    assert b"Rain at last" in reader_client.get(first.get_absolute_url()).content
    queued = []
    monkeypatch.setattr("readers.tasks.prepare_stories_later", queued.extend)

    workflow.unpublish(stories[1], by=editor, reason="Legal review")
    run_committed_work()

    page = reader_client.get(first.get_absolute_url()).content
    assert b"Rain at last" not in page
    assert b"Crops recover" in page
    assert first.pk in queued


def test_a_renamed_section_reaches_its_stories_pages(reader_client, newsroom):
    match = newsroom["match"]
    stored_pages(reader_client, match.get_absolute_url())
    sport = newsroom["sport"]
    sport.name = "Sports and games"
    sport.save()
    assert b"Sports and games" in reader_client.get(match.get_absolute_url()).content


def test_a_scheduled_story_appears_once_its_time_has_come(
    reader_client, newsroom, editor, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    waiting = ArticleFactory(in_review=True, section=newsroom["sport"], headline="Kick-off")
    workflow.schedule(waiting, by=editor, publish_at=timezone.now() + timedelta(hours=1))
    assert b"Kick-off" not in reader_client.get("/section/sport/").content

    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert b"Kick-off" in reader_client.get("/section/sport/").content


@pytest.mark.parametrize("page_store_seconds", [300, 0], ids=["page-store", "no-page-store"])
def test_the_navigation_gains_a_section_when_its_first_story_goes_live(
    reader_client, newsroom, editor, monkeypatch, settings, page_store_seconds
):
    from datetime import timedelta

    from django.utils import timezone

    settings.FULL_PAGE_CACHE_SECONDS = page_store_seconds
    weather = SectionFactory(name="Weather", slug="weather")
    waiting = ArticleFactory(in_review=True, section=weather, headline="Snow in Salang")
    workflow.schedule(waiting, by=editor, publish_at=timezone.now() + timedelta(hours=1))
    address = newsroom["market"].get_absolute_url()
    assert b'href="/section/weather/"' not in reader_client.get(address).content

    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert b'href="/section/weather/"' in reader_client.get(address).content

    workflow.unpublish(waiting, by=editor, reason="Wrong pass.")
    assert b'href="/section/weather/"' not in reader_client.get(address).content


def test_a_failing_preparation_is_retried_and_logged_and_never_fails_the_step(
    reader_client, newsroom, editor, monkeypatch, caplog
):
    from readers import tasks

    calls = []

    def failing(story_ids):
        calls.append(story_ids)
        raise RuntimeError("renderer down")

    monkeypatch.setattr(tasks, "prepare_stories", failing)
    with caplog.at_level(logging.ERROR, logger="readers.tasks"):
        tasks.prepare_stories_later([newsroom["match"].pk])
    assert len(calls) == tasks.ATTEMPTS
    assert "attempt 1 of" in caplog.text and f"attempt {tasks.ATTEMPTS} of" in caplog.text
    # Readers still get the story, from the parts prepared before.
    assert reader_client.get(newsroom["match"].get_absolute_url()).status_code == 200


@pytest.mark.waits_for_commit
def test_stories_are_prepared_only_once_the_step_commits(
    django_capture_on_commit_callbacks, editor
):
    waiting = ArticleFactory(in_review=True, headline="Committed news")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(waiting, by=editor)
        assert not PreparedStory.objects.filter(story=waiting).exists()
    assert "Committed news" in PreparedStory.objects.get(story=waiting).page


def test_a_page_read_while_a_change_commits_is_not_kept_as_current(
    reader_client, newsroom, monkeypatch
):
    """A change that lands between reading a story and storing its page leaves it stale."""
    from readers import freshness, story_page

    match = newsroom["match"]
    reader_client.get(match.get_absolute_url())
    freshness.move({freshness.story_key(match.pk)})  # the stored copy is stale now
    render = story_page.story_page

    def render_then_change(request, **kwargs):
        response = render(request, **kwargs)
        change_quietly(match, "Changed while the page was read")
        freshness.move({freshness.story_key(match.pk)})
        return response

    monkeypatch.setattr(story_page, "story_page", render_then_change)
    assert b"Changed while" not in reader_client.get(match.get_absolute_url()).content
    monkeypatch.setattr(story_page, "story_page", render)
    assert b"Changed while the page was read" in reader_client.get(match.get_absolute_url()).content


def test_preparing_an_unchanged_story_again_leaves_its_pages_valid(newsroom):
    """A published story sends its neighbours to be prepared again; most come out the same."""
    from readers import freshness, tasks

    market = freshness.story_key(newsroom["market"].pk)
    before = freshness.versions_of([market])
    tasks.prepare_stories_task.enqueue([newsroom["market"].pk])
    assert freshness.versions_of([market]) == before


def home_blocks(reader_client) -> bytes:
    """The home page's section blocks, without the lead story and the latest list."""
    page = reader_client.get("/").content
    return page.split(b'class="home-sections"')[1].split(b'class="latest"')[0]


def test_home_keeps_each_sections_block_until_its_list_or_stories_change(
    reader_client, newsroom, editor, settings, run_committed_work
):
    settings.FULL_PAGE_CACHE_SECONDS = 0  # cold: only the kept blocks are kept
    match, market = newsroom["match"], newsroom["market"]
    ArticleFactory(published=True, section=newsroom["sport"], headline="Lead of the day")
    run_committed_work()
    assert b"Match" in home_blocks(reader_client)
    change_quietly(market, "Market, quietly changed")

    waiting = ArticleFactory(in_review=True, section=newsroom["sport"], headline="Cup final")
    workflow.approve(waiting, by=editor)
    blocks = home_blocks(reader_client)
    # The new story leads the page; the one it replaced as lead joins Sport's block.
    assert b"Cup final" not in blocks
    assert b"Lead of the day" in blocks
    assert b"Market, quietly changed" not in blocks, "Business's block was built again"

    workflow.unpublish(match, by=editor, reason="Checking the score.")
    assert b"Match<" not in home_blocks(reader_client)
    market.headline = "Market, corrected"
    market.save()
    assert b"Market, corrected" in home_blocks(reader_client)
