"""Journey 5: a first-time reader makes a cookie choice with the keyboard alone, changes it from
the footer, and makes the same choices with JavaScript switched off."""

from django.conf import settings
from django.test import RequestFactory
from playwright.sync_api import BrowserContext, Page, expect

from consent.cookie import consent_from_request
from consent.registry import optional_keys
from tests.browser.conftest import BROWSER_TEST_MARKS

pytestmark = BROWSER_TEST_MARKS


def stored_choice(context: BrowserContext):
    """The reader's choice as the server reads it from the cookies this browser holds."""
    request = RequestFactory().get("/")
    request.COOKIES = {cookie["name"]: cookie["value"] for cookie in context.cookies()}
    return consent_from_request(request)


def cookie_names(context: BrowserContext) -> set[str]:
    return {cookie["name"] for cookie in context.cookies()}


def assert_refused_all(context: BrowserContext) -> None:
    choice = stored_choice(context)
    assert choice.has_choice and choice.granted == frozenset()


def accept_all_from_cookie_settings(page: Page) -> None:
    """Open the footer's cookie settings and accept everything; the page confirms it, and
    its link takes the reader back to the page they were reading."""
    reading = page.url
    page.get_by_role("link", name="Cookie settings").click()
    page.get_by_role("button", name="Accept all").click()
    go_back_from_the_confirmation(page, reading)


def go_back_from_the_confirmation(page: Page, page_url: str) -> None:
    expect(page.get_by_role("status")).to_contain_text("Your choice is saved.")
    page.get_by_role("link", name="Back to the page you were reading").click()
    page.wait_for_url(page_url)


def test_reader_refuses_by_keyboard_then_accepts_from_settings_with_or_without_javascript(
    new_context, live_server, published_story
):
    context = new_context()
    page = context.new_page()
    page.goto(live_server.url)
    banner = page.get_by_role("region", name="Cookies on")
    expect(banner).to_be_visible()
    assert cookie_names(context) == set()

    page.keyboard.press("Tab")
    expect(banner.get_by_role("button", name="Accept all")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(banner.get_by_role("button", name="Choose")).to_be_focused()
    page.keyboard.press("Space")
    dialog = page.get_by_role("dialog", name="Choose which cookies to allow")
    expect(dialog).to_be_visible()
    for checkbox in dialog.get_by_role("checkbox", name="Allow").all():
        expect(checkbox).not_to_be_checked()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(banner.get_by_role("button", name="Choose")).to_be_focused()
    assert cookie_names(context) == set(), "Closing the choice is not a choice"

    page.keyboard.press("Shift+Tab")
    expect(banner.get_by_role("button", name="Reject all")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("you refuse all optional cookies")
    expect(banner).to_be_hidden()
    assert cookie_names(context) == {settings.CONSENT_COOKIE_NAME}
    assert_refused_all(context)

    accept_all_from_cookie_settings(page)
    assert stored_choice(context).granted == frozenset(optional_keys())

    page.get_by_role("link", name=published_story.headline).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(published_story.headline)
    expect(page.get_by_role("region", name="Cookies on")).to_be_hidden()
    page.goto(live_server.url + "/privacy/")
    expect(page.get_by_role("region", name="Cookies on")).to_be_hidden()

    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url)
    choice_form = page.get_by_role("form", name="Cookie choice")
    page.keyboard.press("Tab")
    expect(choice_form.get_by_role("button", name="Accept all")).to_be_focused()
    choice_form.get_by_role("button", name="Reject all").click()
    go_back_from_the_confirmation(page, live_server.url + "/")
    assert_refused_all(context)
    expect(choice_form).to_be_hidden()
    page.get_by_role("link", name=published_story.headline).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(published_story.headline)
    expect(page.get_by_role("form", name="Cookie choice")).to_be_hidden()

    accept_all_from_cookie_settings(page)
    assert stored_choice(context).granted == frozenset(optional_keys())
    assert cookie_names(context) == {settings.CONSENT_COOKIE_NAME}
