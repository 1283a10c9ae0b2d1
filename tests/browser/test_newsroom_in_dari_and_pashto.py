"""Journey 4: a journalist translates a published English story into Pashto, typing right to
left from the first letter, an editor publishes the translation, and a reader goes from the
English page to the Pashto one. Dari and Pashto pages pass the same audits as English ones.
"""

import pytest
from playwright.sync_api import expect

from articles import workflow
from tests.browser.checks import assert_accessible, assert_fits_width, save_screenshot
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.desk import desk_for, desk_nav, expect_message, rich_text_editor

pytestmark = BROWSER_TEST_MARKS

PASHTO_HEADLINE = "په بلخ کې بزګران د سیند د کمېدو له امله ژورې څاګانې کیندي"
PASHTO_PARAGRAPH = "د بلخ د سیند په غاړه کلیوال وايي چې د دوی څاګانې اوس درې متره ژورې شوې دي."
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def test_a_story_is_translated_into_pashto_and_published_beside_its_original(
    new_context, live_server, journalist, editor, published_story
):
    base_url = live_server.url
    desk = desk_for(new_context, base_url, journalist)
    desk.goto(f"{base_url}/admin/articles/article/{published_story.pk}/change/")
    desk.get_by_role("button", name="Translate into پښتو").click()
    expect_message(desk, "is ready to translate")

    # The original stays beside the draft, in its own direction.
    original = desk.locator("details.translated-from")
    expect(original).to_have_attribute("dir", "ltr")
    expect(original).to_contain_text(published_story.headline)

    headline = desk.get_by_label("Headline")
    expect(headline).to_have_attribute("dir", "rtl")
    headline.fill(PASHTO_HEADLINE)
    body = rich_text_editor(desk)
    assert body.evaluate("element => getComputedStyle(element).direction") == "rtl"
    body.click()
    desk.keyboard.press("Control+A")
    desk.keyboard.type(PASHTO_PARAGRAPH)
    desk.get_by_role("button", name="Submit for review").click()
    expect_message(desk, "In review")

    editors_desk = desk_for(new_context, base_url, editor)
    editors_desk.goto(f"{base_url}/admin/")
    desk_nav(editors_desk, "Awaiting review").click()
    editors_desk.get_by_role("link", name=PASHTO_HEADLINE).click()
    editors_desk.get_by_role("button", name="Approve and publish now").click()
    expect_message(editors_desk, "Published")

    reader = new_context().new_page()
    reader.goto(base_url + published_story.get_absolute_url())
    reader.locator(".story-translations a[hreflang='ps']").click()
    expect(reader.locator("html")).to_have_attribute("dir", "rtl")
    expect(reader.locator("html")).to_have_attribute("lang", "ps")
    expect(reader.get_by_role("heading", level=1)).to_have_text(PASHTO_HEADLINE)
    expect(reader.locator(".story-body")).to_contain_text(PASHTO_PARAGRAPH)
    # And back: the Pashto page links its English original.
    expect(reader.locator(".story-translations a[hreflang='en']")).to_have_attribute(
        "href", published_story.get_absolute_url()
    )


@pytest.fixture
def translated(published_story, editor) -> dict[str, str]:
    """The wells story published in Dari and Pashto too: each version's address."""
    addresses = {"en": published_story.get_absolute_url()}
    for language in ("fa-af", "ps"):
        version = workflow.translate(published_story, language, by=editor)
        workflow.submit(version, by=editor)
        workflow.approve(version, by=editor)
        addresses[language] = version.get_absolute_url()
    return addresses


@pytest.mark.parametrize("language", ["fa-af", "ps"])
@pytest.mark.parametrize("kind", ["home", "story", "section"])
def test_dari_and_pashto_pages_are_accessible_fit_a_phone_and_are_photographed(
    new_context, live_server, translated, language, kind
):
    address = {
        "home": f"/{language}/",
        "story": translated[language],
        "section": f"/{language}/section/national/",
    }[kind]
    for width, viewport in (("390", PHONE), ("1280", DESKTOP)):
        page = new_context(viewport=viewport).new_page()
        page.goto(live_server.url + address)
        page.wait_for_load_state("networkidle")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        assert_fits_width(page)
        save_screenshot(page, f"{kind}-{language}-{width}")
    assert_accessible(page)
