"""What the desk's front page shows each person: what waits for them, what came back to
them and why, and what goes live next. One small query per list, whatever the archive's size."""

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from articles.models import Article, ArticleEvent

SHOWN = 6


def _last_step(to_status: str, field: str) -> Subquery:
    steps = ArticleEvent.objects.filter(article=OuterRef("pk"), to_status=to_status)
    return Subquery(steps.order_by("-at", "-pk").values(field)[:1])


def sent_back_to(user) -> QuerySet:
    """The person's stories an editor sent back, with what the editor asked for."""
    return (
        Article.objects.not_in_trash()
        .filter(created_by=user, status=Article.Status.SENT_BACK)
        .annotate(
            reason=_last_step(Article.Status.SENT_BACK, "comment"),
            sent_back_by=_last_step(Article.Status.SENT_BACK, "actor__full_name"),
        )
        .order_by("-updated_at")[:SHOWN]
    )


def drafts_of(user) -> QuerySet:
    return (
        Article.objects.not_in_trash()
        .filter(created_by=user, status=Article.Status.DRAFT)
        .order_by("-updated_at")[:SHOWN]
    )


def awaiting_review() -> QuerySet:
    """Stories in review, the longest waiting first, with who submitted them and when."""
    return (
        Article.objects.not_in_trash()
        .filter(status=Article.Status.IN_REVIEW)
        .select_related("section", "created_by")
        .annotate(
            submitted_at=_last_step(Article.Status.IN_REVIEW, "at"),
            submitted_by=_last_step(Article.Status.IN_REVIEW, "actor__full_name"),
        )
        .order_by("submitted_at", "pk")
    )


def going_live_next() -> QuerySet:
    """Scheduled stories whose time has not come, soonest first."""
    return (
        Article.objects.not_in_trash()
        .filter(status=Article.Status.SCHEDULED, published_at__gt=timezone.now())
        .select_related("section")
        .order_by("published_at")[:SHOWN]
    )


def for_person(user) -> dict:
    """The lists of the front page this person's role gives them."""
    lists = {"sent_back": sent_back_to(user), "drafts": drafts_of(user)}
    if user.has_perm("articles.publish_article"):
        lists["awaiting_review"] = awaiting_review()[:SHOWN]
        lists["going_live_next"] = going_live_next()
    return lists
