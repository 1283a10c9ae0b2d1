"""The desk's own pages: the review queue, "My stories", the timeline and the step buttons."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from tests.conftest import logged_in_client
from tests.desk_forms import change_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_awaiting_review_lists_the_oldest_submission_first_with_who_and_when(
    journalist, editor_client, django_assert_max_num_queries
):
    older = ArticleFactory(created_by=journalist, headline="Submitted on Monday")
    newer = ArticleFactory(created_by=journalist, headline="Submitted on Tuesday")
    ArticleFactory(headline="Still a draft")
    workflow.submit(newer, by=journalist)
    workflow.submit(older, by=journalist)
    older.events.update(at=timezone.now() - timedelta(days=1))
    # Session, user, permissions, and one query for the queue whatever its length.
    with django_assert_max_num_queries(6):
        response = editor_client.get(reverse("admin:articles_article_awaiting_review"))
    text = response.text
    assert text.index("Submitted on Monday") < text.index("Submitted on Tuesday")
    assert "Still a draft" not in text
    assert "Jamila Journalist" in text


def test_journalists_have_no_review_queue(journalist_client):
    response = journalist_client.get(reverse("admin:articles_article_awaiting_review"))
    assert response.status_code == 403


def test_my_stories_shows_status_and_the_last_editor_comment(
    journalist, journalist_client, editor, django_assert_max_num_queries
):
    story = ArticleFactory(created_by=journalist, in_review=True, headline="Election night")
    ArticleFactory(headline="Someone else's")
    workflow.send_back(story, by=editor, comment="Add the turnout figures.")
    for number in range(5):
        ArticleFactory(created_by=journalist, headline=f"Another draft {number}")
    # Session, user, groups, permissions, and one query for the list whatever its length.
    with django_assert_max_num_queries(6):
        response = journalist_client.get(reverse("admin:articles_article_my_stories"))
    assert "Election night" in response.text
    assert "Sent back" in response.text
    assert "Add the turnout figures." in response.text
    assert "Someone else" not in response.text


def test_the_admin_index_links_to_the_desk_pages(editor_client, journalist_client):
    editor_index = editor_client.get(reverse("admin:index")).text
    assert reverse("admin:articles_article_awaiting_review") in editor_index
    journalist_index = journalist_client.get(reverse("admin:index")).text
    assert reverse("admin:articles_article_my_stories") in journalist_index
    assert reverse("admin:articles_article_awaiting_review") not in journalist_index


def test_the_story_page_shows_its_timeline(journalist, editor, editor_client):
    story = ArticleFactory(created_by=journalist)
    workflow.submit(story, by=journalist)
    workflow.send_back(story, by=editor, comment="Needs a second source.")
    text = editor_client.get(change_url(story)).text
    assert "Timeline" in text
    assert "Draft → In review" in text
    assert "In review → Sent back" in text
    assert "Needs a second source." in text


def test_buttons_offer_only_the_steps_the_person_may_take(journalist, journalist_client, editor):
    story = ArticleFactory(created_by=journalist)
    journalist_page = journalist_client.get(change_url(story)).text
    assert 'value="submit"' in journalist_page
    assert 'value="approve"' not in journalist_page
    text = logged_in_client(editor).get(change_url(story)).text
    assert 'value="approve"' in text and 'value="schedule"' in text


def test_a_journalist_withdraws_from_the_read_only_page(journalist, journalist_client):
    story = ArticleFactory(created_by=journalist, in_review=True)
    text = journalist_client.get(change_url(story)).text
    assert 'value="withdraw"' in text
    assert f'formaction="{reverse("admin:articles_article_transition", args=[story.pk])}"' in text
