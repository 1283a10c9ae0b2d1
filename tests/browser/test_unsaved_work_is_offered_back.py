"""A journalist who leaves the story form without saving finds the work offered back, in the
desk's language, and after a step that saved it, nothing is offered."""

from playwright.sync_api import expect

from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.desk import desk_for
from tests.factories import ArticleFactory

pytestmark = BROWSER_TEST_MARKS


def test_work_left_unsaved_is_offered_back_and_restored(
    new_context, live_server, journalist, newsroom
):
    story = ArticleFactory(
        headline="Bakers agree a winter price",
        created_by=journalist,
        section=newsroom["section"],
        authors=newsroom["authors"],
    )
    form_url = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    desk = desk_for(new_context, live_server.url, journalist)
    desk.goto(form_url)
    desk.get_by_label("Headline").fill("Bakers agree a winter price for naan")
    desk.goto(f"{live_server.url}/admin/")

    desk.goto(form_url)
    offer = desk.locator(".autosave-offer")
    expect(offer).to_contain_text("Unsaved work on this story from")
    offer.get_by_role("button", name="Restore it").click()
    expect(desk.get_by_label("Headline")).to_have_value("Bakers agree a winter price for naan")

    desk.locator(".story-steps .story-main-step").click()
    expect(desk.locator(".messagelist li")).to_have_count(1)
    desk.goto(form_url)  # in review now: the journalist reads it, and nothing is offered back
    expect(desk.locator("#content")).to_contain_text("Bakers agree a winter price for naan")
    expect(desk.locator(".autosave-offer")).to_have_count(0)
