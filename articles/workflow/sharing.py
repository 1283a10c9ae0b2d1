"""Share links: who may make and revoke them, how long they work, which story a token opens.

A link's address carries its id signed with the site's secret, so it cannot be guessed or
altered; whether it still works (expiry, revocation, the story in the trash) is decided by
its row, so an editor can revoke it at any time.
"""

from datetime import timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from articles.models import Article, PreviewLink
from articles.workflow.rules import WorkflowError
from articles.workflow.steps import require

# How long a share link may work, by the key the desk's form posts: a week at most.
SHARE_LINK_LIFETIMES: dict[str, tuple[str, timedelta]] = {
    "1h": (gettext_lazy("1 hour"), timedelta(hours=1)),
    "1d": (gettext_lazy("1 day"), timedelta(days=1)),
    "7d": (gettext_lazy("7 days"), timedelta(days=7)),
}
# Not a secret: it keeps these signatures apart from every other use of SECRET_KEY. Links
# already sent carry it, so it must not change.
SHARE_TOKEN_SALT = "articles.preview-link"  # noqa: S105


def create_share_link(article: Article, *, by: AbstractBaseUser, lifetime: str) -> PreviewLink:
    """A link that shows this story to someone without an account, for ``lifetime``.

    ``lifetime`` is a key of ``SHARE_LINK_LIFETIMES``.
    """
    require("share_preview", by, article)
    if lifetime not in SHARE_LINK_LIFETIMES:
        raise WorkflowError(gettext("Choose how long the link works."))
    _, length = SHARE_LINK_LIFETIMES[lifetime]
    return PreviewLink.objects.create(
        article=article, created_by=by, expires_at=timezone.now() + length
    )


def revoke_share_link(link: PreviewLink, *, by: AbstractBaseUser) -> None:
    """Make a share link stop working at once; revoking it again changes nothing."""
    require("revoke_share", by, link.article)
    PreviewLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    link.refresh_from_db(fields=["revoked_at"])


def working_share_links() -> QuerySet[PreviewLink]:
    """Share links that open their story now: neither revoked nor expired."""
    return PreviewLink.objects.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


def share_link_url(link: PreviewLink) -> str:
    """The link's address, with its id signed so that it cannot be guessed or altered."""
    token = signing.dumps(link.pk, salt=SHARE_TOKEN_SALT)
    return reverse("articles:shared-preview", kwargs={"token": token})


def shared_story(token: str) -> Article | None:
    """The story a share link's token opens, or None.

    None when the token was altered or the link has expired or been revoked, and while the
    story is in the trash.
    """
    try:
        link_id = signing.loads(token, salt=SHARE_TOKEN_SALT)
    except signing.BadSignature:
        return None
    link = (
        working_share_links()
        .filter(pk=link_id, article__deleted_at__isnull=True)
        .select_related("article")
        .first()
    )
    return link.article if link else None
