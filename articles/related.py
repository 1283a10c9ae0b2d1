"""The "Related posts" rule for the story page."""

from django.db.models import Count, Q, Value

from articles.models import Article

RELATED_LIMIT = 5


def related_articles(article: Article, *, limit: int = RELATED_LIMIT) -> list[Article]:
    """Up to ``limit`` published stories that share the most tags with ``article``.

    Newest first among equal counts; stories of the same section fill the remaining places.
    Never the story itself. One query: tags are read from ``article``'s prefetch when present.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]
    candidates = Article.objects.published().exclude(pk=article.pk).select_related("section")
    if tag_ids:
        shares_a_tag = Q(taggedarticle__tag_id__in=tag_ids)
        candidates = candidates.annotate(
            shared_tags=Count("taggedarticle", filter=shares_a_tag, distinct=True)
        ).filter(Q(shared_tags__gt=0) | Q(section_id=article.section_id))
    else:
        candidates = candidates.annotate(shared_tags=Value(0)).filter(section_id=article.section_id)
    return list(candidates.order_by("-shared_tags", "-published_at", "-pk")[:limit])
