"""The newsroom's editorial rules, in one place.

Every path that changes a story's state (admin form buttons, admin actions, direct POSTs,
commands, tests) calls these functions; nothing else assigns ``status``. Each transition
locks the story's row, checks the actor's permission and the story's current state, then
changes the fields, writes the audit entry and a revision together (or not at all), and
queues the notification emails for after the commit.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from articles import notifications, revisions
from articles.models import Article, ArticleEvent, ArticleRevision, SlugRedirect

Status = Article.Status
ALL_STATUSES = tuple(Status)
OWNER_EDITABLE = (Status.DRAFT, Status.SENT_BACK)


class WorkflowError(Exception):
    """A transition was refused; the message says why, in words for the person who tried."""


class StaleEdit(WorkflowError):
    """Someone saved the story after this form was loaded: saving it would overwrite their work."""


@dataclass(frozen=True)
class Rule:
    verb: str
    permission: str
    statuses: tuple[str, ...]
    owner_statuses: tuple[str, ...] = ()
    in_trash: bool = False


RULES = {
    "edit": Rule("edit", "articles.edit_any_article", ALL_STATUSES, OWNER_EDITABLE),
    "submit": Rule("submit", "articles.edit_any_article", OWNER_EDITABLE, OWNER_EDITABLE),
    "withdraw": Rule(
        "withdraw", "articles.edit_any_article", (Status.IN_REVIEW,), (Status.IN_REVIEW,)
    ),
    "approve": Rule(
        "approve",
        "articles.publish_article",
        (Status.DRAFT, Status.IN_REVIEW, Status.SENT_BACK, Status.SCHEDULED, Status.UNPUBLISHED),
    ),
    "send_back": Rule(
        "send back", "articles.send_back_article", (Status.IN_REVIEW, Status.SCHEDULED)
    ),
    "unpublish": Rule(
        "unpublish", "articles.unpublish_article", (Status.SCHEDULED, Status.PUBLISHED)
    ),
    "restore": Rule("restore", "articles.restore_article", (Status.UNPUBLISHED,)),
    "trash": Rule("move to the trash", "articles.delete_article", ALL_STATUSES),
    "restore_from_trash": Rule(
        "restore from the trash", "articles.restore_article", ALL_STATUSES, in_trash=True
    ),
    "share_preview": Rule("share a preview of", "articles.share_preview", ALL_STATUSES),
}


def is_owner(user: AbstractBaseUser, article: Article) -> bool:
    return article.created_by_id is not None and article.created_by_id == user.pk


def refusal(action: str, user: AbstractBaseUser, article: Article) -> str | None:
    """Why ``user`` may not do ``action`` to ``article`` now, or None when they may.

    A scheduled story whose time has passed counts as published: it can be unpublished,
    not sent back.
    """
    rule = RULES[action]
    if not (user.is_active and user.is_staff):
        return "Only members of the newsroom can do this."
    if rule.in_trash and article.deleted_at is None:
        return f"“{article}” is not in the trash."
    if not rule.in_trash and article.deleted_at is not None:
        return f"“{article}” is in the trash; restore it first."
    by_permission = user.has_perm(rule.permission)
    as_owner = (
        bool(rule.owner_statuses)
        and is_owner(user, article)
        and user.has_perm("articles.change_article")
    )
    if not (by_permission or as_owner):
        return f"You may not {rule.verb} this story."
    allowed = rule.statuses if by_permission else rule.owner_statuses
    if article.current_status not in allowed:
        labels = " or ".join(Status(status).label for status in allowed)
        return (
            f"“{article}” is {article.get_current_status_display()}: "
            f"you can {rule.verb} it only while it is {labels}."
        )
    return None


def may(action: str, user: AbstractBaseUser, article: Article) -> bool:
    return refusal(action, user, article) is None


def can_edit(user: AbstractBaseUser, article: Article) -> bool:
    return may("edit", user, article)


def can_view(user: AbstractBaseUser, article: Article) -> bool:
    """Editors see everything; a journalist sees their own stories and live ones."""
    return user.has_perm("articles.edit_any_article") or is_owner(user, article) or article.is_live


def can_compare_revisions(user: AbstractBaseUser, article: Article) -> bool:
    return user.has_perm("articles.edit_any_article") or is_owner(user, article)


def _require(action: str, user: AbstractBaseUser, article: Article) -> None:
    reason = refusal(action, user, article)
    if reason:
        raise WorkflowError(reason)


def _locked(article: Article) -> Article:
    """The story's row as stored now, locked until the transaction ends."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _move(
    article: Article,
    *,
    action: str,
    by: AbstractBaseUser,
    to_status: str,
    comment: str = "",
    **fields,
) -> ArticleEvent:
    """Check, then change status and fields, audit entry and revision as one unit."""
    current = _locked(article)
    _require(action, by, current)
    from_status = current.current_status
    current.status = to_status
    for name, value in fields.items():
        setattr(current, name, value)
    current.version = F("version") + 1
    current.save(update_fields=["status", "version", "updated_at", *fields])
    current.refresh_from_db()
    event = ArticleEvent.objects.create(
        article=current,
        actor=by,
        at=timezone.now(),
        from_status=from_status,
        to_status=to_status,
        comment=comment,
    )
    revisions.record(current, by=by, note=f"{Status(to_status).label} by {by}")
    article.refresh_from_db()
    return event


@transaction.atomic
def submit(article: Article, *, by: AbstractBaseUser, comment: str = "") -> ArticleEvent:
    """Ask the editors to review the story; they are told by email."""
    event = _move(article, action="submit", by=by, to_status=Status.IN_REVIEW, comment=comment)
    notifications.story_submitted(event)
    return event


@transaction.atomic
def withdraw(article: Article, *, by: AbstractBaseUser) -> ArticleEvent:
    """Take a submission back to the draft stage, to keep working on it."""
    return _move(article, action="withdraw", by=by, to_status=Status.DRAFT)


@transaction.atomic
def approve(
    article: Article,
    *,
    by: AbstractBaseUser,
    publish_at: datetime | None = None,
    comment: str = "",
) -> ArticleEvent:
    """Publish now, or schedule for ``publish_at`` when that is in the future.

    A scheduled story needs no job to go live: ``published()`` includes it once its time
    has passed. A story republished after an unpublication keeps its first date, so its
    address does not change.
    """
    now = timezone.now()
    if publish_at is None:
        previous = Article.objects.get(pk=article.pk)
        was_out = previous.status == Status.UNPUBLISHED and previous.published_at
        publish_at = previous.published_at if was_out else now
    to_status = Status.SCHEDULED if publish_at > now else Status.PUBLISHED
    event = _move(
        article,
        action="approve",
        by=by,
        to_status=to_status,
        comment=comment,
        published_at=publish_at,
    )
    notifications.decision_made(event)
    return event


@transaction.atomic
def send_back(article: Article, *, by: AbstractBaseUser, comment: str) -> ArticleEvent:
    """Return the story to its journalist with what to change; a comment is required."""
    if not comment.strip():
        raise WorkflowError("Say what the journalist should change: a comment is required.")
    event = _move(
        article,
        action="send_back",
        by=by,
        to_status=Status.SENT_BACK,
        comment=comment.strip(),
        published_at=None,
    )
    notifications.decision_made(event)
    return event


@transaction.atomic
def unpublish(article: Article, *, by: AbstractBaseUser, reason: str) -> ArticleEvent:
    """Take a live or scheduled story off every public surface; a reason is required."""
    if not reason.strip():
        raise WorkflowError("Give the reason for unpublishing: it stays in the story's history.")
    event = _move(
        article, action="unpublish", by=by, to_status=Status.UNPUBLISHED, comment=reason.strip()
    )
    notifications.decision_made(event)
    return event


@transaction.atomic
def restore(article: Article, *, by: AbstractBaseUser, comment: str = "") -> ArticleEvent:
    """Bring an unpublished story back to the desk as a draft, to be reworked and approved."""
    return _move(article, action="restore", by=by, to_status=Status.DRAFT, comment=comment)


@transaction.atomic
def move_to_trash(article: Article, *, by: AbstractBaseUser) -> ArticleEvent:
    """Take the story off the desk and the site, restorably: articles are never deleted here."""
    status = _locked(article).status
    return _move(
        article,
        action="trash",
        by=by,
        to_status=status,
        comment="Moved to the trash.",
        deleted_at=timezone.now(),
    )


@transaction.atomic
def restore_from_trash(article: Article, *, by: AbstractBaseUser) -> ArticleEvent:
    """Bring a story back from the trash in the state it was in."""
    status = _locked(article).status
    return _move(
        article,
        action="restore_from_trash",
        by=by,
        to_status=status,
        comment="Restored from the trash.",
        deleted_at=None,
    )


def claim_version(article: Article, *, by: AbstractBaseUser, loaded_version: int) -> None:
    """Raise the stored version for a save of a form loaded at ``loaded_version``.

    The conditional UPDATE is the guarantee against lost updates: of two saves of forms
    loaded at the same version, exactly one matches the row.
    """
    _require("edit", by, article)
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
    current = _locked(article)
    _require("edit", by, current)
    if revision.article_id != current.pk:
        raise WorkflowError("That revision belongs to another story.")
    old_slug = current.slug
    current.version += 1
    revisions.apply_snapshot(current, revision.snapshot)
    keep_old_address(current, old_slug=old_slug)
    article.refresh_from_db()
    return revisions.record(current, by=by, note=f"Restored revision {revision.number}")


# What each button and admin action is called, and the rule that guards it.
ACTIONS = {
    "submit": ("Submit for review", "submit"),
    "withdraw": ("Withdraw submission", "withdraw"),
    "approve": ("Approve and publish now", "approve"),
    "schedule": ("Schedule", "approve"),
    "send_back": ("Send back", "send_back"),
    "unpublish": ("Unpublish", "unpublish"),
    "restore": ("Restore to draft", "restore"),
    "trash": ("Move to trash", "trash"),
    "restore_from_trash": ("Restore from trash", "restore_from_trash"),
}


def offered_actions(user: AbstractBaseUser, article: Article) -> list[tuple[str, str]]:
    """(action, label) pairs this person may apply to this story now, for its buttons."""
    return [
        (action, label) for action, (label, rule) in ACTIONS.items() if may(rule, user, article)
    ]


def apply(
    action: str,
    article: Article,
    *,
    by: AbstractBaseUser,
    comment: str = "",
    publish_at: datetime | None = None,
) -> ArticleEvent:
    """Run the transition a button or admin action names; one entry point for every path."""
    if action == "schedule" and publish_at is None:
        raise WorkflowError("Choose the date and time the story goes live.")
    transitions = {
        "submit": lambda: submit(article, by=by, comment=comment),
        "withdraw": lambda: withdraw(article, by=by),
        "approve": lambda: approve(article, by=by, comment=comment),
        "schedule": lambda: approve(article, by=by, publish_at=publish_at, comment=comment),
        "send_back": lambda: send_back(article, by=by, comment=comment),
        "unpublish": lambda: unpublish(article, by=by, reason=comment),
        "restore": lambda: restore(article, by=by, comment=comment),
        "trash": lambda: move_to_trash(article, by=by),
        "restore_from_trash": lambda: restore_from_trash(article, by=by),
    }
    if action not in transitions:
        raise WorkflowError(f"There is no such step as “{action}”.")
    return transitions[action]()
