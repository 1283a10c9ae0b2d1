"""Journey 4: two editors open the same story; the second save is refused and keeps its text."""

from articles.models import Article
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.desk import desk_for, expect_message
from tests.factories import ArticleFactory, UserFactory

pytestmark = BROWSER_TEST_MARKS

FIRST_HEADLINE = "Kabul schools reopen after the winter break"
SECOND_STANDFIRST = "Teachers say half the pupils came back on the first day."


def test_second_editor_is_told_of_the_first_save_and_keeps_what_they_typed(
    new_context, live_server, editor, newsroom
):
    other_editor = UserFactory(role="Editor", full_name="Mariam Editor")
    story = ArticleFactory(
        headline="Schools reopen", section=newsroom["section"], authors=newsroom["authors"]
    )
    change_url = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    first = desk_for(new_context, live_server.url, editor)
    second = desk_for(new_context, live_server.url, other_editor)
    first.goto(change_url)
    second.goto(change_url)

    first.get_by_label("Headline").fill(FIRST_HEADLINE)
    first.get_by_role("button", name="Save draft").click()
    expect_message(first, "was changed successfully")

    second.get_by_label("Standfirst").fill(SECOND_STANDFIRST)
    second.get_by_role("button", name="Save draft").click()

    refusal = second.locator(".errorlist.nonfield").inner_text()
    assert refusal.startswith("Not saved")
    assert "Edris Editor saved" in refusal and "after you opened it" in refusal
    assert "headline" in refusal.lower()
    assert second.get_by_label("Standfirst").input_value() == SECOND_STANDFIRST
    story.refresh_from_db()
    assert story.headline == FIRST_HEADLINE
    assert story.standfirst != SECOND_STANDFIRST
    kept = story.revisions.get(note__startswith="Conflicting edit")
    assert kept.snapshot["standfirst"] == SECOND_STANDFIRST
    assert Article.objects.count() == 1
