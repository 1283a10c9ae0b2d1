"""A reader without JavaScript chooses with a form, is told the choice is saved, and is not
asked again on the next page."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

READER_CHOICE_CSS = "/consent/choice.css"


def choose_without_javascript(client: Client, decision: str, next_url: str = "/"):
    return client.post(
        reverse("consent:save"),
        {"decision": decision, "method": "banner", "next": next_url},
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
        follow=True,
    )


def test_the_no_javascript_form_links_the_readers_own_stylesheet(reader_client):
    html = reader_client.get(reverse("articles:home")).content.decode()
    noscript = html[html.index("<noscript") : html.index("</noscript>")]
    assert f'<link rel="stylesheet" href="{READER_CHOICE_CSS}">' in noscript


def test_before_a_choice_the_readers_stylesheet_leaves_the_form_visible():
    response = Client().get(READER_CHOICE_CSS)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert b"consent-noscript" not in response.content


@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_a_choice_is_confirmed_with_a_way_back_to_the_page(decision):
    client = Client()
    response = choose_without_javascript(client, decision, "/section/national/")
    assert response.redirect_chain[-1][1] == 303
    page = response.content.decode()
    assert 'role="status"' in page
    assert "Your choice is saved." in page
    expected = "You allow nothing optional." if decision == "reject" else "You allow "
    assert expected in page
    assert 'href="/section/national/">Back to the page you were reading</a>' in page


@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_after_a_choice_the_form_is_hidden_on_every_page(decision):
    client = Client()
    choose_without_javascript(client, decision)
    css = client.get(READER_CHOICE_CSS)
    assert ".consent-noscript { display: none; }" in css.content.decode()


def test_the_readers_stylesheet_is_never_kept_by_a_shared_cache():
    response = Client().get(READER_CHOICE_CSS)
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_the_confirmation_only_shows_when_a_choice_was_really_made():
    page = Client().get(reverse("consent:choose") + "?saved=1").content.decode()
    assert "Your choice is saved." not in page
    assert "You have not chosen yet" in page


@pytest.mark.parametrize(
    "next_url", ["javascript:alert(1)", "https://evil.example/", "//evil.example/"]
)
def test_the_confirmations_way_back_never_leaves_the_site(next_url):
    client = Client()
    choose_without_javascript(client, "reject")
    page = client.get(reverse("consent:choose"), {"saved": "1", "next": next_url})
    assert 'href="/">Back to the page you were reading</a>' in page.content.decode()
