"""Who may do what, enforced on the server: refused steps change nothing, whatever is posted."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.models import Article, ArticleEvent, SlugRedirect
from tests.desk_forms import article_form_data, change_url, new_article_data, post_step
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Article.Status

# (step, starting state as a factory trait or "draft", comment) for the role matrix.
STEPS = {
    "submit": ("draft", ""),
    "withdraw": ("in_review", ""),
    "approve": ("in_review", ""),
    "schedule": ("in_review", ""),
    "send_back": ("in_review", "Check the figures."),
    "unpublish": ("published", "Legal review."),
    "restore": ("unpublished", ""),
    "trash": ("draft", ""),
    "restore_from_trash": ("trashed", ""),
}
JOURNALIST_MAY_ON_OWN_STORY = {"submit", "withdraw"}


def story_in(state: str, **fields) -> Article:
    traits = {} if state == "draft" else {state: True}
    return ArticleFactory(**traits, **fields)


def take_step(client, story, action, comment):
    fields = {"workflow_comment": comment}
    if action == "schedule":
        fields["publish_at"] = "2999-01-01T10:00"
    return post_step(client, story, action, **fields)


@pytest.mark.parametrize("action", sorted(STEPS))
def test_journalist_may_only_submit_and_withdraw_their_own_story(
    action, journalist, journalist_client
):
    state, comment = STEPS[action]
    story = story_in(state, created_by=journalist)
    take_step(journalist_client, story, action, comment)
    moved = ArticleEvent.objects.filter(article=story).exists()
    assert moved == (action in JOURNALIST_MAY_ON_OWN_STORY)


@pytest.mark.parametrize("action", sorted(JOURNALIST_MAY_ON_OWN_STORY))
def test_journalist_may_not_move_someone_elses_story(action, journalist_client):
    state, comment = STEPS[action]
    story = story_in(state, created_by=UserFactory(role="Journalist"))
    response = take_step(journalist_client, story, action, comment)
    assert response.status_code == 404
    assert not ArticleEvent.objects.exists()


@pytest.mark.parametrize("action", sorted(STEPS))
def test_editor_may_take_every_step(action, editor_client):
    state, comment = STEPS[action]
    story = story_in(state, created_by=UserFactory(role="Journalist"))
    take_step(editor_client, story, action, comment)
    assert ArticleEvent.objects.filter(article=story).count() == 1


@pytest.mark.parametrize("action", sorted(STEPS))
def test_superuser_may_take_every_step(action, administrator_client):
    state, comment = STEPS[action]
    story = story_in(state)
    take_step(administrator_client, story, action, comment)
    assert ArticleEvent.objects.filter(article=story).count() == 1


def test_bulk_approve_by_a_journalist_publishes_nothing(journalist, journalist_client):
    stories = [ArticleFactory(created_by=journalist, in_review=True) for _ in range(2)]
    response = journalist_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "approve_selected", "_selected_action": [s.pk for s in stories]},
        follow=True,
    )
    assert response.status_code == 200
    assert not Article.objects.published().exists()
    assert not ArticleEvent.objects.exists()


def test_journalists_are_not_offered_editors_bulk_actions(journalist_client, editor_client):
    list_url = reverse("admin:articles_article_changelist")
    assert 'value="approve_selected"' not in journalist_client.get(list_url).text
    assert 'value="submit_selected"' in journalist_client.get(list_url).text
    assert 'value="approve_selected"' in editor_client.get(list_url).text


def test_bulk_approve_by_an_editor_reports_each_refusal(editor_client):
    ready = ArticleFactory(in_review=True)
    sent_back = ArticleFactory(unpublished=True, headline="Pulled story")
    live = ArticleFactory(published=True, headline="Already out")
    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "approve_selected", "_selected_action": [ready.pk, sent_back.pk, live.pk]},
        follow=True,
    )
    ready.refresh_from_db()
    sent_back.refresh_from_db()
    assert (ready.status, sent_back.status) == (Status.PUBLISHED, Status.PUBLISHED)
    assert "“Already out” is Published" in response.text
    assert not live.events.exists()


def test_journalist_cannot_smuggle_status_or_publication_time(journalist, journalist_client):
    story = ArticleFactory(created_by=journalist)
    journalist_client.post(
        change_url(story),
        article_form_data(
            story,
            headline="A new headline",
            status="published",
            published_at="2020-01-01 10:00:00",
            created_by=UserFactory().pk,
            version=99,
            deleted_at="2020-01-01 10:00:00",
        ),
    )
    story.refresh_from_db()
    assert story.headline == "A new headline"
    assert (story.status, story.published_at, story.created_by) == (Status.DRAFT, None, journalist)
    assert (story.version, story.deleted_at) == (2, None)


def test_new_story_with_smuggled_fields_is_still_a_draft_of_its_writer(
    journalist, journalist_client
):
    journalist_client.post(
        "/admin/articles/article/add/",
        new_article_data(
            section=SectionFactory(),
            authors=[AuthorFactory()],
            status="published",
            published_at="2020-01-01 10:00:00",
            created_by=UserFactory().pk,
        ),
    )
    story = Article.objects.get()
    assert (story.status, story.published_at, story.created_by) == (Status.DRAFT, None, journalist)


def test_journalist_asking_to_publish_a_new_story_is_refused(journalist_client):
    response = journalist_client.post(
        "/admin/articles/article/add/",
        new_article_data(
            section=SectionFactory(), authors=[AuthorFactory()], _transition="approve"
        ),
    )
    assert response.status_code == 200
    assert "You may not approve this story." in response.text
    assert not Article.objects.exists()


def test_journalist_may_give_their_story_any_byline_and_it_stays_theirs(
    journalist, journalist_client
):
    story = ArticleFactory(created_by=journalist)
    guest, agency = AuthorFactory(name="Guest Writer"), AuthorFactory(name="Wire Agency")
    data = article_form_data(story)
    data.update(
        {
            "byline_set-TOTAL_FORMS": 3,
            "byline_set-1-author": guest.pk,
            "byline_set-2-author": agency.pk,
        }
    )
    assert journalist_client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert [a.name for a in story.authors][1:] == ["Guest Writer", "Wire Agency"]
    assert story.created_by == journalist


@pytest.mark.parametrize("state", ["in_review", "scheduled", "published", "unpublished"])
def test_journalist_cannot_edit_their_story_outside_draft_or_sent_back(
    state, journalist, journalist_client
):
    story = ArticleFactory(created_by=journalist, **{state: True})
    response = journalist_client.post(change_url(story), article_form_data(story, headline="X"))
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.headline != "X"


def test_journalist_edits_their_story_once_it_is_sent_back(journalist, journalist_client):
    story = ArticleFactory(created_by=journalist, sent_back=True)
    response = journalist_client.post(change_url(story), article_form_data(story, headline="X"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "X"


def test_journalist_cannot_see_or_edit_someone_elses_draft(journalist_client):
    story = ArticleFactory(created_by=UserFactory(role="Journalist"))
    # The desk answers as for a story that does not exist: nothing says that it does.
    for response in (
        journalist_client.get(change_url(story)),
        journalist_client.post(change_url(story), article_form_data(story, headline="X")),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert "doesn’t exist" in str(list(get_messages(response.wsgi_request))[-1])
    story.refresh_from_db()
    assert story.headline != "X"


def test_journalist_list_shows_own_stories_and_published_ones(journalist, journalist_client):
    own = ArticleFactory(created_by=journalist, headline="Mine, a draft")
    ArticleFactory(headline="A colleague draft")
    ArticleFactory(published=True, headline="Out for everyone")
    response = journalist_client.get(reverse("admin:articles_article_changelist"))
    assert own.headline in response.text
    assert "Out for everyone" in response.text
    assert "A colleague draft" not in response.text


def test_editor_may_edit_a_published_story(editor_client):
    story = ArticleFactory(published=True)
    response = editor_client.post(change_url(story), article_form_data(story, standfirst="New."))
    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.standfirst, story.status) == ("New.", Status.PUBLISHED)


def test_nobody_deletes_a_story_through_the_admin(editor_client, administrator_client):
    story = ArticleFactory(published=True)
    delete_url = reverse("admin:articles_article_delete", args=[story.pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert administrator_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=story.pk).exists()


def test_editor_changing_a_published_slug_keeps_the_old_address(editor_client):
    story = ArticleFactory(published=True, slug="old-address")
    editor_client.post(change_url(story), article_form_data(story, slug="new-address"))
    story.refresh_from_db()
    assert story.slug == "new-address"
    assert SlugRedirect.objects.get(old_slug="old-address").article == story
