"""Two people (or two tabs) saving the same story: the stale save is refused, nothing is lost."""

from unittest import mock

import pytest

from articles import workflow
from articles.models import Article
from tests.desk_forms import article_form_data, change_url, new_article_data
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def written_on_the_desk(client) -> Article:
    """A story written in the desk's form, so the version people open is in its history."""
    client.post(
        "/admin/articles/article/add/",
        new_article_data(section=SectionFactory(), authors=[AuthorFactory()]),
    )
    return Article.objects.get()


def test_second_save_of_a_stale_form_is_refused_and_both_versions_are_kept(
    journalist, journalist_client, editor, editor_client
):
    story = written_on_the_desk(journalist_client)
    # Both load the form at the same version.
    assert f'value="{story.version}"' in editor_client.get(change_url(story)).text
    editors_form = article_form_data(story, headline="Floods cut off three villages")
    journalists_form = article_form_data(story, standfirst="Rescue teams arrived at dawn.")

    assert editor_client.post(change_url(story), editors_form).status_code == 302
    response = journalist_client.post(change_url(story), journalists_form)

    assert response.status_code == 200
    assert "Not saved" in response.text
    assert "Changed since then: Headline." in response.text
    assert "Rescue teams arrived at dawn." in response.text  # what they typed is still there
    story.refresh_from_db()
    assert story.headline == "Floods cut off three villages"
    assert story.standfirst != "Rescue teams arrived at dawn."
    refused, saved = story.revisions.all()[:2]
    assert refused.note == "Conflicting edit, not applied"
    assert refused.snapshot["standfirst"] == "Rescue teams arrived at dawn."
    assert saved.snapshot["headline"] == "Floods cut off three villages"


def test_after_reading_the_conflict_saving_again_replaces_the_stored_version(
    journalist, journalist_client, editor_client
):
    story = ArticleFactory(created_by=journalist)
    stale = article_form_data(story, standfirst="Mine.")
    editor_client.post(change_url(story), article_form_data(story, standfirst="Theirs."))
    refused = journalist_client.post(change_url(story), stale)
    # The refused form now carries the stored version, so the next save is deliberate.
    assert 'name="loaded_version" value="2"' in refused.text
    journalist_client.post(change_url(story), {**stale, "loaded_version": 2})
    story.refresh_from_db()
    assert (story.standfirst, story.version) == ("Mine.", 3)


def test_two_tabs_of_the_same_person_cannot_overwrite_each_other(journalist, journalist_client):
    story = ArticleFactory(created_by=journalist)
    first_tab = article_form_data(story, headline="From the first tab")
    second_tab = article_form_data(story, headline="From the second tab")
    journalist_client.post(change_url(story), first_tab)
    journalist_client.post(change_url(story), second_tab)
    story.refresh_from_db()
    assert story.headline == "From the first tab"


def test_a_transition_after_loading_the_form_also_makes_it_stale(
    journalist, journalist_client, editor_client
):
    story = ArticleFactory(created_by=journalist, sent_back=True)
    stale = article_form_data(story, standfirst="Late change.")
    journalist_client.post(change_url(story), article_form_data(story, _transition="submit"))
    editor_client.post(
        change_url(Article.objects.get()),
        {**stale, "_transition": "approve"},
    )
    story.refresh_from_db()
    assert story.status == Article.Status.IN_REVIEW
    assert story.standfirst != "Late change."


def test_the_conditional_update_refuses_a_stale_version_even_past_the_form(editor):
    story = ArticleFactory()
    workflow.claim_version(story, by=editor, loaded_version=1)
    with pytest.raises(workflow.StaleEdit):
        workflow.claim_version(story, by=editor, loaded_version=1)


def test_a_transition_that_fails_halfway_leaves_nothing_behind(editor, editor_client):
    story = ArticleFactory(in_review=True)
    with (
        mock.patch("articles.revisions.record", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        workflow.approve(story, by=editor)
    story.refresh_from_db()
    assert (story.status, story.published_at, story.version) == (
        Article.Status.IN_REVIEW,
        None,
        1,
    )
    assert not story.events.exists()


def test_a_failed_transition_sends_no_email(
    editor, journalist, django_capture_on_commit_callbacks, mailoutbox
):
    story = ArticleFactory(in_review=True, created_by=journalist)
    with (
        django_capture_on_commit_callbacks(execute=True),
        mock.patch("articles.revisions.record", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        workflow.send_back(story, by=editor, comment="Tighten it.")
    assert mailoutbox == []


def test_the_refusal_names_the_other_person_and_links_to_the_comparison(
    journalist, journalist_client, editor, editor_client
):
    story = written_on_the_desk(journalist_client)
    stale = article_form_data(story, standfirst="Rescue teams arrived at dawn.")
    editor_client.post(change_url(story), article_form_data(story, headline="Floods"))

    response = journalist_client.post(change_url(story), stale)

    assert f"Not saved: {editor} saved “Floods” after you opened it." in response.text
    comparison = response.context["conflict_comparison_url"]
    assert f'href="{comparison.replace("&", "&amp;")}"' in response.text
    compared = journalist_client.get(comparison)
    assert compared.status_code == 200
    assert "Rescue teams arrived at dawn." in compared.text
    assert "Floods" in compared.text


def test_a_save_from_another_tab_of_the_same_person_says_so(journalist, journalist_client):
    story = written_on_the_desk(journalist_client)
    second_tab = article_form_data(story, headline="From the second tab")
    journalist_client.post(change_url(story), article_form_data(story, headline="First tab"))

    response = journalist_client.post(change_url(story), second_tab)

    assert "Not saved: you saved “First tab” in another tab or window" in response.text
