"""The seed story a new journalist types into the desk, and a count of what it takes.

Thirteen paragraphs with curly quotes and apostrophes, a dateline, three tags, a picture
and a byline for a writer without an account: the story the desk was first tried with.
"""

from dataclasses import dataclass, field

from playwright.sync_api import Locator, Page

SEED_HEADLINE = "Neighbours agree to share river readings as the Amu Darya runs low"
SEED_STANDFIRST = (
    "Engineers from three countries will swap daily water levels from twelve gauging "
    "stations, the first such exchange in a decade."
)
SEED_DATELINE = "KABUL"
SEED_TAGS = ("water", "Amu Darya", "regional cooperation")
SEED_AUTHOR = "Shabnam Yusufzai"  # a freelance writer: no desk account
SEED_ALT = "An engineer reads a water gauge on a concrete bank beside a wide brown river"
SEED_PARAGRAPHS = (
    "Water officials from Afghanistan and two neighbouring countries agreed on Tuesday to "
    "share daily river readings, after a spring in which the Amu Darya fell to its lowest "
    "level in years.",
    "The agreement covers twelve gauging stations along the river and its main tributaries. "
    "Each side will publish its readings by nine o’clock every morning.",
    "“Nobody can manage a river they cannot measure,” said the head of the Afghan delegation, "
    "a hydrologist who has worked on the basin for twenty years.",
    "Farmers in the northern provinces depend on the river for irrigation, and many say the "
    "canals that feed their fields ran dry weeks earlier than usual.",
    "“We planted wheat in March and by May the canal was a line of mud,” said a farmer from "
    "Kaldar district, who asked that his name not be used.",
    "The readings will show how much water reaches each stretch of the river, and when, "
    "which officials say will help them plan releases from upstream reservoirs.",
    "The last exchange of this kind ended ten years ago, when funding for the stations ran "
    "out and several of them fell into disrepair.",
    "Under the new agreement, each country will pay to repair the stations on its own bank, "
    "and engineers will check one another’s instruments twice a year.",
    "Environmental groups welcomed the deal but said it did not address the amount of water "
    "each country may take from the river.",
    "“Sharing numbers is a start; sharing water is the real question,” said a researcher at "
    "a Kabul university who studies the basin.",
    "The delegations will meet again in the autumn to review the first months of data and "
    "to discuss a joint warning system for floods.",
    "The ministry said the readings would be published on its website in Dari, Pashto and "
    "English, so that farmers’ associations can follow them.",
    "The agreement takes effect on the first day of next month.",
)


@dataclass
class Effort:
    """Clicks and keystrokes a person spends, counted as the test works the desk.

    Conventions (docs/desk.md): filling a box is a click into it and a keystroke a
    character; choosing from a menu is two clicks; choosing a file is two clicks (the
    button, then the file in the browser's dialog); Enter and Tab are a keystroke each.
    """

    page: Page
    clicks: int = 0
    keystrokes: int = 0
    story_text: int = field(default=0)  # keystrokes that are the story's own words

    def click(self, target: Locator) -> None:
        target.click()
        self.clicks += 1

    def fill(self, target: Locator, text: str, *, story_text: bool = True) -> None:
        self.click(target)
        target.fill(text)
        self.keystrokes += len(text)
        if story_text:
            self.story_text += len(text)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.keystrokes += len(text)
        self.story_text += len(text)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.keystrokes += 1

    def choose(self, select: Locator, label: str) -> None:
        select.select_option(label=label)
        self.clicks += 2

    def choose_file(self, file_input: Locator, path) -> None:
        file_input.set_input_files(path)
        self.clicks += 2
