"""The "Related posts" rule for the story page."""

from django.db.models import Count, Q

from articles.models import Article, TaggedArticle

RELATED_LIMIT = 5


def related_articles(article: Article, *, limit: int = RELATED_LIMIT) -> list[Article]:
    """Up to ``limit`` published stories that share the most tags with ``article``.

    Newest first among equal counts; the newest stories of the same section fill the
    remaining places. Never the story itself. One query: the candidates are the stories
    sharing a tag plus the section's newest few, so a large section costs no more than a
    small one. Tags are read from ``article``'s prefetch when present.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]
    others = Article.objects.published().exclude(pk=article.pk)
    section_newest = (
        others.filter(section_id=article.section_id)
        .order_by("-published_at", "-pk")
        .values("pk")[:limit]
    )
    tagged = TaggedArticle.objects.filter(tag_id__in=tag_ids).values("content_object_id")
    candidates = others.filter(Q(pk__in=section_newest) | Q(pk__in=tagged)).annotate(
        shared_tags=Count(
            "taggedarticle", filter=Q(taggedarticle__tag_id__in=tag_ids), distinct=True
        )
    )
    return list(
        candidates.select_related("section").order_by("-shared_tags", "-published_at", "-pk")[
            :limit
        ]
    )
