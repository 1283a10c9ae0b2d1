"""Journey 1: a journalist writes a story in the editing desk and submits it for review."""

from articles.models import Article
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.desk import WELLS_STORY, desk_for, make_photo, write_and_submit

pytestmark = BROWSER_TEST_MARKS


def test_journalist_writes_previews_and_submits_a_story_readers_cannot_see_yet(
    new_context, live_server, journalist, newsroom, tmp_path
):
    desk = desk_for(new_context, live_server.url, journalist)

    write_and_submit(desk, live_server.url, WELLS_STORY, make_photo(tmp_path))

    story = Article.objects.get(headline=WELLS_STORY.headline)
    assert story.status == Article.Status.IN_REVIEW
    assert [author.name for author in story.authors] == list(WELLS_STORY.authors)
    assert sorted(story.tags.names()) == sorted(WELLS_STORY.tags)
    assert story.image and story.image_alt == WELLS_STORY.image_alt
    reader = new_context().new_page()
    assert reader.goto(live_server.url + story.get_absolute_url()).status == 404
