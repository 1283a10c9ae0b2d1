"""A correction changes the story: search engines and feed readers see it as modified."""

import json
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Correction
from tests.desk_forms import article_form_data, change_url
from tests.factories import ArticleFactory
from tests.html import parse

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def story_edited_yesterday() -> Article:
    story = ArticleFactory(published=True)
    yesterday = timezone.now() - timedelta(days=1)
    Article.objects.filter(pk=story.pk).update(published_at=yesterday, updated_at=yesterday)
    story.refresh_from_db()
    return story


def modified_times(client, story: Article) -> dict[str, str]:
    """What the story page's JSON-LD and the stories' sitemap say of its last change."""
    script = parse(client.get(story.get_absolute_url())).find("script", type="application/ld+json")
    sitemap = ET.fromstring(client.get("/sitemap-stories.xml").content)
    (url,) = [
        url
        for url in sitemap.iter(f"{SITEMAP}url")
        if url.find(f"{SITEMAP}loc").text.endswith(story.get_absolute_url())
    ]
    return {
        "json-ld": json.loads(script.text)["dateModified"],
        "sitemap": url.find(f"{SITEMAP}lastmod").text,
    }


def test_a_correction_added_in_the_desk_moves_the_modified_time(
    reader_client, editor_client, story_edited_yesterday
):
    story = story_edited_yesterday
    before = modified_times(reader_client, story)

    data = article_form_data(story)
    data.update(
        {
            "corrections-TOTAL_FORMS": 1,
            "corrections-0-kind": "correction",
            "corrections-0-text": "The dam holds 40 million cubic metres, not 400 million.",
            "corrections-0-published_at_0": timezone.localdate().isoformat(),
            "corrections-0-published_at_1": timezone.localtime().strftime("%H:%M:%S"),
        }
    )
    assert editor_client.post(change_url(story), data).status_code == 302
    assert story.corrections.count() == 1

    after = modified_times(reader_client, story)
    assert after["json-ld"] > before["json-ld"] and after["sitemap"] > before["sitemap"]


def test_a_correction_added_from_code_moves_the_modified_time(
    reader_client, story_edited_yesterday
):
    story = story_edited_yesterday
    before = modified_times(reader_client, story)

    Correction.objects.create(article=story, text="The minister's name was misspelt.")

    after = modified_times(reader_client, story)
    assert after["json-ld"] > before["json-ld"] and after["sitemap"] > before["sitemap"]
