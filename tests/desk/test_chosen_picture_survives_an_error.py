"""A picture chosen in a story form that is sent back with an error is kept, shown, and saved
with the story on the next try, without being chosen again."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from desk import pending_uploads
from tests.articles.test_image_uploads import picture_bytes
from tests.desk_forms import ADD_URL, new_article_data
from tests.factories import AuthorFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_without_byline():
    data = new_article_data(section=SectionFactory(), image_alt="A well at dawn")
    data.update({"byline_set-TOTAL_FORMS": 1, "byline_set-0-author": ""})
    data["image"] = SimpleUploadedFile("well.jpg", picture_bytes("JPEG"), "image/jpeg")
    return data


def kept_token(response) -> str:
    return response.context["adminform"].form["pending_image"].value()


def test_the_refused_form_shows_the_chosen_picture_and_says_it_is_kept(
    journalist_client, story_without_byline
):
    response = journalist_client.post(ADD_URL, story_without_byline)

    assert response.status_code == 200
    page = response.content.decode()
    assert "The picture you chose is kept" in page
    preview = journalist_client.get(response.context["kept_image_url"])
    assert preview.status_code == 200
    assert preview["Content-Type"] == "image/jpeg"
    assert f'name="pending_image" value="{kept_token(response)}"' in page


def test_the_next_save_stores_the_kept_picture_with_the_story(
    journalist_client, story_without_byline
):
    refused = journalist_client.post(ADD_URL, story_without_byline)
    author = AuthorFactory()
    retry = {**story_without_byline, "pending_image": kept_token(refused)}
    del retry["image"]
    retry.update({"byline_set-0-author": author.pk})

    response = journalist_client.post(ADD_URL, retry)

    assert response.status_code == 302
    story = Article.objects.get()
    assert story.image.name.endswith(".jpg")
    assert default_storage.exists(story.image.name)
    _, pending = default_storage.listdir(pending_uploads.FOLDER)
    assert pending == []


def test_nobody_else_can_see_or_use_a_kept_picture(journalist_client, client, story_without_byline):
    token = kept_token(journalist_client.post(ADD_URL, story_without_byline))
    colleague = UserFactory(is_staff=True)
    client.force_login(colleague)

    assert client.get("/admin/articles/article/pending-picture/", {"token": token}).status_code in (
        403,
        404,
    )
    assert pending_uploads.file_for(token, colleague) is None


def test_a_forged_token_opens_nothing(journalist_client, journalist):
    response = journalist_client.get(
        "/admin/articles/article/pending-picture/", {"token": "pending/../../secret"}
    )
    assert response.status_code == 404
    assert pending_uploads.file_for("not-a-token", journalist) is None


def test_a_picture_that_is_itself_refused_is_not_kept(journalist_client, story_without_byline):
    story_without_byline["image"] = SimpleUploadedFile("notes.jpg", b"not a picture", "image/jpeg")

    response = journalist_client.post(ADD_URL, story_without_byline)

    assert response.status_code == 200
    assert not kept_token(response)
    assert "kept_image_url" not in response.context
