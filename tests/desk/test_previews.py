"""Staff preview stories they work on; share links show one draft, while valid, to anyone."""

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import PreviewLink
from tests.conftest import logged_in_client
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def share(client, story, lifetime="1d") -> PreviewLink:
    client.post(reverse("admin:articles_article_share", args=[story.pk]), {"lifetime": lifetime})
    return story.preview_links.latest("created_at")


def assert_private_preview(response):
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_staff_preview_shows_the_draft_as_readers_will_see_it(journalist, journalist_client):
    story = ArticleFactory(created_by=journalist, headline="Embargoed until noon")
    response = journalist_client.get(reverse("articles:staff-preview", args=[story.pk]))
    assert response.status_code == 200
    assert "Embargoed until noon" in response.text
    assert '<meta name="robots" content="noindex' in response.text
    assert_private_preview(response)


def test_journalist_cannot_preview_a_colleagues_draft(journalist_client):
    story = ArticleFactory(created_by=UserFactory(role="Journalist"))
    response = journalist_client.get(reverse("articles:staff-preview", args=[story.pk]))
    assert response.status_code == 404


def test_share_link_shows_the_draft_to_someone_without_an_account(editor_client, reader_client):
    story = ArticleFactory(headline="Draft for the lawyer")
    link = share(editor_client, story)
    assert link.expires_at - timezone.now() > timedelta(hours=23)
    response = reader_client.get(workflow.share_link_url(link))
    assert response.status_code == 200
    assert "Draft for the lawyer" in response.text
    assert '<meta name="robots" content="noindex' in response.text
    assert_private_preview(response)


def test_share_link_stops_working_when_it_expires(editor_client, reader_client, monkeypatch):
    link = share(editor_client, ArticleFactory(), lifetime="1h")
    later = link.expires_at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = reader_client.get(workflow.share_link_url(link))
    assert response.status_code == 404
    assert "This preview is not available" in response.text
    assert_private_preview(response)


def test_revoked_share_link_stops_working(editor_client, reader_client):
    story = ArticleFactory()
    link = share(editor_client, story)
    editor_client.post(reverse("admin:articles_article_revoke_share", args=[story.pk, link.pk]))
    assert reader_client.get(workflow.share_link_url(link)).status_code == 404


def test_tampered_share_link_does_not_work(editor_client, reader_client):
    link = share(editor_client, ArticleFactory())
    url = workflow.share_link_url(link)
    assert reader_client.get(url[:-3] + "abc/").status_code == 404
    forged = signing.dumps(link.pk + 1, salt="another-salt")
    assert reader_client.get(f"/preview/{forged}/").status_code == 404


def test_share_link_cannot_be_used_for_another_story(editor_client, reader_client):
    shared = ArticleFactory(headline="The shared one")
    ArticleFactory(headline="The secret one")
    response = reader_client.get(workflow.share_link_url(share(editor_client, shared)))
    assert "The shared one" in response.text and "The secret one" not in response.text
    link = shared.preview_links.get()
    other = ArticleFactory()
    revoke_url = reverse("admin:articles_article_revoke_share", args=[other.pk, link.pk])
    assert editor_client.post(revoke_url).status_code == 404


def test_share_link_of_a_trashed_story_does_not_work(editor_client, reader_client):
    story = ArticleFactory()
    link = share(editor_client, story)
    editor_client.post(
        reverse("admin:articles_article_transition", args=[story.pk]), {"_transition": "trash"}
    )
    assert reader_client.get(workflow.share_link_url(link)).status_code == 404


def test_journalists_cannot_create_share_links(journalist, journalist_client):
    story = ArticleFactory(created_by=journalist)
    journalist_client.post(
        reverse("admin:articles_article_share", args=[story.pk]), {"lifetime": "7d"}
    )
    assert not PreviewLink.objects.exists()


def test_shared_preview_url_name_is_pinned():
    assert reverse("articles:shared-preview", kwargs={"token": "abc"}) == "/preview/abc/"


def test_share_link_page_is_not_shown_for_a_journalist(journalist, editor):
    story = ArticleFactory(created_by=journalist)
    change = reverse("admin:articles_article_change", args=[story.pk])
    assert "Create share link" not in logged_in_client(journalist).get(change).text
    assert "Create share link" in logged_in_client(editor).get(change).text
