"""The home and story pages fit a 390 px phone without sideways scrolling; screenshots for people.

The screenshots land in test-artifacts/browser/ (ignored by git), at phone and desktop widths.
"""

import pytest

from tests.browser.checks import assert_fits_width, save_screenshot
from tests.browser.conftest import BROWSER_TEST_MARKS

pytestmark = BROWSER_TEST_MARKS

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def pages(live_server, published_story) -> dict[str, str]:
    return {
        "home": live_server.url + "/",
        "story": live_server.url + published_story.get_absolute_url(),
    }


@pytest.mark.parametrize("name", ["home", "story"])
def test_page_fits_a_phone_and_is_photographed(new_context, pages, name):
    page = new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True).new_page()
    page.goto(pages[name])
    page.wait_for_load_state("networkidle")
    save_screenshot(page, f"{name}-390")
    assert_fits_width(page)


@pytest.mark.parametrize("name", ["home", "story"])
def test_page_is_photographed_on_a_desktop(new_context, pages, name):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(pages[name])
    page.wait_for_load_state("networkidle")
    assert save_screenshot(page, f"{name}-1280").stat().st_size > 0
    assert_fits_width(page)
