"""How people work the editing desk: logging in, and the story form widget by widget."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from playwright.sync_api import BrowserContext, Locator, Page, expect

# Every account made by tests.factories.UserFactory has this password.
PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Story:
    """What a journalist types into the story form."""

    headline: str
    standfirst: str
    dateline: str
    section: str
    paragraphs: tuple[str, ...]
    bold: str
    link_text: str
    link_url: str
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    image_alt: str


WELLS_STORY = Story(
    headline="Farmers in Balkh dig deeper wells as the river runs low",
    standfirst="A second dry spring sends villages back to hand-dug wells and diesel pumps.",
    dateline="MAZAR-I-SHARIF",
    section="National",
    paragraphs=(
        "Villagers along the Balkh river say their wells now reach water only three metres "
        "deeper than two years ago.",
        "Pump owners charge twice last year’s price, according to the provincial water survey",
    ),
    bold="three metres deeper",
    link_text="the provincial water survey",
    link_url="https://example.org/balkh-water-survey",
    tags=("water", "farming", "drought"),
    authors=("Lailuma Rahimi", "Farid Sultani"),
    image_alt="A farmer lowers a bucket into a stone-lined well at dawn",
)


def log_in(page: Page, base_url: str, email: str) -> None:
    """Log in to the editing desk through its login form, as a person does."""
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/admin/")


def desk_for(new_context: Callable[..., BrowserContext], base_url: str, user) -> Page:
    """A browser of this person's own, logged in to the editing desk."""
    page = new_context().new_page()
    log_in(page, base_url, user.email)
    return page


def desk_nav(page: Page, name: str) -> Locator:
    """A link of the desk's navigation, in the header of every desk page."""
    return page.get_by_role("navigation", name="Desk").get_by_role("link", name=name, exact=True)


def fill_story(page: Page, story: Story, photo: Path) -> None:
    """Type a whole story into an empty story form, field by field."""
    page.get_by_label("Headline").fill(story.headline)
    page.get_by_label("Standfirst").fill(story.standfirst)
    page.get_by_label("Dateline").fill(story.dateline)
    page.get_by_label("Section").select_option(label=story.section)
    type_paragraphs(page, *story.paragraphs, bold=story.bold)
    link_last_words(page, story.link_text, story.link_url)
    page.get_by_label("Tags").fill(", ".join(story.tags))
    page.get_by_role("group", name="Picture").locator("input[type=file]").set_input_files(photo)
    page.get_by_label("Alt text").fill(story.image_alt)
    first_author, *other_authors = story.authors
    choose_byline(page, 0, first_author)
    for author in other_authors:
        add_byline(page, author)


def rich_text_editor(page: Page) -> Locator:
    """The body's editable area (django-prose-editor, built on ProseMirror)."""
    return page.locator(".field-body [contenteditable=true]")


def type_paragraphs(page: Page, *paragraphs: str, bold: str) -> None:
    """Type paragraphs into the body, switching bold on and off with Ctrl+B around ``bold``."""
    rich_text_editor(page).click()
    for number, paragraph in enumerate(paragraphs):
        if number:
            page.keyboard.press("Enter")
        before, found, after = paragraph.partition(bold)
        page.keyboard.type(before)
        if found:
            page.keyboard.press("Control+b")
            page.keyboard.type(found)
            page.keyboard.press("Control+b")
        page.keyboard.type(after)


def link_last_words(page: Page, text: str, url: str) -> None:
    """Select the ``text`` just typed (Shift+Left) and link it with the toolbar's link dialog."""
    for _ in text:
        page.keyboard.press("Shift+ArrowLeft")
    page.get_by_role("button", name="insert link").click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_label("URL").fill(url)
    dialog.get_by_role("button", name="Update").click()


def choose_byline(page: Page, row: int, author_name: str) -> None:
    """Pick an author in byline row ``row`` through the admin's autocomplete (select2)."""
    page.locator(f"#byline_set-{row} .select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(author_name.split(" ")[0])
    page.locator(".select2-results__option", has_text=author_name).click()


def add_byline(page: Page, author_name: str) -> None:
    """Add a byline row after the others and fill it."""
    page.get_by_role("button", name="Add another byline").click()
    row = page.locator("#byline_set-group tr.dynamic-byline_set").count() - 1
    choose_byline(page, row, author_name)


def make_photo(folder: Path, name: str = "market.jpg") -> Path:
    """A real JPEG; small, because every save of a new picture encodes its renditions."""
    path = folder / name
    image = Image.new("RGB", (800, 450), (30, 90, 140))
    for x in range(0, 800, 100):
        image.paste((200, 150, 40), (x, 150, x + 50, 300))
    image.save(path, "JPEG", quality=80)
    return path


def write_and_submit(page: Page, base_url: str, story: Story, photo: Path) -> None:
    """From the desk's front page: write the story, save it, preview it, submit it."""
    page.goto(f"{base_url}/admin/")
    desk_nav(page, "Write a story").click()
    fill_story(page, story, photo)
    page.get_by_role("button", name="Save draft").click()
    expect_message(page, "was added successfully")

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Preview").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.get_by_role("heading", level=1).inner_text() == story.headline
    assert preview.locator(".story-body strong").inner_text() == story.bold
    assert preview.get_by_role("link", name=story.link_text).get_attribute("href") == (
        story.link_url
    )
    preview.close()

    page.get_by_role("button", name="Submit for review").click()
    expect_message(page, "In review")


def expect_message(page: Page, text: str) -> None:
    """The admin's message after a step says ``text``."""
    expect(page.locator(".messagelist")).to_contain_text(text)


BUDGET_STORY = Story(
    headline="Parliament passes the new irrigation budget",
    standfirst="Canals in four provinces will be repaired before the spring floods.",
    dateline="KABUL",
    section="National",
    paragraphs=(
        "The lower house approved the budget by a wide margin on Sunday.",
        "Work on the canals starts next month, says the ministry of water",
    ),
    bold="wide margin",
    link_text="the ministry of water",
    link_url="https://example.org/ministry-of-water",
    tags=("water", "budget", "parliament"),
    authors=("Farid Sultani", "Lailuma Rahimi"),
    image_alt="Workers clear silt from a canal outside the city",
)
