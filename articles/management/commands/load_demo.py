"""Load the demo newsroom and its three demo accounts; safe to run again at any time.

Rows are keyed on slugs (and accounts on email addresses): what exists is left as it is, so
a second run only prints the login table. Sections, authors and tags also get their names in
Dari and Pashto, and the stories in those languages (some translating an English or a Dari
one) are loaded after the English ones, in the same way. Story states are set directly here
because the demo stands for history that has already happened; real stories change state
through the editorial workflow.
"""

import random
import secrets
from datetime import timedelta
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from PIL import Image, ImageDraw

from accounts.models import User
from articles import demo_content, demo_translations
from articles.models import (
    Article,
    ArticleEvent,
    Author,
    Byline,
    Correction,
    Section,
    Tag,
    TagName,
)

IMAGE_SIZE = (1280, 720)
PORTRAIT_SIZE = (480, 480)
IMAGE_CREDIT = "Ledger graphics"
ACCOUNTS_FILE_NAME = "demo-accounts.txt"

# (role, email, full name, author slug or None, group name or None for a superuser)
DEMO_ACCOUNTS = [
    ("Journalist", "journalist@newsroom.example", "Farida Noorzai", "farida-noorzai", "Journalist"),
    ("Editor", "editor@newsroom.example", "Wahid Karimi", "wahid-karimi", "Editor"),
    ("Administrator", "admin@newsroom.example", "Site Administrator", None, None),
]

# Named colour pairs for the abstract story pictures; the name goes into the alt text.
PALETTES = [
    ("ochre and slate blue", "#c8963e", "#3b5b7a"),
    ("teal and sand", "#2a7f7a", "#e3c9a0"),
    ("plum and apricot", "#6d3b60", "#f2a65a"),
    ("olive and cream", "#6b7a3a", "#efe6cf"),
    ("brick red and charcoal", "#a8432f", "#2f2f33"),
    ("sky blue and white", "#5aa3d6", "#f4f7fa"),
]


def abstract_picture(seed: str, language: str = "en") -> tuple[bytes, str]:
    """A JPEG of overlapping shapes on a gradient, the same for the same seed, and its alt text
    in ``language``."""
    rng = random.Random(seed)
    palette_name, first, second = rng.choice(PALETTES)
    picture = _gradient(IMAGE_SIZE, first, second, horizontal=rng.random() < 0.5)
    overlay = Image.new("RGBA", IMAGE_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    width, height = IMAGE_SIZE
    for _ in range(rng.randint(5, 9)):
        colour = (*_rgb(rng.choice([first, second, "#ffffff", "#101010"])), rng.randint(40, 130))
        x, y, size = rng.randint(0, width), rng.randint(0, height), rng.randint(80, 420)
        box = (x - size, y - size // 2, x + size, y + size // 2)
        if rng.random() < 0.5:
            draw.ellipse(box, fill=colour)
        else:
            draw.polygon([(x, y - size), (x + size, y + size // 3), (x - size, y + size)], colour)
    picture = Image.alpha_composite(picture.convert("RGBA"), overlay).convert("RGB")
    return _jpeg(picture), picture_alt(palette_name, language)


def picture_alt(palette_name: str, language: str) -> str:
    if language in demo_translations.PICTURE_ALTS:
        palette = demo_translations.PALETTE_NAMES[palette_name][language]
        return demo_translations.PICTURE_ALTS[language].format(palette=palette)
    return f"Abstract illustration: overlapping ovals and triangles in {palette_name}."


def portrait_picture(initial_colour: str, final_colour: str) -> bytes:
    """A head-and-shoulders silhouette on a gradient: a placeholder portrait for an author."""
    picture = _gradient(PORTRAIT_SIZE, initial_colour, final_colour, horizontal=False)
    draw = ImageDraw.Draw(picture)
    width, height = PORTRAIT_SIZE
    light = (245, 240, 232)
    draw.ellipse((width * 0.34, height * 0.16, width * 0.66, height * 0.50), fill=light)
    draw.ellipse((width * 0.16, height * 0.56, width * 0.84, height * 1.25), fill=light)
    return _jpeg(picture)


def _gradient(size: tuple[int, int], start: str, end: str, *, horizontal: bool) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    if horizontal:
        mask = mask.transpose(Image.Transpose.ROTATE_90).resize(size)
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _jpeg(picture: Image.Image) -> bytes:
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Load the demo newsroom (sections, authors, tags, stories) and the demo accounts."

    def handle(self, *args, **options):
        with transaction.atomic():
            sections = self.load_sections()
            authors = self.load_authors()
            tags_created = self.load_tags()
            self.load_tag_names()
            accounts = self.load_accounts(authors)
            stories_created = self.load_stories(sections, authors, accounts)
        self.stdout.write(
            f"Demo newsroom: {stories_created} new stories, {tags_created} new tags "
            f"({Article.objects.count()} stories, {Author.objects.count()} authors in all)."
        )
        self.print_logins(accounts)

    def load_sections(self) -> dict[str, Section]:
        sections = {}
        for position, (name, slug, description) in enumerate(demo_content.SECTIONS):
            names = demo_translations.SECTION_NAMES.get(slug, {})
            sections[slug], _ = Section.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "description": description,
                    "position": position,
                    "names": names,
                },
            )
            self.add_names(sections[slug], names)
        return sections

    @staticmethod
    def add_names(row: Section | Author, names: dict[str, str]) -> None:
        """Names in other languages for a row loaded before the demo had them; others' kept."""
        missing = {language: name for language, name in names.items() if language not in row.names}
        if missing:
            row.names = {**row.names, **missing}
            row.save(update_fields=["names"])

    def load_authors(self) -> dict[str, Author]:
        authors = {a.slug: a for a in Author.objects.filter(slug__in=demo_content.AUTHORS)}
        for slug, (name, bio, colours) in demo_content.AUTHORS.items():
            names = demo_translations.AUTHOR_NAMES.get(slug, {})
            if slug in authors:
                self.add_names(authors[slug], names)
                continue
            author = Author(name=name, slug=slug, bio=bio, names=names)
            author.photo.save(f"{slug}.jpg", ContentFile(portrait_picture(*colours)), save=False)
            author.save()
            authors[slug] = author
        return authors

    def load_tags(self) -> int:
        known = Tag.objects.filter(name__in=demo_content.TAGS).values_list("name", flat=True)
        existing = set(known)
        missing = [name for name in demo_content.TAGS if name not in existing]
        for name in missing:
            Tag.objects.create(name=name)
        return len(missing)

    def load_tag_names(self) -> None:
        """The demo tags' names in Dari and Pashto, for the tags that have none yet."""
        tags = Tag.objects.filter(name__in=demo_translations.TAG_NAMES)
        ids = dict(tags.values_list("name", "pk"))
        named = set(TagName.objects.filter(tag__in=tags).values_list("tag_id", "language"))
        TagName.objects.bulk_create(
            TagName(tag_id=ids[tag_name], language=language, name=name)
            for tag_name, names in demo_translations.TAG_NAMES.items()
            if tag_name in ids
            for language, name in names.items()
            if (ids[tag_name], language) not in named
        )

    def load_accounts(self, authors: dict[str, Author]) -> list[tuple[str, User, str]]:
        """The demo accounts with their passwords, kept in a private file under var/."""
        passwords = self.read_passwords()
        accounts = []
        for role, email, full_name, author_slug, group_name in DEMO_ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email, full_name=full_name, is_superuser=group_name is None
                )
            known = passwords.get(user.email)
            if known is None or not user.check_password(known):
                # A new account, a password lost with var/, or a file left from another
                # database: the account gets a fresh password and the file says it.
                passwords[user.email] = secrets.token_urlsafe(12)
                user.set_password(passwords[user.email])
            user.is_staff = True
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            if author_slug and authors[author_slug].user_id is None:
                authors[author_slug].user = user
                authors[author_slug].save(update_fields=["user"])
            accounts.append((role, user, passwords[user.email]))
        self.write_passwords({user.email: password for _, user, password in accounts})
        return accounts

    @property
    def accounts_file(self) -> Path:
        return Path(settings.VAR_DIR) / ACCOUNTS_FILE_NAME

    def read_passwords(self) -> dict[str, str]:
        if not self.accounts_file.exists():
            return {}
        lines = self.accounts_file.read_text().splitlines()
        pairs = (line.split("\t") for line in lines if line and not line.startswith("#"))
        return {email: password for email, password in pairs}

    def write_passwords(self, passwords: dict[str, str]) -> None:
        self.accounts_file.parent.mkdir(parents=True, exist_ok=True)
        lines = ["# Demo accounts made by load_demo: email<TAB>password. Keep private."]
        lines += [f"{email}\t{password}" for email, password in passwords.items()]
        self.accounts_file.touch(mode=0o600, exist_ok=True)
        self.accounts_file.chmod(0o600)
        self.accounts_file.write_text("\n".join(lines) + "\n")

    def load_stories(self, sections, authors, accounts) -> int:
        people = (accounts[0][1], accounts[1][1])  # the journalist and the editor
        slugs = {
            story.get("slug") or slugify(story["headline"]): story for story in demo_content.STORIES
        }
        # slug -> id of the stories there before and of those made here, originals of translations.
        known = dict(Article.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        now = timezone.now()
        created = 0
        for index, (slug, story) in enumerate(slugs.items()):
            original = story.get("original")
            if slug in known or (original and original not in known):
                # There already, or a translation whose original is not in this newsroom.
                continue
            article = self.create_story(
                slug,
                story,
                sections,
                authors,
                people,
                now,
                index,
                known.get(original),
            )
            known[slug] = article.pk
            created += 1
        return created

    def create_story(
        self, slug, story, sections, authors, people, now, index, original_id=None
    ) -> Article:
        journalist, editor = people
        status = story.get("status", demo_content.PUBLISHED)
        language = story.get("language", settings.LANGUAGE_CODE)
        published_at = None
        if "hours_ago" in story:
            # Minutes vary too, so the stories do not all appear on the hour.
            published_at = now - timedelta(hours=story["hours_ago"], minutes=(index * 37) % 60)
        # A translation shows its original's picture, described in its own language.
        jpeg, alt = abstract_picture(story.get("original", slug), language)
        if "body" in story:
            body = "".join(story["body"])
        else:
            body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in story["paragraphs"])
        article = Article(
            language=language,
            original_id=original_id,
            headline=story["headline"],
            slug=slug,
            standfirst=story["standfirst"],
            dateline=story["dateline"],
            body=body,
            section=sections[story["section"]],
            image_alt=alt,
            image_caption=story["caption"],
            image_credit=demo_translations.IMAGE_CREDITS.get(language, IMAGE_CREDIT),
            status=status,
            published_at=published_at,
            created_by=journalist,
        )
        article.image.save(f"{slug}.jpg", ContentFile(jpeg), save=False)
        article.save()
        Byline.objects.bulk_create(
            Byline(
                article=article,
                author=authors[author_slug],
                position=position,
                published_at=article.published_at,
            )
            for position, author_slug in enumerate(story["authors"])
        )
        article.tags.add(*story["tags"])
        written_at = (published_at or now) - timedelta(hours=3 + index % 5)
        Article.objects.filter(pk=article.pk).update(
            created_at=written_at, updated_at=min(now, (published_at or now))
        )
        record_history(article, journalist, editor, written_at)
        for kind, text, hours_later in demo_content.CORRECTIONS.get(story["headline"], []):
            Correction.objects.create(
                article=article,
                kind=kind,
                text=text,
                published_at=published_at + timedelta(hours=hours_later),
            )
        return article

    def print_logins(self, accounts) -> None:
        login_url = "http://127.0.0.1:8000/admin/"
        self.stdout.write(f"\nDemo logins for the editing desk at {login_url}")
        self.stdout.write(f"(also kept in {self.accounts_file}, readable only by you)\n")
        rows = [("Role", "Email", "Password")]
        rows += [(role, user.email, password) for role, user, password in accounts]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        for row in rows:
            line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip())


def record_history(article: Article, journalist: User, editor: User, written_at) -> None:
    """The steps a demo story in its state has been through, so the desk's timeline and its
    review queue tell when it was submitted and approved."""
    Status = Article.Status
    submitted_at = written_at + timedelta(hours=1)
    steps = []
    if article.status != Status.DRAFT:
        steps.append((journalist, Status.DRAFT, Status.IN_REVIEW, submitted_at))
    if article.status in Article.LIVE_STATUSES:
        approved_at = min(article.published_at, submitted_at + timedelta(minutes=40))
        steps.append((editor, Status.IN_REVIEW, article.status, approved_at))
    ArticleEvent.objects.bulk_create(
        ArticleEvent(article=article, actor=actor, from_status=before, to_status=after, at=at)
        for actor, before, after, at in steps
    )
