"""What browser tests check on every page: problems the browser reports, accessibility, layout."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"

# The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA, as axe-core tags them.
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

axe = Axe()

# Records violations of the page's Content-Security-Policy (enforced or report-only) as they
# happen, through a binding that reports straight to the test.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} ` +
    `in ${event.sourceFile || event.documentURI}:${event.lineNumber}`
  );
});
"""

# Elements that stick out to the right of the viewport and are not inside a box that scrolls
# or clips them: these make a phone reader scroll sideways.
OVERFLOWING_ELEMENTS = """
() => {
  const width = document.documentElement.clientWidth;
  const clippedByAncestor = (element) => {
    let node = element.parentElement;
    for (; node && node !== document.body; node = node.parentElement) {
      if (getComputedStyle(node).overflowX !== "visible") return true;
    }
    return false;
  };
  const describe = (element) =>
    element.tagName.toLowerCase() +
    (element.id ? "#" + element.id : "") +
    (element.classList.length ? "." + [...element.classList].join(".") : "");
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: width,
    elements: [...document.body.querySelectorAll("*")]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .filter((element) => !clippedByAncestor(element))
      .map((element) => `${describe(element)} ends at ${element.getBoundingClientRect().right}px`),
  };
}
"""


def assert_accessible(page: Page) -> None:
    """The page as it is now passes axe-core's WCAG 2.2 AA rules with zero violations."""
    results = axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]},
    )
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def assert_fits_width(page: Page) -> None:
    """Nothing on the page makes the reader scroll sideways."""
    layout = page.evaluate(OVERFLOWING_ELEMENTS)
    assert layout["scrollWidth"] <= layout["clientWidth"], (
        f"{page.url} is {layout['scrollWidth']}px wide in a {layout['clientWidth']}px viewport: "
        + "; ".join(layout["elements"])
    )
    assert not layout["elements"], f"{page.url}: " + "; ".join(layout["elements"])


def save_screenshot(page: Page, name: str) -> Path:
    """A full-page screenshot in test-artifacts/browser/ (ignored by git) for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


class BrowserProblems(list):
    """What went wrong in the browser while a test ran, one line each."""

    def watch(self, context: BrowserContext) -> None:
        context.expose_function("reportCspViolation", lambda text: self.append(f"CSP: {text}"))
        context.add_init_script(CSP_LISTENER)
        context.on("page", self.watch_page)
        for page in context.pages:
            self.watch_page(page)

    def watch_page(self, page: Page) -> None:
        page.on("pageerror", lambda error: self.append(f"Uncaught {error.name}: {error.message}"))
        page.on("console", self.record_console_error)
        page.on("response", self.record_failed_subresource)
        page.on("requestfailed", self.record_failed_request)

    def record_console_error(self, message: ConsoleMessage) -> None:
        # A document answered with an error status (a 404 the test expects) is logged as
        # "Failed to load resource"; sub-resources are checked by their responses instead.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.append(f"Console error: {message.text} at {message.location.get('url')}")

    def record_failed_request(self, request: Request) -> None:
        # Aborted on purpose: a script cancelled a superseded fetch, or the page moved on.
        if request.failure != "net::ERR_ABORTED":
            self.append(f"Request failed: {request.url} ({request.failure})")

    def record_failed_subresource(self, response: Response) -> None:
        if response.status >= 400 and not response.request.is_navigation_request():
            self.append(f"HTTP {response.status} for {response.url}")
