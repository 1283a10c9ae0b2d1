"""Versions: embargoed early to those entitled, published at its time, withdrawn, corrected;
and changes no subscriber should hear of make no version at all."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article, Correction
from tests.factories import ArticleFactory
from tests.wire.conftest import ids_of
from wire.models import WireItem


@pytest.fixture
def partners(subscribe):
    """One subscriber bound by embargoes, one not."""
    return subscribe("Embargo Partner", receives_embargoed=True), subscribe("Plain Partner")


def time_passes_beyond(story: Article) -> None:
    """Its moment comes, as if the clock had moved past it: nothing saves the story."""
    moment = timezone.now() - timedelta(seconds=1)
    Article.objects.filter(pk=story.pk).update(published_at=moment)
    WireItem.objects.filter(article=story).update(embargoed_until=moment)


def test_an_embargoed_story_reaches_only_the_entitled_subscriber_and_no_reader(
    partners, editor, client
):
    entitled, plain = partners
    story = ArticleFactory(in_review=True)
    at = timezone.now() + timedelta(hours=3)

    workflow.schedule(story, by=editor, publish_at=at)

    item = entitled.item(story.pk).json()
    assert item["pubstatus"] == "withheld"
    assert item["embargoed"] == at.astimezone(timezone.UTC).isoformat(timespec="seconds")
    assert ids_of(entitled.changes()[0]) == [story.pk]
    assert plain.item(story.pk).status_code == 404
    assert plain.changes()[0] == []
    assert entitled.get().json()["items"] == []  # the newest published: not yet
    story.refresh_from_db()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_at_its_time_the_embargoed_story_is_published_to_everyone(partners, editor, client):
    entitled, plain = partners
    story = ArticleFactory(in_review=True)
    workflow.schedule(story, by=editor, publish_at=timezone.now() + timedelta(hours=3))
    _seen, entitled_cursor = entitled.changes()
    _seen, plain_cursor = plain.changes()

    time_passes_beyond(story)

    for partner, cursor in ((entitled, entitled_cursor), (plain, plain_cursor)):
        changed, _cursor = partner.changes(since=int(cursor))
        assert [(item["pubstatus"], item.get("embargoed")) for item in changed] == [
            ("usable", None)
        ]
    assert entitled.item(story.pk).json()["version"] == "2"
    story.refresh_from_db()
    assert client.get(story.get_absolute_url()).status_code == 200


def test_unpublishing_sends_a_canceled_version_without_the_story(partners, editor):
    entitled, plain = partners
    story = ArticleFactory(published=True, headline="A story later withdrawn")
    _seen, cursor = plain.changes()

    workflow.unpublish(story, by=editor, reason="The source retracted.")

    changed, _cursor = plain.changes(since=int(cursor))
    assert len(changed) == 1
    canceled = changed[0]
    assert canceled["pubstatus"] == "canceled"
    assert canceled["version"] == "2"
    assert "headlines" not in canceled and "bodies" not in canceled
    assert "withdrawn" not in str(plain.get().json()["items"]).lower()


def test_a_withdrawn_embargo_is_told_only_to_those_who_had_it(partners, editor):
    entitled, plain = partners
    story = ArticleFactory(in_review=True)
    workflow.schedule(story, by=editor, publish_at=timezone.now() + timedelta(days=1))
    _seen, cursor = entitled.changes()

    workflow.unpublish(story, by=editor, reason="Plans changed.")

    assert [item["pubstatus"] for item in entitled.changes(int(cursor))[0]] == ["canceled"]
    assert plain.changes()[0] == []
    assert plain.item(story.pk).status_code == 404


def test_a_correction_sends_a_new_version(partners, run_committed_work):
    _entitled, plain = partners
    story = ArticleFactory(published=True)
    _seen, cursor = plain.changes()

    Correction.objects.create(article=story, text="The minister's name was misspelt.")

    changed, _cursor = plain.changes(since=int(cursor))
    assert [item["version"] for item in changed] == ["2"]
    assert "misspelt" in changed[0]["ednote"]


def test_republishing_a_withdrawn_story_publishes_it_again(partners, editor):
    _entitled, plain = partners
    story = ArticleFactory(published=True)
    workflow.unpublish(story, by=editor, reason="Check the figures.")
    workflow.restore(story, by=editor)
    workflow.approve(story, by=editor)

    assert plain.item(story.pk).json()["pubstatus"] == "usable"


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda story, editor: story.save(), id="saved unchanged"),
        pytest.param(
            lambda story, editor: workflow.create_share_link(story, by=editor, lifetime="1d"),
            id="share link",
        ),
    ],
)
def test_changes_subscribers_cannot_see_make_no_version(partners, editor, change):
    entitled, _plain = partners
    story = ArticleFactory(published=True)
    _seen, cursor = entitled.changes()

    change(story, editor)

    assert entitled.changes(since=int(cursor))[0] == []
    assert WireItem.objects.get(article=story).version == 1


def test_drafts_and_stories_in_review_never_reach_the_wire_however_often_saved(partners, editor):
    entitled, _plain = partners
    draft, in_review = ArticleFactory(), ArticleFactory(in_review=True)
    for story in (draft, in_review, draft, in_review):
        story.body += "<p>Another paragraph.</p>"
        story.save()

    assert entitled.changes()[0] == []
    assert not WireItem.objects.exists()


def test_editing_a_published_story_sends_an_update(partners):
    _entitled, plain = partners
    story = ArticleFactory(published=True)
    _seen, cursor = plain.changes()

    story.headline = "A sharper headline"
    story.save()

    changed, _cursor = plain.changes(since=int(cursor))
    assert [(item["version"], item["headlines"][0]["value"]) for item in changed] == [
        ("2", "A sharper headline")
    ]


def test_a_story_moved_to_the_trash_is_canceled(partners, editor):
    _entitled, plain = partners
    story = ArticleFactory(published=True)
    plain.changes()

    workflow.move_to_trash(story, by=editor)

    assert plain.item(story.pk).json()["pubstatus"] == "canceled"
