"""A rule refuses the same step in the same words whichever way a person takes it: the story
form's buttons, the step posted on its own, a bulk action, or a call from the shell."""

from datetime import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.conftest import logged_in_client
from tests.desk_forms import article_form_data, change_url, post_step
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Article.Status

LONG_AGO = "2001-01-01T10:00"


def through_the_form(person, story, step, **fields) -> str:
    response = logged_in_client(person).post(
        change_url(story), article_form_data(story, _transition=step, **fields)
    )
    assert response.status_code == 200, "a refused step shows the form again"
    return response.text


def posted_on_its_own(person, story, step, **fields) -> str:
    response = post_step(logged_in_client(person), story, step, **fields)
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def as_a_bulk_action(person, story, step, **fields) -> str:
    assert not fields, "bulk actions take no comment or time"
    response = logged_in_client(person).post(
        "/admin/articles/article/",
        {"action": f"{step}_selected", "_selected_action": [story.pk]},
    )
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def from_the_shell(person, story, step, workflow_comment="", publish_at=None) -> str:
    when = timezone.make_aware(datetime.fromisoformat(publish_at)) if publish_at else None
    with pytest.raises(workflow.WorkflowError) as refusal:
        workflow.apply(step, story, by=person, comment=workflow_comment, publish_at=when)
    return str(refusal.value)


@pytest.mark.parametrize("path", [through_the_form, posted_on_its_own, from_the_shell])
def test_a_schedule_in_the_past_is_refused_everywhere(path, editor):
    story = ArticleFactory(in_review=True)

    said = path(editor, story, "schedule", publish_at=LONG_AGO)

    assert "Choose a time in the future to schedule the story." in said
    story.refresh_from_db()
    assert (story.status, story.published_at) == (Status.IN_REVIEW, None)


@pytest.mark.parametrize("path", [through_the_form, posted_on_its_own, from_the_shell])
def test_sending_back_without_a_comment_is_refused_everywhere(path, editor):
    story = ArticleFactory(in_review=True)

    said = path(editor, story, "send_back", workflow_comment="   ")

    assert "a comment is required" in said
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW


@pytest.mark.parametrize(
    "path", [through_the_form, posted_on_its_own, as_a_bulk_action, from_the_shell]
)
def test_a_journalist_publishing_their_own_story_is_refused_everywhere(path, journalist):
    story = ArticleFactory(created_by=journalist)

    said = path(journalist, story, "approve")

    if path is not as_a_bulk_action:  # the bulk action is not offered to journalists at all
        assert "You may not approve this story." in said
    story.refresh_from_db()
    assert story.status == Status.DRAFT
    assert not Article.objects.published().exists()


def test_a_step_nobody_knows_is_refused_with_its_name():
    story = ArticleFactory(in_review=True)

    said = from_the_shell(UserFactory(role="Editor"), story, "publish_everything")

    assert said == "There is no such step as “publish_everything”."


def test_the_workflow_is_the_one_place_that_knows_who_sees_a_story_in_the_desk(
    journalist, journalist_client
):
    own_draft = ArticleFactory(created_by=journalist, headline="Mine, unfinished")
    colleagues_draft = ArticleFactory(headline="A colleague's, unfinished")
    live = ArticleFactory(published=True, headline="Everyone's, live")

    listed = journalist_client.get("/admin/articles/article/").text
    visible = set(workflow.stories_visible_to(journalist))

    assert visible == {own_draft, live}
    assert "Mine, unfinished" in listed and "Everyone&#x27;s, live" in listed
    assert "A colleague&#x27;s, unfinished" not in listed
    assert not workflow.can_view(journalist, colleagues_draft)
