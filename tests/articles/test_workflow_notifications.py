"""Emails reach the right people: active editors on submission, the journalist on decisions."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from articles import workflow
from tests.desk_forms import post_step
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_submission_mails_every_active_editor_and_nobody_else(
    journalist, editor, django_capture_on_commit_callbacks, mailoutbox
):
    second_editor = UserFactory(role="Editor")
    UserFactory(role="Editor", is_active=False)
    UserFactory(role="Journalist")
    story = ArticleFactory(created_by=journalist)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(story, by=journalist)
    assert len(mailoutbox) == 1
    assert sorted(mailoutbox[0].to) == sorted([editor.email, second_editor.email])
    assert f"http://testserver/admin/articles/article/{story.pk}/change/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("decide", "subject"),
    [
        (lambda story, by: workflow.approve(story, by=by), "Published"),
        (
            lambda story, by: workflow.approve(
                story, by=by, publish_at=timezone.now() + timedelta(hours=3)
            ),
            "Scheduled",
        ),
        (lambda story, by: workflow.send_back(story, by=by, comment="Trim it."), "Sent back"),
    ],
)
def test_decisions_on_a_submission_mail_the_journalist(
    decide, subject, journalist, editor, django_capture_on_commit_callbacks, mailoutbox
):
    story = ArticleFactory(created_by=journalist, in_review=True)
    with django_capture_on_commit_callbacks(execute=True):
        decide(story, editor)
    assert [(mail.to, mail.subject.split("] ")[1].split(":")[0]) for mail in mailoutbox] == [
        ([journalist.email], subject)
    ]


def test_unpublishing_mails_the_journalist_with_the_reason(
    journalist, editor, django_capture_on_commit_callbacks, mailoutbox
):
    story = ArticleFactory(created_by=journalist, published=True)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(story, by=editor, reason="A court order.")
    assert mailoutbox[0].to == [journalist.email]
    assert "A court order." in mailoutbox[0].body


def test_withdrawing_sends_no_mail(journalist, django_capture_on_commit_callbacks, mailoutbox):
    story = ArticleFactory(created_by=journalist, in_review=True)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(story, by=journalist)
    assert mailoutbox == []


def test_a_mail_server_that_is_down_does_not_undo_or_break_the_step(
    journalist, editor_client, django_capture_on_commit_callbacks, caplog
):
    story = ArticleFactory(created_by=journalist, in_review=True)
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = post_step(editor_client, story, "approve")
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_live
    assert "Could not send" in caplog.text
