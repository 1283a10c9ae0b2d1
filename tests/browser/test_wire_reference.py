"""The wire's reference page draws the API's operations from its OpenAPI document in a real
browser, under the site's Content-Security-Policy, accessibly, on a phone as on a desktop; and
says how to start without JavaScript.

Its screenshots land in test-artifacts/browser/ (ignored by git) at phone and desktop widths.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from tests.browser.checks import assert_accessible, assert_fits_width, save_screenshot
from tests.browser.conftest import BROWSER_TEST_MARKS

pytestmark = BROWSER_TEST_MARKS

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
ITEMS = "GET /wire/v1/items"
ONE_ITEM = "GET /wire/v1/items/{item_id}"


def open_reference(page: Page, live_server) -> None:
    """Open the page and wait until its script has drawn both operations."""
    page.goto(live_server.url + reverse("wire:reference"))
    for operation in (ITEMS, ONE_ITEM):
        expect(operation_named(page, operation)).to_be_visible()


def operation_named(page: Page, name: str) -> Locator:
    return page.get_by_role("region", name=name, exact=True)


def parameter(operation: Locator, name: str) -> Locator:
    """The line that names a parameter and says what it takes."""
    return operation.locator("dt").filter(has=operation.page.get_by_text(name, exact=True))


def test_reference_lists_the_items_operations_with_their_parameters(page, live_server):
    open_reference(page, live_server)

    items = operation_named(page, ITEMS)
    expect(
        items.get_by_text("Items changed since a cursor, or the newest published")
    ).to_be_visible()
    for name in ("since", "cursor", "language", "section", "tag", "limit"):
        expect(parameter(items, name)).to_contain_text("in the query, optional")
    expect(parameter(items, "since")).to_contain_text("integer, in the query, optional, at least 0")
    expect(parameter(items, "limit")).to_contain_text("from 1 to 100, default 50")
    expect(items.locator("dd", has_text="A BCP 47 tag: en, fa-AF or ps.")).to_be_visible()
    for status in ("200", "400", "401", "429"):
        expect(items.locator("dt code.status", has_text=status)).to_be_visible()
    expect(items.get_by_role("link", name="ItemList")).to_have_attribute("href", "#schema-ItemList")

    one_item = operation_named(page, ONE_ITEM)
    expect(parameter(one_item, "item_id")).to_contain_text("integer, in the path, required")
    expect(one_item.locator("dt code.status", has_text="404")).to_be_visible()

    schemas = page.get_by_role("region", name="Schemas")
    expect(schemas.get_by_role("heading", name="ItemList")).to_be_visible()
    expect(schemas.get_by_role("heading", name="Problem")).to_be_visible()


def test_reference_script_runs_under_the_sites_content_security_policy(
    page, live_server, browser_problems
):
    answer = page.goto(live_server.url + reverse("wire:reference"))
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    expect(operation_named(page, ITEMS)).to_be_visible()
    expect(page.locator(".reference-status")).to_contain_text("2 operations of")
    assert browser_problems == []


def test_reference_page_is_accessible(page, live_server):
    open_reference(page, live_server)
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_reference_page_fits_the_screen_and_is_photographed(new_context, live_server, viewport):
    phone = viewport is PHONE
    context = new_context(viewport=viewport, device_scale_factor=2 if phone else 1, is_mobile=phone)
    page = context.new_page()
    open_reference(page, live_server)
    assert save_screenshot(page, f"wire-reference-{viewport['width']}").stat().st_size > 0
    assert_fits_width(page)


def test_reference_page_says_how_to_start_without_javascript(new_context, live_server):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + reverse("wire:reference"))
    expect(page.get_by_role("heading", name="Getting started")).to_be_visible()
    expect(page.get_by_text("Authorization: Bearer nrw_…", exact=True)).to_be_visible()
    expect(page.locator("pre").filter(has_text="curl")).to_contain_text(
        live_server.url + "/wire/v1/items?since=0"
    )
    expect(page.get_by_role("link", name="OpenAPI document").first).to_have_attribute(
        "href", reverse("wire:openapi-json")
    )
