"""Each transition, taken through the admin as a person would, leaves an audit entry and a
revision, and moves the story only from the states the rules allow."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from articles.models import Article, ArticleEvent
from tests.desk_forms import article_form_data, change_url, new_article_data, post_step
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


def test_journalist_writes_a_story_that_is_theirs_and_a_draft(journalist, journalist_client):
    section, authors = SectionFactory(), [AuthorFactory(), AuthorFactory()]
    response = journalist_client.post(
        "/admin/articles/article/add/", new_article_data(section=section, authors=authors)
    )
    assert response.status_code == 302
    story = Article.objects.get()
    assert (story.created_by, story.status, story.authors) == (journalist, Status.DRAFT, authors)
    assert story.revisions.get().note == "Created"


def test_journalist_submits_from_the_form_and_editors_are_told(
    journalist, journalist_client, editor, django_capture_on_commit_callbacks, mailoutbox
):
    story = ArticleFactory(created_by=journalist)
    with django_capture_on_commit_callbacks(execute=True):
        response = journalist_client.post(
            change_url(story), article_form_data(story, _transition="submit")
        )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
    event = story.events.get()
    assert (event.actor, event.from_status, event.to_status) == (
        journalist,
        Status.DRAFT,
        Status.IN_REVIEW,
    )
    assert [mail.to for mail in mailoutbox] == [[editor.email]]
    assert story.headline in mailoutbox[0].subject


def test_journalist_withdraws_a_submission(journalist, journalist_client):
    story = ArticleFactory(created_by=journalist, in_review=True)
    post_step(journalist_client, story, "withdraw")
    story.refresh_from_db()
    assert story.status == Status.DRAFT
    assert story.events.get().to_status == Status.DRAFT


def test_editor_approves_and_the_story_is_live_at_once(
    journalist, editor, editor_client, reader_client, django_capture_on_commit_callbacks, mailoutbox
):
    story = ArticleFactory(created_by=journalist, in_review=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_step(editor_client, story, "approve")
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED and story.is_live
    assert story.events.get().to_status == Status.PUBLISHED
    assert reader_client.get(story.get_absolute_url()).status_code == 200
    assert [mail.to for mail in mailoutbox] == [[journalist.email]]


def test_scheduled_story_goes_live_at_its_time_with_no_job(
    journalist, editor_client, reader_client, monkeypatch
):
    story = ArticleFactory(created_by=journalist, in_review=True)
    go_live = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    local = timezone.localtime(go_live)
    post_step(editor_client, story, "schedule", publish_at=local.strftime("%Y-%m-%dT%H:%M"))
    story.refresh_from_db()
    assert (story.status, story.published_at) == (Status.SCHEDULED, go_live)
    url = story.get_absolute_url()
    assert reader_client.get(url).status_code == 404

    monkeypatch.setattr(timezone, "now", lambda: go_live + timedelta(seconds=1))
    assert reader_client.get(url).status_code == 200


def test_schedule_needs_a_time_in_the_future(editor_client):
    story = ArticleFactory(in_review=True)
    response = editor_client.post(
        change_url(story),
        article_form_data(story, _transition="schedule", publish_at="2001-01-01T10:00"),
    )
    assert response.status_code == 200
    assert "Choose a time in the future" in response.text
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW


def test_send_back_requires_a_comment_and_mails_it_to_the_journalist(
    journalist, editor_client, django_capture_on_commit_callbacks, mailoutbox
):
    story = ArticleFactory(created_by=journalist, in_review=True)
    post_step(editor_client, story, "send_back", workflow_comment="  ")
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW and not story.events.exists()

    with django_capture_on_commit_callbacks(execute=True):
        post_step(editor_client, story, "send_back", workflow_comment="Name your second source.")
    story.refresh_from_db()
    assert story.status == Status.SENT_BACK
    assert story.events.get().comment == "Name your second source."
    assert mailoutbox[0].to == [journalist.email]
    assert "Name your second source." in mailoutbox[0].body


def test_unpublish_requires_a_reason_and_hides_the_story(
    journalist, editor_client, reader_client, django_capture_on_commit_callbacks, mailoutbox
):
    story = ArticleFactory(created_by=journalist, published=True)
    url = story.get_absolute_url()
    post_step(editor_client, story, "unpublish")
    assert reader_client.get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        post_step(editor_client, story, "unpublish", workflow_comment="Legal review.")
    story.refresh_from_db()
    assert story.status == Status.UNPUBLISHED
    assert story.events.get().comment == "Legal review."
    assert reader_client.get(url).status_code == 404
    assert [mail.to for mail in mailoutbox] == [[journalist.email]]
    assert "Legal review." in mailoutbox[0].body


def test_restore_brings_an_unpublished_story_back_as_a_draft(editor_client):
    story = ArticleFactory(unpublished=True)
    post_step(editor_client, story, "restore")
    story.refresh_from_db()
    assert story.status == Status.DRAFT
    assert story.events.get().from_status == Status.UNPUBLISHED


def test_republished_story_keeps_its_first_date_and_address(editor_client):
    story = ArticleFactory(unpublished=True)
    first_date = story.published_at
    post_step(editor_client, story, "approve")
    story.refresh_from_db()
    assert (story.status, story.published_at) == (Status.PUBLISHED, first_date)


def test_trash_hides_the_story_and_restoring_brings_it_back(editor_client, reader_client):
    story = ArticleFactory(published=True)
    url = story.get_absolute_url()
    post_step(editor_client, story, "trash")
    story.refresh_from_db()
    assert story.deleted_at is not None
    assert reader_client.get(url).status_code == 404

    post_step(editor_client, story, "restore_from_trash")
    story.refresh_from_db()
    assert story.deleted_at is None and story.status == Status.PUBLISHED
    assert reader_client.get(url).status_code == 200
    assert list(story.events.values_list("comment", flat=True)) == [
        "Moved to the trash.",
        "Restored from the trash.",
    ]


def test_every_transition_stores_a_revision(journalist, journalist_client, editor_client):
    story = ArticleFactory(created_by=journalist)
    post_step(journalist_client, story, "submit")
    post_step(editor_client, story, "send_back", workflow_comment="Shorter, please.")
    post_step(journalist_client, story, "submit")
    post_step(editor_client, story, "approve")
    assert story.events.count() == 4
    assert story.revisions.count() == 4
    assert story.revisions.first().snapshot["status"] == Status.PUBLISHED


def test_a_refused_step_changes_nothing_and_says_why(journalist, journalist_client):
    story = ArticleFactory(created_by=journalist, published=True)
    response = post_step(journalist_client, story, "unpublish", workflow_comment="Oops")
    assert (response.status_code, response["Location"]) == (302, change_url(story))
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert said == ["You may not unpublish this story."]
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    assert not ArticleEvent.objects.exists()
