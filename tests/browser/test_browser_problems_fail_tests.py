"""The watch on every page catches what it promises: CSP violations, console errors, uncaught
exceptions and broken sub-resources, so a journey that meets one of them fails."""

from playwright.sync_api import Route

from tests.browser.checks import BrowserProblems
from tests.browser.conftest import BROWSER_TEST_MARKS

pytestmark = BROWSER_TEST_MARKS

SITE = "http://newsroom.test"
PAGE = """<!doctype html><html lang="en"><head><title>Broken</title>
<script src="/broken.js"></script></head>
<body><p>Text</p><script>document.title = "inline";</script>
<img src="/missing.png" alt="Missing"></body></html>"""


def serve(route: Route) -> None:
    path = route.request.url.removeprefix(SITE)
    if path == "/":
        route.fulfill(
            body=PAGE,
            content_type="text/html",
            headers={"Content-Security-Policy": "script-src 'self'"},
        )
    elif path == "/broken.js":
        route.fulfill(
            body='console.error("Something went wrong"); throw new Error("Boom");',
            content_type="text/javascript",
        )
    else:
        route.fulfill(status=404, body="Not found")


def test_watch_reports_csp_violations_errors_exceptions_and_missing_files(browser):
    problems = BrowserProblems()
    context = browser.new_context()
    problems.watch(context)
    context.route(f"{SITE}/**", serve)
    page = context.new_page()
    page.goto(f"{SITE}/")
    # Reports travel from the page asynchronously; a round trip or two brings them in.
    for _ in range(50):
        if len(problems) >= 4:
            break
        page.evaluate("1")
    context.close()

    report = "\n".join(problems)
    assert "CSP: script-src-elem blocked inline" in report
    assert "Console error: Something went wrong" in report
    assert "Uncaught Error: Boom" in report
    assert f"HTTP 404 for {SITE}/missing.png" in report
