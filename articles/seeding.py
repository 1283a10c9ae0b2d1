"""Made-up but plausible stories in bulk, for benchmarks on an archive of realistic size.

Everything is drawn from word lists and sentence templates written for this module, through
one seeded random generator, so the same seed gives the same newsroom. The bodies are plain
``<p>`` paragraphs of text without markup characters, which is already inside the allow-list
of ``articles.sanitize``; they are stored as generated, without the per-story sanitising cost.
"""

import itertools
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import accumulate

from django.utils.text import slugify

DEFAULT_SECTIONS = ["National", "World", "Business", "Sport", "Opinion"]

AUTHOR_POOL_SIZE = 200
TAG_POOL_SIZE = 500
TAGS_PER_STORY = 3
PARAGRAPHS_PER_STORY = 6
# About 700 words in six paragraphs.
PARAGRAPH_WORDS = (92, 122)
# Exponent of the tag popularity curve: the k-th tag is drawn with weight 1/k**s, so the most
# popular tags sit on a large share of stories, as on a real news site.
TAG_SKEW = 1.0

# Share of each status among seeded stories; everything else is published.
UNPUBLISHED_SHARES = {"draft": 0.015, "in_review": 0.015, "sent_back": 0.005, "scheduled": 0.015}

FIRST_NAMES = [
    "Ahmad", "Amina", "Bashir", "Farida", "Farid", "Gulalai", "Habib", "Hamida", "Jawad",
    "Khalida", "Latif", "Mahbooba", "Masood", "Nadia", "Najib", "Nasrin", "Omid", "Parwana",
    "Qasim", "Rahima", "Rashid", "Sahar", "Samir", "Shabnam", "Tariq", "Wahida", "Yasin",
    "Zarghona", "Zubair", "Laila",
]  # fmt: skip
LAST_NAMES = [
    "Ahmadzai", "Amiri", "Barakzai", "Durrani", "Faizi", "Ghafoori", "Hakimi", "Haidari",
    "Jalali", "Karimi", "Khalili", "Mohammadi", "Naseri", "Noori", "Popal", "Qaderi",
    "Rahimi", "Rasuli", "Sadat", "Safi", "Sultani", "Wardak", "Yousufzai", "Zaheer",
]  # fmt: skip
PROVINCES = [
    "Badakhshan", "Badghis", "Baghlan", "Balkh", "Bamyan", "Daykundi", "Farah", "Faryab",
    "Ghazni", "Ghor", "Helmand", "Herat", "Jowzjan", "Kabul", "Kandahar", "Kapisa", "Khost",
    "Kunar", "Kunduz", "Laghman", "Logar", "Nangarhar", "Nimruz", "Nuristan", "Paktia",
    "Paktika", "Panjshir", "Parwan", "Samangan", "Sar-e Pol", "Takhar", "Uruzgan", "Wardak",
    "Zabul",
]  # fmt: skip
DATELINES = [
    "KABUL", "KABUL", "KABUL", "HERAT", "KANDAHAR", "MAZAR-I-SHARIF", "JALALABAD", "KUNDUZ",
    "GHAZNI", "BAMYAN", "FAIZABAD", "KHOST", "LASHKAR GAH", "CHARIKAR", "ZARANJ", "ISLAMABAD",
    "TEHRAN", "DOHA", "TASHKENT", "DUSHANBE", "NEW DELHI", "GENEVA", "ISTANBUL", "DUBAI",
]  # fmt: skip
TOPICS = [
    "economy", "wheat harvest", "drought", "water", "education", "health", "trade", "customs",
    "elections", "parliament", "budget", "inflation", "currency", "banking", "mining",
    "energy", "electricity", "roads", "railways", "aviation", "refugees", "returnees",
    "migration", "floods", "earthquakes", "weather", "climate", "agriculture", "livestock",
    "saffron", "pomegranates", "dried fruit", "carpets", "textiles", "construction", "housing",
    "cricket", "football", "wrestling", "buzkashi", "taekwondo", "athletics", "volleyball",
    "universities", "schools", "teachers", "hospitals", "vaccination", "nutrition", "women",
    "children", "youth", "employment", "small business", "exports", "imports", "transport",
    "telecoms", "internet", "media", "press freedom", "culture", "music", "film", "heritage",
    "archaeology", "tourism", "courts", "police", "security", "diplomacy", "aid", "development",
    "irrigation", "dams", "forests", "wildlife", "air quality", "public transport", "markets",
    "prices", "fuel", "gas", "solar power", "cities", "villages", "literacy", "libraries",
    "books", "poetry", "religion", "Ramadan", "Nowruz", "Eid", "weddings", "food", "bread",
    "rice", "cotton", "opinion", "analysis", "interview",
]  # fmt: skip
COUNTRIES = [
    "Pakistan", "Iran", "Tajikistan", "Uzbekistan", "Turkmenistan", "China", "India", "Qatar",
    "Turkey", "Saudi Arabia", "United Arab Emirates", "Russia", "United States",
    "European Union", "United Nations", "Kazakhstan", "Kyrgyzstan", "Japan", "Germany",
    "United Kingdom",
]  # fmt: skip
OFFICIALS = [
    "a spokesperson for the ministry", "the provincial governor", "a senior customs officer",
    "the head of the traders' union", "a local council member", "the district health director",
    "a school principal", "an economist at Kabul University", "the team's coach",
    "a farmer from the area", "a shopkeeper in the old bazaar", "an aid worker",
    "the director of the water authority", "a member of parliament", "a teacher",
]  # fmt: skip
SUBJECTS = [
    "farmers", "traders", "teachers", "officials", "families", "students", "doctors",
    "engineers", "returnees", "shopkeepers", "drivers", "exporters", "villagers", "players",
    "residents", "nurses",
]  # fmt: skip
HEADLINE_VERBS = [
    "brace for", "welcome", "question", "protest against", "count the cost of", "prepare for",
    "call for action on", "debate", "report progress on", "look beyond", "struggle with",
    "celebrate",
]  # fmt: skip
VERBS = [
    "announced", "described", "criticised", "welcomed", "questioned", "confirmed", "explained",
    "defended", "reviewed", "estimated", "reported", "recorded",
]  # fmt: skip
THINGS = [
    "new plan", "delay", "price rise", "shortfall", "agreement", "programme", "decision",
    "survey", "report", "budget", "deadline", "project", "investment", "tournament", "season",
]  # fmt: skip
FEELINGS = [
    "cautious hope", "growing concern", "quiet relief", "open frustration", "strong support",
    "mixed feelings", "little patience",
]  # fmt: skip
TIMES = [
    "on Sunday", "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "last week",
    "this month", "earlier this year", "since the spring", "over the winter",
]  # fmt: skip

SENTENCE_TEMPLATES = [
    "{subjects} in {province} {verb} the {thing} {time}, saying it would change how they plan "
    "the coming months.",
    "“We have waited a long time for this,” said {official}, who asked that the {thing} be "
    "reviewed before the end of the year.",
    "The {thing} affects about {number} families in {province}, according to figures shared "
    "with the agency {time}.",
    "Officials {verb} the {thing} in a meeting {time}, but gave no date for the next steps.",
    "Talks with {country} on {topic} continued {time}, and both sides called them useful.",
    "Many {subjects} expressed {feeling} about the {thing}, which follows a difficult year for "
    "{topic} in the region.",
    "“Nobody here wants to be left behind,” said {name}, {official}.",
    "Prices for {topic} rose by {percent} percent {time}, traders in {province} said.",
    "The ministry said {number} people had been reached by the {thing} so far.",
    "Independent observers {verb} the figures, pointing to gaps in data from remote districts "
    "of {province}.",
    "In {province}, {subjects} said the {thing} came too late for the planting season.",
    "A report on {topic} published {time} found conditions improved in {number} villages.",
    "“It is not enough, but it is a start,” {name} told the agency.",
    "The {thing} is expected to cost about {number} million afghanis, officials said.",
    "Questions remain about how {topic} will be funded after the current {thing} ends.",
    "{name}, {official}, {verb} the {thing} and called for more support for {subjects}.",
    "Delegations from {country} and Kabul {verb} plans on {topic} {time}.",
    "Local radio stations in {province} carried the news {time}, and listeners phoned in with "
    "questions.",
    "Residents said the roads to the district centre were open again after the {thing}.",
    "The agency could not independently verify all of the figures.",
    "{subjects} in neighbouring provinces are watching the {thing} closely.",
    "“We will judge it by what happens in our villages,” said {official}.",
]


@dataclass
class SeededStory:
    """One generated story with its related rows, ready for bulk inserts."""

    headline: str
    slug: str
    standfirst: str
    dateline: str
    body: str
    word_count: int
    section_index: int
    status: str
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime
    author_indexes: list[int] = field(default_factory=list)
    tag_indexes: list[int] = field(default_factory=list)


def author_names() -> list[str]:
    """The fixed pool of byline names: the same 200 people whatever the seed."""
    pairs = itertools.product(LAST_NAMES, FIRST_NAMES)
    return [f"{first} {last}" for last, first in itertools.islice(pairs, AUTHOR_POOL_SIZE)]


def tag_names() -> list[str]:
    """The fixed pool of tags, most general (and so most popular) first."""
    names = [*TOPICS, *PROVINCES, *COUNTRIES]
    local_topics = (f"{province} {topic}" for topic in TOPICS for province in PROVINCES)
    names.extend(itertools.islice(local_topics, TAG_POOL_SIZE - len(names)))
    return names


class StoryGenerator:
    """Draws stories from one seeded generator; a fixed ``now`` keeps runs repeatable."""

    SENTENCE_POOL_SIZE = 6000

    def __init__(self, *, seed: int, now: datetime, years: int, section_count: int):
        self.seed = seed
        self.random = random.Random(seed)
        self.now = now
        self.span_seconds = years * 365 * 24 * 3600
        self.section_count = section_count
        self.tag_cum_weights = list(
            accumulate(1 / rank**TAG_SKEW for rank in range(1, TAG_POOL_SIZE + 1))
        )
        self.sentences = [self._sentence() for _ in range(self.SENTENCE_POOL_SIZE)]
        self.statuses = [*UNPUBLISHED_SHARES, "published"]
        self.status_cum_weights = [*accumulate(UNPUBLISHED_SHARES.values()), 1.0]

    def _sentence(self) -> tuple[str, int]:
        choice = self.random.choice
        text = choice(SENTENCE_TEMPLATES).format(
            subjects=choice(SUBJECTS),
            province=choice(PROVINCES),
            verb=choice(VERBS),
            thing=choice(THINGS),
            time=choice(TIMES),
            official=choice(OFFICIALS),
            number=f"{self.random.randint(2, 90) * 100:,}",
            country=choice(COUNTRIES),
            topic=choice(TOPICS),
            feeling=choice(FEELINGS),
            name=f"{choice(FIRST_NAMES)} {choice(LAST_NAMES)}",
            percent=self.random.randint(2, 40),
        )
        text = text[0].upper() + text[1:]
        return text, len(text.split())

    def _paragraph(self) -> tuple[str, int]:
        target = self.random.randint(*PARAGRAPH_WORDS)
        parts, words = [], 0
        while words < target:
            text, count = self.random.choice(self.sentences)
            parts.append(text)
            words += count
        return "<p>" + " ".join(parts) + "</p>", words

    def _status_and_time(self) -> tuple[str, datetime | None]:
        (status,) = self.random.choices(self.statuses, cum_weights=self.status_cum_weights)
        if status == "published":
            return status, self.now - timedelta(seconds=self.random.randrange(self.span_seconds))
        if status == "scheduled":
            return status, self.now + timedelta(minutes=self.random.randrange(60, 14 * 24 * 60))
        return status, None

    def _tag_indexes(self) -> list[int]:
        chosen: list[int] = []
        while len(chosen) < TAGS_PER_STORY:
            (index,) = self.random.choices(
                range(TAG_POOL_SIZE), cum_weights=self.tag_cum_weights, k=1
            )
            if index not in chosen:
                chosen.append(index)
        return chosen

    def story(self, number: int) -> SeededStory:
        """The story with running ``number``, which also makes its slug unique."""
        choice = self.random.choice
        province = choice(PROVINCES)
        topic = choice(TOPICS)
        headline = f"{province} {choice(SUBJECTS)} {choice(HEADLINE_VERBS)} {choice(THINGS)}"
        headline = f"{headline} on {topic}"
        headline = headline[0].upper() + headline[1:]
        paragraphs = [self._paragraph() for _ in range(PARAGRAPHS_PER_STORY)]
        status, published_at = self._status_and_time()
        created_at = (published_at or self.now) - timedelta(
            minutes=self.random.randrange(30, 3 * 24 * 60)
        )
        authors = self.random.sample(range(AUTHOR_POOL_SIZE), self.random.choice((1, 1, 1, 2)))
        return SeededStory(
            headline=headline,
            slug=f"{slugify(headline)}-{number}",
            standfirst=self._sentence()[0],
            dateline=choice(DATELINES),
            body="\n".join(text for text, _ in paragraphs),
            word_count=sum(count for _, count in paragraphs),
            section_index=self.random.randrange(self.section_count),
            status=status,
            published_at=published_at,
            created_at=created_at,
            updated_at=published_at if status == "published" else created_at,
            author_indexes=authors,
            tag_indexes=self._tag_indexes(),
        )

    def batch(self, index: int, *, first_number: int, count: int) -> list[SeededStory]:
        """The stories of batch ``index``, from that batch's own random stream.

        So batches come out the same whichever process makes them and in whatever order.
        """
        self.random = random.Random(f"{self.seed}:{index}")
        return [self.story(number) for number in range(first_number, first_number + count)]
