"""Journey 3: an editor schedules a story a minute ahead; it goes live by itself at that time.

The server decides with ``django.utils.timezone.now()``, and the live server answers from a
thread of this process, so a patched clock is the server's clock: the minute passes when the
test says so, without waiting.
"""

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from articles.models import Article
from articles.templatetags.times import news_datetime
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.desk import BUDGET_STORY, desk_for, expect_message, fill_story, make_photo

pytestmark = BROWSER_TEST_MARKS


class Clock:
    """A stopped clock that moves only when told to."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def clock():
    clock = Clock(timezone.now().replace(second=0, microsecond=0))
    with mock.patch("django.utils.timezone.now", side_effect=lambda: clock.now):
        yield clock


def test_scheduled_story_is_absent_until_its_minute_and_present_after(
    new_context, live_server, editor, newsroom, clock, tmp_path
):
    story = BUDGET_STORY
    go_live = clock.now + timedelta(minutes=1)
    desk = desk_for(new_context, live_server.url, editor)
    desk.goto(live_server.url + "/admin/articles/article/add/")
    fill_story(desk, story, make_photo(tmp_path))
    desk.get_by_role("button", name="Save draft").click()
    expect_message(desk, "was added successfully")
    desk.get_by_label("Go live at").fill(timezone.localtime(go_live).strftime("%Y-%m-%dT%H:%M"))
    desk.get_by_role("button", name="Schedule", exact=True).click()
    expect_message(desk, f"scheduled to go live at {news_datetime(go_live)}.")

    story_url = live_server.url + Article.objects.get(headline=story.headline).get_absolute_url()
    reader = new_context().new_page()
    reader.goto(live_server.url)
    assert reader.get_by_role("link", name=story.headline).count() == 0
    assert reader.goto(story_url).status == 404

    clock.advance(timedelta(seconds=59))
    assert reader.reload().status == 404

    clock.advance(timedelta(seconds=1))
    assert reader.reload().status == 200
    assert reader.get_by_role("heading", level=1).inner_text() == story.headline
    reader.goto(live_server.url)
    reader.reload()
    assert reader.get_by_role("link", name=story.headline).count() >= 1
