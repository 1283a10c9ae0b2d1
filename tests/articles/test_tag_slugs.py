"""Every tag has an address, whatever its name is made of."""

import pytest
from django.urls import reverse

from articles.models import Tag
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_tag_of_punctuation_alone_gets_a_slug_and_its_pages_work(reader_client, editor_client):
    story = ArticleFactory(published=True, tags=["!!!", "?!", "Water"])
    slugs = {tag.name: tag.slug for tag in story.tags.all()}
    assert all(slugs.values()) and len(set(slugs.values())) == 3
    assert slugs["Water"] == "water"

    assert reader_client.get(story.get_absolute_url()).status_code == 200
    assert reader_client.get(f"/tag/{slugs['!!!']}/").status_code == 200
    assert reader_client.get("/sitemap-tags.xml").status_code == 200
    preview = reverse("articles:staff-preview", args=[story.pk])
    assert editor_client.get(preview).status_code == 200


def test_letters_of_any_script_keep_their_slug(reader_client):
    story = ArticleFactory(published=True, tags=["آب", "اوبه"])
    assert sorted(tag.slug for tag in story.tags.all()) == ["آب", "اوبه"]
    assert Tag.objects.filter(slug="tag").count() == 0
