"""The pages the benchmark measures, how to find each one's address, and who asks for it.

Each entry builds a path from the seeded archive. A page whose view does not exist (yet) or
whose sample is missing is reported as not available instead of stopping the run. Who asks
decides the headers a request carries (``prepare.py`` makes them): an anonymous reader sends
none, the editor a session cookie, the wire's subscriber its key.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from articles.models import Article, Author, Section, Tag
from wire.models import WireItem

# Two words that occur in the generated stories, as a reader would type them.
SEARCH_QUERY = "wheat harvest"
# A page of the wire as a subscriber's software polls it, and how many changes behind the
# newest the polled cursor is: a full page waits, and more after it.
WIRE_PAGE_SIZE = 20
WIRE_BACKLOG = 25

READER = "reader"
EDITOR = "editor"
SUBSCRIBER = "subscriber"


def story_path() -> str:
    """A story from the middle of the archive, so neither the newest nor the oldest."""
    published = Article.objects.published().order_by("published_at")
    return published[published.count() // 2].get_absolute_url()


def section_path() -> str:
    section = Section.objects.annotate(stories=Count("articles")).latest("stories")
    return reverse("articles:section", kwargs={"slug": section.slug})


def tag_path() -> str:
    """The most used tag: the page readers reach most often, and the one with most stories."""
    tag = Tag.objects.annotate(stories=Count("articles_taggedarticle_items")).latest("stories")
    return reverse("articles:tag", kwargs={"slug": tag.slug})


def author_path() -> str:
    author = Author.objects.annotate(stories=Count("articles")).latest("stories")
    return reverse("articles:author", kwargs={"slug": author.slug})


def search_path() -> str:
    return reverse("articles:search") + "?q=" + SEARCH_QUERY.replace(" ", "+")


def wire_items_path() -> str:
    """The newest published items, as a subscriber's software first reads the wire."""
    return reverse("wire:items") + f"?limit={WIRE_PAGE_SIZE}"


def wire_changes_path() -> str:
    """The changes after a cursor a little behind the newest, as a subscriber polls."""
    usable = WireItem.objects.filter(pubstatus=WireItem.Status.USABLE)
    cursor = usable.order_by("-sequence").values_list("sequence", flat=True)[WIRE_BACKLOG]
    return reverse("wire:items") + f"?since={cursor}&limit={WIRE_PAGE_SIZE}"


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[], str]
    asker: str = READER

    @property
    def page_store(self) -> bool:
        """Whether the page store may serve it: it keeps pages of anonymous readers only."""
        return self.asker == READER


READERS_PAGES = [
    Page("home", lambda: reverse("articles:home")),
    Page("story", story_path),
    Page("section", section_path),
    Page("tag", tag_path),
    Page("author", author_path),
    Page("search", search_path),
    Page("rss", lambda: reverse("articles:rss")),
    Page("sitemap", lambda: reverse("sitemap_index")),
]
# The wire's answers are private to a key: the page store never serves them, so every
# request reads the database, as a cold readers' page does.
WIRE_PAGES = [
    Page("wire items", wire_items_path, SUBSCRIBER),
    Page("wire changes", wire_changes_path, SUBSCRIBER),
]
CEILING = Page("ceiling", lambda: reverse("benchmark_ceiling"))
ADMIN_LIST = Page("admin list", lambda: reverse("admin:articles_article_changelist"), EDITOR)


def resolve(page: Page) -> tuple[str | None, str]:
    """The page's path, or None and the reason it is not available."""
    try:
        return page.path(), ""
    except NoReverseMatch as error:
        return None, f"no such address ({error})"
    except (Article.DoesNotExist, Section.DoesNotExist, Tag.DoesNotExist, IndexError):
        return None, "nothing to show in the seeded archive"
