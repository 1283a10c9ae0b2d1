"""A change no reader can see leaves every cached public page valid; one they can see does not.

Readers' pages are cached until content changes. A newsroom saves drafts all day: if each
save emptied the caches, readers would always get pages built from scratch.
"""

import pytest

from articles import workflow
from articles.models import Article, Author
from tests.desk_forms import article_form_data, change_url, post_step
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_story() -> Article:
    return ArticleFactory(published=True, section=SectionFactory(name="Business", slug="business"))


@pytest.fixture
def still_valid(reader_client, live_story):
    """Whether the pages readers got before are all still what they would get now (ETag).

    False only when none of them is: a page that changed (or is gone) beside one that did
    not would mean the caches disagree.
    """
    addresses = ["/", live_story.get_absolute_url(), "/section/business/", "/feeds/rss/"]
    etags = {address: reader_client.get(address)["ETag"] for address in addresses}

    def check() -> bool:
        answers = {
            address: reader_client.get(address, headers={"If-None-Match": etag}).status_code
            for address, etag in etags.items()
        }
        unchanged = [status == 304 for status in answers.values()]
        assert all(unchanged) or not any(unchanged), f"pages disagree: {answers}"
        return all(unchanged)

    return check


def test_a_journalist_saving_a_draft_changes_no_public_page(
    journalist, journalist_client, still_valid
):
    draft = ArticleFactory(created_by=journalist)
    assert still_valid()

    response = journalist_client.post(
        change_url(draft), article_form_data(draft, headline="Wells, second draft", tags="Water")
    )

    assert response.status_code == 302
    assert still_valid()


def test_submitting_and_sending_back_a_draft_change_no_public_page(
    journalist, journalist_client, editor_client, still_valid
):
    draft = ArticleFactory(created_by=journalist)

    post_step(journalist_client, draft, "submit")
    post_step(editor_client, draft, "send_back", workflow_comment="Needs a second source.")

    draft.refresh_from_db()
    assert draft.status == Article.Status.SENT_BACK
    assert still_valid()


def test_a_new_author_or_section_nobody_reads_yet_changes_no_public_page(still_valid):
    AuthorFactory(name="A New Correspondent")
    SectionFactory(name="Sport")

    assert still_valid()


def test_editing_a_published_story_changes_the_pages_that_show_it(
    editor_client, live_story, still_valid
):
    editor_client.post(change_url(live_story), article_form_data(live_story, headline="Revised"))

    assert not still_valid()


@pytest.mark.parametrize("step", ["unpublish", "trash"])
def test_taking_a_story_off_the_site_changes_the_pages(editor, live_story, still_valid, step):
    workflow.apply(step, live_story, by=editor, comment="Legal asked us to.")

    assert not still_valid()


def test_publishing_a_draft_changes_the_pages(editor, still_valid):
    story = ArticleFactory(in_review=True)

    workflow.approve(story, by=editor)

    assert not still_valid()


def test_renaming_an_author_readers_know_changes_the_pages(live_story, still_valid):
    author = Author.objects.get(byline__article=live_story)
    author.name = "Renamed Correspondent"
    author.save()

    assert not still_valid()
