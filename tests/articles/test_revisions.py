"""Every save keeps a full snapshot; any two can be compared and any one restored."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.conftest import logged_in_client
from tests.desk_forms import article_form_data, change_url
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db


def save(client, story, **changes):
    story.refresh_from_db()
    response = client.post(change_url(story), article_form_data(story, **changes))
    assert response.status_code == 302


def revisions_url(story, name="revisions", *args):
    return reverse(f"admin:articles_article_{name}", args=[story.pk, *args])


def test_a_save_stores_everything_a_reader_sees(journalist, journalist_client):
    first, second = AuthorFactory(name="Nadia Noor"), AuthorFactory(name="Omar Aziz")
    story = ArticleFactory(created_by=journalist, authors=[first, second], tags=["water"])
    save(journalist_client, story, image_caption="The river at dawn")
    snapshot = story.revisions.get().snapshot
    assert snapshot["bylines"] == [
        {"id": first.pk, "name": "Nadia Noor"},
        {"id": second.pk, "name": "Omar Aziz"},
    ]
    assert snapshot["tags"] == ["water"]
    assert snapshot["section"]["name"] == story.section.name
    assert snapshot["image_caption"] == "The river at dawn"
    assert {"headline", "standfirst", "dateline", "body", "image", "image_alt"} <= set(snapshot)


def test_two_revisions_side_by_side_show_what_changed_escaped(journalist, journalist_client):
    story = ArticleFactory(created_by=journalist, headline="Budget passes")
    save(journalist_client, story)
    save(journalist_client, story, headline="Budget passes <script>alert(1)</script> narrowly")
    response = journalist_client.get(revisions_url(story, "compare"), {"a": 2, "b": 1})
    assert response.status_code == 200
    text = response.text
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt; narrowly</ins>" in text
    assert "<script>alert(1)" not in text
    assert "Standfirst" not in text.split("revision-diff", 1)[1]  # unchanged fields are left out


def test_restoring_a_revision_adds_a_new_one_and_keeps_history(editor, editor_client):
    story = ArticleFactory(headline="First words")
    save(editor_client, story)
    save(editor_client, story, headline="Second words", tags="late")
    response = editor_client.post(revisions_url(story, "restore_revision", 1))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "First words"
    assert list(story.tags.names()) == []
    assert list(story.revisions.values_list("number", "note")) == [
        (3, "Restored revision 1"),
        (2, "Saved"),
        (1, "Saved"),
    ]
    assert story.version == 4


def test_only_editors_and_the_storys_journalist_see_its_history(journalist):
    story = ArticleFactory(created_by=journalist, published=True)
    colleague = UserFactory(role="Journalist")
    assert logged_in_client(colleague).get(revisions_url(story)).status_code == 403
    assert logged_in_client(journalist).get(revisions_url(story)).status_code == 200


def test_journalist_cannot_restore_a_revision_of_a_story_in_review(journalist, journalist_client):
    story = ArticleFactory(created_by=journalist)
    save(journalist_client, story, headline="Before review")
    Article.objects.filter(pk=story.pk).update(status=Article.Status.IN_REVIEW, headline="Later")
    journalist_client.post(revisions_url(story, "restore_revision", 1))
    story.refresh_from_db()
    assert story.headline == "Later"
    assert story.revisions.count() == 1


def test_restoring_an_older_slug_of_a_published_story_keeps_the_newer_address(editor_client):
    story = ArticleFactory(published=True, slug="first-address")
    save(editor_client, story)
    save(editor_client, story, slug="second-address")
    editor_client.post(revisions_url(story, "restore_revision", 1))
    story.refresh_from_db()
    assert story.slug == "first-address"
    assert list(story.old_slugs.values_list("old_slug", flat=True)) == ["second-address"]
