"""Changing a story's content: who may save, the lost-update guard, old addresses, restores."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext

from articles import revisions
from articles.models import Article, ArticleRevision, SlugRedirect
from articles.workflow.rules import StaleEdit, WorkflowError
from articles.workflow.steps import locked, require


def claim_version(article: Article, *, by: AbstractBaseUser, loaded_version: int) -> None:
    """Raise the stored version for a save of a form loaded at ``loaded_version``.

    The conditional UPDATE is the guarantee against lost updates: of two saves of forms
    loaded at the same version, exactly one matches the row.
    """
    require("edit", by, article)
    claimed = Article.objects.filter(pk=article.pk, version=loaded_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleEdit(f"“{article}” was saved by someone else after you opened it.")
    article.version = loaded_version + 1


def keep_old_address(article: Article, *, old_slug: str) -> None:
    """After a published story's slug changes, its old address must keep working (redirect)."""
    if old_slug == article.slug or article.status not in Article.LIVE_STATUSES:
        return
    SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"article": article})
    # An address in use again is the story's own, no longer a redirect.
    SlugRedirect.objects.filter(old_slug=article.slug).delete()


@transaction.atomic
def restore_revision(
    article: Article, *, by: AbstractBaseUser, revision: ArticleRevision
) -> ArticleRevision:
    """Put an earlier revision's content back; this adds a revision, history is kept."""
    current = locked(article)
    require("edit", by, current)
    if revision.article_id != current.pk:
        raise WorkflowError(gettext("That revision belongs to another story."))
    old_slug = current.slug
    current.version += 1
    revisions.apply_snapshot(current, revision.snapshot)
    keep_old_address(current, old_slug=old_slug)
    article.refresh_from_db()
    return revisions.record(current, by=by, note=f"Restored revision {revision.number}")
