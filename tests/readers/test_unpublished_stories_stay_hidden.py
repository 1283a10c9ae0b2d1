"""Only ``published()`` stories reach readers, on every page of the readers' site."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse

from articles.models import Correction
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["draft", "in_review", "scheduled", "sent_back", "unpublished", "trashed"]


@pytest.fixture
def newsroom():
    """One published story and one in each hidden state, sharing section, author and tag."""
    section = SectionFactory(name="National", slug="national")
    author = AuthorFactory(name="Amina Sadat")
    visible = ArticleFactory(
        published=True, section=section, authors=[author], tags=["budget"], headline="Visible story"
    )
    Correction.objects.create(article=visible, text="Visible correction.")
    hidden = {}
    for state in HIDDEN_STATES:
        traits = {} if state == "draft" else {state: True}
        hidden[state] = ArticleFactory(
            section=section, authors=[author], tags=["budget"], headline=f"Hidden {state}", **traits
        )
        Correction.objects.create(article=hidden[state], text=f"Correction on hidden {state}.")
    return {"visible": visible, "hidden": hidden, "section": section, "author": author}


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_story_address_answers_404(reader_client, newsroom, state):
    assert reader_client.get(newsroom["hidden"][state].get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "address",
    [
        "/",
        "/archive/",
        "/section/national/",
        "/tag/budget/",
        "/authors/amina-sadat/",
        "/corrections/",
    ],
)
def test_hidden_stories_appear_on_no_listing(reader_client, newsroom, address):
    response = reader_client.get(address)
    assert response.status_code == 200
    assert b"Visible story" in response.content
    for state in HIDDEN_STATES:
        assert f"Hidden {state}".encode() not in response.content
        assert f"Correction on hidden {state}".encode() not in response.content


def test_hidden_stories_are_not_related_posts(reader_client, newsroom):
    response = reader_client.get(newsroom["visible"].get_absolute_url())
    assert b"Hidden" not in response.content


def test_tag_lists_leave_hidden_stories_out_and_offer_no_older_page(reader_client, newsroom):
    page = parse(reader_client.get(reverse("articles:tag", kwargs={"slug": "budget"})))
    listed = page.find("ol", class_="story-list").find_all("article")
    assert [card.find("h2").text for card in listed] == [newsroom["visible"].headline]
    assert page.find_all("nav", class_="pagination") == []


def test_scheduled_story_appears_once_its_time_has_come(reader_client, newsroom):
    """No save happens when a scheduled story goes live; the cached home page must notice."""
    assert b"Hidden scheduled" not in reader_client.get("/").content
    later = newsroom["hidden"]["scheduled"].published_at + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert b"Hidden scheduled" in reader_client.get("/").content
