"""Journey 7: a journalist types the seed story into the desk and submits it with its one main
button, a picture surviving a mistake on the way; an editor approves it from the queue. Each
desk page passes axe and fits a phone; screenshots of them go to docs/ when asked for."""

import os
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from articles.models import Article, ArticleEvent
from tests.browser.checks import assert_accessible, assert_fits_width, save_screenshot
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.desk import desk_for, desk_nav, expect_message, make_photo, rich_text_editor
from tests.browser.seed_story import (
    SEED_ALT,
    SEED_AUTHOR,
    SEED_DATELINE,
    SEED_HEADLINE,
    SEED_PARAGRAPHS,
    SEED_STANDFIRST,
    SEED_TAGS,
    Effort,
)
from tests.factories import ArticleFactory

pytestmark = BROWSER_TEST_MARKS

# What the journey costs in the desk as it is, beyond the story's own words (docs/desk.md);
# a change that makes the journey longer fails here and has to say why in that table.
MOST_CLICKS = 15
MOST_KEYSTROKES_BEYOND_THE_TEXT = 12
# `make desk-screenshots` sets this to the documentation's folder.
SCREENSHOTS = os.environ.get("DESK_SCREENSHOTS_DIR")


def a_working_morning(newsroom, journalist, editor) -> None:
    """What a desk holds on a working morning: stories in every state, one of them sent back
    to the journalist with the editor's reason, one scheduled for later."""
    section, authors = newsroom["section"], newsroom["authors"]
    for headline, state in [
        ("Kabul bakers agree a winter price for naan", "published"),
        ("Herat airport adds a second weekly flight to Mashhad", "published"),
        ("Provincial councils to publish their budgets online", "scheduled"),
        ("Teachers in Bamiyan receive back pay after six months", "in_review"),
        ("Road to Badakhshan reopens after landslide", "unpublished"),
    ]:
        ArticleFactory(headline=headline, section=section, authors=authors, **{state: True})
    ArticleFactory(
        headline="Notes for a story on saffron prices",
        created_by=journalist,
        section=section,
        authors=authors,
    )
    sent_back = ArticleFactory(
        headline="Clinic in Khost treats record number of children",
        created_by=journalist,
        section=section,
        authors=authors,
        sent_back=True,
    )
    ArticleEvent.objects.create(
        article=sent_back,
        actor=editor,
        from_status=Article.Status.IN_REVIEW,
        to_status=Article.Status.SENT_BACK,
        comment="Please name the ministry's source and add the figures for last year.",
    )


def look_at(page: Page, name: str) -> None:
    """The page passes axe and fits the screen at a desktop's width and a phone's; its
    screenshots are kept."""
    page.wait_for_load_state("load")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        assert_fits_width(page)
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=Path(SCREENSHOTS) / f"{name}-{width}.png", full_page=True)
        else:
            save_screenshot(page, f"{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def byline_for_someone_without_an_account(page: Page, effort: Effort, name: str) -> None:
    """The byline's name box offers a name nobody has yet as a new author, in place."""
    effort.click(page.locator("#byline_set-0 .select2-selection"))
    search = page.locator(".select2-container--open .select2-search__field")
    search.press_sequentially(name)
    effort.keystrokes += len(name)
    effort.story_text += len(name)
    effort.click(page.locator(".select2-results__option", has_text=name).first)
    expect(page.locator("#byline_set-0 .select2-selection__rendered")).to_contain_text(name)


def type_the_seed_story(page: Page, effort: Effort, photo: Path) -> None:
    effort.fill(page.get_by_label("Headline"), SEED_HEADLINE)
    effort.fill(page.get_by_label("Standfirst"), SEED_STANDFIRST)
    effort.fill(page.get_by_label("Dateline"), SEED_DATELINE)
    effort.click(rich_text_editor(page))
    for number, paragraph in enumerate(SEED_PARAGRAPHS):
        if number:
            effort.press("Enter")
        effort.type(paragraph)
    effort.choose(page.get_by_label("Section"), "National")
    effort.fill(page.get_by_label("Tags"), ", ".join(SEED_TAGS))
    byline_for_someone_without_an_account(page, effort, SEED_AUTHOR)
    effort.choose_file(page.locator("#id_image"), photo)


def test_the_seed_story_goes_from_an_empty_form_to_readers_through_review(
    new_context, live_server, journalist, editor, newsroom, tmp_path
):
    a_working_morning(newsroom, journalist, editor)
    desk = desk_for(new_context, live_server.url, journalist)
    effort = Effort(desk)
    expect(desk.locator(".desk-sent-back")).to_contain_text("name the ministry's source")
    look_at(desk, "desk-home")
    effort.click(desk_nav(desk, "Write a story"))
    steps = desk.locator(".story-steps")
    main_step = steps.locator(".story-main-step")
    expect(main_step).to_have_count(1)
    expect(main_step).to_have_text("Submit for review")
    assert desk.get_by_label("Comment").count() == 0, "editors' inputs are not the journalist's"
    assert desk.get_by_label("Go live at").count() == 0
    type_the_seed_story(desk, effort, make_photo(tmp_path))
    expect(desk.locator("#story-length")).to_contain_text("words")

    # The alt text is forgotten: the form says what to do, and the picture is kept.
    effort.click(main_step)
    expect(desk.locator(".errorlist")).to_contain_text("Describe the picture")
    kept = desk.locator(".kept-picture")
    expect(kept).to_contain_text("The picture you chose is kept")
    assert kept.locator("img").evaluate("image => image.naturalWidth") > 0
    look_at(desk, "desk-story-form")
    effort.fill(desk.get_by_label("Alt text"), SEED_ALT)
    effort.click(desk.locator(".story-steps .story-main-step"))
    expect(desk.locator(".messagelist li")).to_have_count(1)
    expect_message(desk, "is now In review")

    story = Article.objects.get(headline=SEED_HEADLINE)
    assert story.status == Article.Status.IN_REVIEW
    assert story.image and story.image_alt == SEED_ALT
    assert [author.name for author in story.authors] == [SEED_AUTHOR]
    assert story.authors[0].user is None
    assert story.body.count("<p>") == len(SEED_PARAGRAPHS)
    assert "“Nobody can manage a river they cannot measure,”" in story.body
    assert effort.clicks <= MOST_CLICKS, effort
    assert effort.keystrokes - effort.story_text <= MOST_KEYSTROKES_BEYOND_THE_TEXT, effort

    editors_desk = desk_for(new_context, live_server.url, editor)
    expect(editors_desk.get_by_role("region", name="Going live next")).to_contain_text(
        "Provincial councils"
    )
    look_at(editors_desk, "desk-home-editor")
    desk_nav(editors_desk, "Stories").click()
    expect(editors_desk).to_have_url(re.compile(r"/admin/articles/article/$"))
    look_at(editors_desk, "desk-story-list")
    desk_nav(editors_desk, "Awaiting review").click()
    expect(editors_desk).to_have_url(re.compile(r"/awaiting-review/$"))
    look_at(editors_desk, "desk-review-queue")
    editors_desk.get_by_role("link", name=SEED_HEADLINE).click()
    approve = editors_desk.locator(".story-steps .story-main-step")
    expect(approve).to_have_text("Approve and publish now")
    expect(editors_desk.get_by_label("Comment")).to_be_visible()
    approve.click()
    expect_message(editors_desk, "is now Published")

    reader = new_context().new_page()
    reader.goto(live_server.url + Article.objects.get(pk=story.pk).get_absolute_url())
    expect(reader.get_by_role("heading", level=1)).to_have_text(SEED_HEADLINE)
    expect(reader.locator("main")).to_contain_text(SEED_AUTHOR)
    expect(reader.locator("main")).to_contain_text(f"{SEED_DATELINE}:")

    # The same desk in Pashto, right to left: the editor switches the language in the header.
    editors_desk.get_by_label("Desk language").select_option("ps")
    editors_desk.locator(".desk-language button").click()
    expect(editors_desk.locator("html")).to_have_attribute("dir", "rtl")
    editors_desk.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    expect(editors_desk.locator(".story-steps")).to_contain_text("خپور شوی")
    # The step saved everything: nothing is offered back as unsaved work.
    expect(editors_desk.locator(".autosave-offer")).to_have_count(0)
    look_at(editors_desk, "desk-story-form-ps")
