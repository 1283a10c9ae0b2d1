"""The "Related posts" rule for the story page."""

from django.db.models import Count, Q
from django.utils import timezone

from articles.models import Article, union_of_ids

RELATED_LIMIT = 5
# How far back related posts look: the newest stories sharing a tag. A popular tag is on
# tens of thousands of stories; weighing all of them on every story page made the page's
# cost grow with the archive (370 ms of database time on 100,000 stories).
RELATED_CANDIDATES = 200


def related_articles(article: Article, *, limit: int = RELATED_LIMIT) -> list[Article]:
    """Up to ``limit`` published stories in ``article``'s language that share the most tags
    with it.

    Newest first among equal counts; the newest stories of the same section fill the
    remaining places. Never the story itself. The candidates are the newest stories of each
    of its tags (``RELATED_CANDIDATES`` shared between them) plus the section's newest few,
    each read through an index in a subquery of the one query, so a large archive or a
    popular tag costs no more than a small one.
    Tags are read from ``article``'s prefetch when present.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]
    others = (
        Article.objects.published()
        .in_language(article.language)
        .exclude(pk=article.pk)
        .order_by("-published_at", "-pk")
        .values_list("pk", flat=True)
    )
    parts = [others.filter(section_id=article.section_id)[:limit]]
    now = timezone.now()
    for tag_id in tag_ids:
        newest = others.newest_tagged(tag_id, at=now)
        parts.append(newest[: RELATED_CANDIDATES // len(tag_ids)])
    ranked = (
        Article.objects.filter(pk__in=union_of_ids(parts))
        .annotate(
            shared_tags=Count(
                "taggedarticle", filter=Q(taggedarticle__tag_id__in=tag_ids), distinct=True
            )
        )
        .select_related("section")
        .defer("body")
        .order_by("-shared_tags", "-published_at", "-pk")
    )
    return list(ranked[:limit])
