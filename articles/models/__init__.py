"""The newsroom's content: stories and their parts, the people who sign them, their history.

``Article.objects.published()`` (in ``querysets.py``) is the one definition of what a reader
may see.
"""

from articles.models.authors import Author
from articles.models.history import ArticleEvent, ArticleRevision, PreviewLink, SlugRedirect
from articles.models.old_addresses import OldAddress
from articles.models.querysets import ArticleQuerySet, union_of_ids
from articles.models.stories import (
    Article,
    Byline,
    Correction,
    Section,
    Tag,
    TaggedArticle,
    TagName,
)

__all__ = [
    "Article",
    "ArticleEvent",
    "ArticleQuerySet",
    "ArticleRevision",
    "Author",
    "Byline",
    "Correction",
    "OldAddress",
    "PreviewLink",
    "Section",
    "SlugRedirect",
    "Tag",
    "TagName",
    "TaggedArticle",
    "union_of_ids",
]
