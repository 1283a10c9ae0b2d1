"""The readers' pages the benchmark measures, and how to find each one's address.

Each entry builds a path from the seeded archive. A page whose view does not exist (yet) or
whose sample is missing is reported as not available instead of stopping the run.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from articles.models import Article, Author, Section, Tag

# Two words that occur in the generated stories, as a reader would type them.
SEARCH_QUERY = "wheat harvest"


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


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[], str]


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
CEILING = Page("ceiling", lambda: reverse("benchmark_ceiling"))
ADMIN_LIST = Page("admin list", lambda: reverse("admin:articles_article_changelist"))


def resolve(page: Page) -> tuple[str | None, str]:
    """The page's path, or None and the reason it is not available."""
    try:
        return page.path(), ""
    except NoReverseMatch as error:
        return None, f"no such address ({error})"
    except (Article.DoesNotExist, Section.DoesNotExist, Tag.DoesNotExist, IndexError):
        return None, "nothing to show in the seeded archive"
