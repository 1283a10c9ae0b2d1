"""A story's picture answers readers only while readers can see the story.

Pictures are fetched at the addresses the pages name, with /media/ answered as nginx answers
it (public copies from disk, everything else by the application). Every step is taken
through the desk, its after-commit work included, as in production.
"""

from io import BytesIO
from pathlib import PurePosixPath

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles import workflow
from articles.models import Article
from tests.conftest import logged_in_client
from tests.desk_forms import ADD_URL, article_form_data, change_url, new_article_data, post_step
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory, stored_jpeg
from tests.html import parse

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.readers.media_as_nginx_serves_it")]


def jpeg(size=(1400, 800), colour=(180, 120, 60)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return SimpleUploadedFile("harvest.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def draft(journalist_client) -> Article:
    """A journalist's draft with a picture, uploaded through the desk's story form."""
    data = new_article_data(
        section=SectionFactory(),
        authors=[AuthorFactory()],
        image=jpeg(),
        image_alt="Wheat sheaves at dawn",
    )
    assert journalist_client.post(ADD_URL, data).status_code == 302
    return Article.objects.get()


@pytest.fixture
def step(django_capture_on_commit_callbacks):
    def take(client, story: Article, action: str, **fields) -> None:
        steps_before = story.events.count()
        with django_capture_on_commit_callbacks(execute=True):
            post_step(client, story, action, **fields)
        assert story.events.count() == steps_before + 1, f"{action} was refused"
        story.refresh_from_db()

    return take


def picture_addresses(response) -> set[str]:
    """Every address of an uploaded picture the page names, in src and srcset."""
    page = parse(response)
    addresses = set()
    for element in page.find_all("img") + page.find_all("source"):
        addresses.add(element.attrs.get("src", ""))
        addresses.update(
            candidate.split()[0]
            for candidate in element.attrs.get("srcset", "").split(",")
            if candidate.strip()
        )
    return {address for address in addresses if address.startswith(settings.MEDIA_URL)}


def shown_in_staff_preview(story: Article, client) -> set[str]:
    response = client.get(reverse("articles:staff-preview", args=[story.pk]))
    assert response.status_code == 200
    addresses = picture_addresses(response)
    assert addresses
    return addresses


def shown_to_readers(story: Article, reader_client) -> set[str]:
    response = reader_client.get(story.get_absolute_url())
    assert response.status_code == 200
    addresses = picture_addresses(response)
    assert addresses
    return addresses


def answering(client, addresses: set[str], **headers) -> set[str]:
    """The addresses that give this client a picture."""
    found = set()
    for address in addresses:
        response = client.get(address, headers=headers)
        if response.status_code == 200:
            assert response["Content-Type"].startswith("image/")
            found.add(address)
        else:
            assert response.status_code == 404
    return found


def test_a_drafts_picture_answers_no_reader_until_the_story_is_published(
    draft, journalist_client, editor_client, reader_client, step
):
    in_the_desk = shown_in_staff_preview(draft, journalist_client)
    assert answering(reader_client, in_the_desk) == set()

    step(editor_client, draft, "approve")

    published = shown_to_readers(draft, reader_client)
    assert answering(reader_client, published) == published
    # The addresses staff saw before remain private.
    assert answering(reader_client, in_the_desk) == set()


SCHEDULE = {"publish_at": "2099-01-01T09:00"}


@pytest.mark.parametrize(
    ("first", "first_fields", "then", "then_fields"),
    [
        ("approve", {}, "unpublish", {"workflow_comment": "The photo names a witness."}),
        ("approve", {}, "trash", {}),
        ("schedule", SCHEDULE, "send_back", {"workflow_comment": "Crop the photo."}),
    ],
    ids=["unpublished", "trashed", "sent back"],
)
def test_a_story_leaving_the_site_takes_its_pictures_public_addresses_down(
    draft, editor_client, reader_client, step, first, first_fields, then, then_fields
):
    step(editor_client, draft, first, **first_fields)
    public = shown_in_staff_preview(draft, editor_client)
    assert answering(reader_client, public) == public

    step(editor_client, draft, then, **then_fields)

    assert answering(reader_client, public) == set()
    private = shown_in_staff_preview(draft, editor_client)
    assert answering(editor_client, private) == private


def test_republishing_brings_the_same_addresses_back(draft, editor_client, reader_client, step):
    step(editor_client, draft, "approve")
    published = shown_to_readers(draft, reader_client)
    step(editor_client, draft, "unpublish", workflow_comment="Checking a caption.")
    assert answering(reader_client, published) == set()

    step(editor_client, draft, "approve")

    assert shown_to_readers(draft, reader_client) == published
    assert answering(reader_client, published) == published


def test_restoring_a_revision_brings_its_picture_back_to_readers(
    draft, editor_client, reader_client, step, django_capture_on_commit_callbacks
):
    step(editor_client, draft, "approve")
    first_picture = shown_to_readers(draft, reader_client)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            change_url(draft), article_form_data(draft, image=jpeg((1000, 1000), (20, 60, 140)))
        )
    assert response.status_code == 302
    second_picture = shown_to_readers(draft, reader_client)
    assert answering(reader_client, first_picture) == set()
    assert answering(reader_client, second_picture) == second_picture

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_article_restore_revision", args=[draft.pk, 1])
        )
    assert response.status_code == 302

    restored = shown_to_readers(draft, reader_client)
    assert answering(reader_client, restored) == restored
    assert answering(reader_client, second_picture) == set()
    page = parse(reader_client.get(draft.get_absolute_url()))
    picture = page.find("figure", class_="story-figure").find("img")
    assert (picture.attrs["width"], picture.attrs["height"]) == ("1400", "800")


def test_a_scheduled_storys_picture_waits_under_names_no_public_page_gives(
    draft, editor_client, reader_client, step
):
    """The one exception, chosen in articles/pictures.py: nothing runs at a story's time."""
    step(editor_client, draft, "schedule", **SCHEDULE)

    waiting = shown_in_staff_preview(draft, editor_client)
    assert answering(reader_client, waiting) == waiting
    assert reader_client.get(draft.get_absolute_url()).status_code == 404
    assert not picture_addresses(reader_client.get("/")) & waiting
    token = PurePosixPath(draft.image.name).stem
    assert len(token) >= 24
    assert all(PurePosixPath(address).stem.startswith(token) for address in waiting)


def test_staff_who_may_see_a_draft_see_its_picture_in_the_desk(
    draft, journalist_client, editor_client, reader_client
):
    change_page = parse(journalist_client.get(change_url(draft)))
    preview = {change_page.find("img", class_="newsroom-image-preview").attrs["src"]}
    original = {draft.image.url}
    in_staff_preview = shown_in_staff_preview(draft, journalist_client)
    private = preview | original | in_staff_preview

    assert answering(journalist_client, private) == private
    assert answering(editor_client, private) == private
    colleague = logged_in_client(UserFactory(role="Journalist"))
    assert answering(colleague, private) == set()
    assert answering(reader_client, private) == set()


def test_a_share_link_shows_the_drafts_picture_to_its_holder_while_it_works(
    draft, editor_client, reader_client
):
    editor_client.post(reverse("admin:articles_article_share", args=[draft.pk]), {"lifetime": "1d"})
    link = draft.preview_links.get()
    link_page = f"http://testserver{workflow.share_link_url(link)}"
    shared = picture_addresses(reader_client.get(link_page))
    assert shared

    assert answering(reader_client, shared, referer=link_page) == shared
    assert answering(reader_client, shared) == set()
    assert answering(reader_client, shared, referer="http://testserver/") == set()

    editor_client.post(reverse("admin:articles_article_revoke_share", args=[draft.pk, link.pk]))
    assert answering(reader_client, shared, referer=link_page) == set()


def test_an_authors_photo_is_public(reader_client):
    author = AuthorFactory(photo=stored_jpeg(300, 300))
    ArticleFactory(published=True, authors=[author])

    response = reader_client.get(author.get_absolute_url())

    photo = picture_addresses(response)
    assert photo
    assert answering(reader_client, photo) == photo


def test_private_picture_address_is_named():
    name = "renditions/ab/abcdef-320.jpeg"
    assert reverse("articles:private-picture", kwargs={"name": name}) == f"/media/{name}"
