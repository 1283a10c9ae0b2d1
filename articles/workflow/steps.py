"""The table of what people can do to a story, and the steps that move it.

Each step locks the story's row, checks the table and what the step needs (``check``), then
changes the fields, writes the audit entry and a revision together (or not at all), and
queues the notification emails for after the commit.
"""

from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles import notifications, revisions
from articles.models import Article, ArticleEvent
from articles.workflow.rules import (
    ALL_STATUSES,
    APPROVABLE,
    OWNER_EDITABLE,
    Action,
    Status,
    WorkflowError,
)

# The names resolve when a step runs, so the table can stand above the functions it names.
ACTIONS: dict[str, Action] = {
    "edit": Action(
        (_("edit this story"), _("edit it")),
        "articles.edit_any_article",
        ALL_STATUSES,
        owner_statuses=OWNER_EDITABLE,
    ),
    "submit": Action(
        (_("submit this story"), _("submit it")),
        "articles.edit_any_article",
        OWNER_EDITABLE,
        owner_statuses=OWNER_EDITABLE,
        label=_("Submit for review"),
        run=lambda story, by, comment, when: submit(story, by=by, comment=comment),
    ),
    "withdraw": Action(
        (_("withdraw this story"), _("withdraw it")),
        "articles.edit_any_article",
        (Status.IN_REVIEW,),
        owner_statuses=(Status.IN_REVIEW,),
        label=_("Withdraw submission"),
        run=lambda story, by, comment, when: withdraw(story, by=by),
    ),
    "approve": Action(
        (_("approve this story"), _("approve it")),
        "articles.publish_article",
        APPROVABLE,
        label=_("Approve and publish now"),
        run=lambda story, by, comment, when: approve(story, by=by, comment=comment),
    ),
    "schedule": Action(
        (_("schedule this story"), _("schedule it")),
        "articles.publish_article",
        APPROVABLE,
        needs_future_time=True,
        label=_("Schedule"),
        run=lambda story, by, comment, when: schedule(
            story, by=by, publish_at=when, comment=comment
        ),
    ),
    "send_back": Action(
        (_("send this story back"), _("send it back")),
        "articles.send_back_article",
        (Status.IN_REVIEW, Status.SCHEDULED),
        comment_needed=_("Say what the journalist should change: a comment is required."),
        label=_("Send back"),
        run=lambda story, by, comment, when: send_back(story, by=by, comment=comment),
    ),
    "unpublish": Action(
        (_("unpublish this story"), _("unpublish it")),
        "articles.unpublish_article",
        Article.LIVE_STATUSES,
        comment_needed=_("Give the reason for unpublishing: it stays in the story's history."),
        label=_("Unpublish"),
        run=lambda story, by, comment, when: unpublish(story, by=by, reason=comment),
    ),
    "restore": Action(
        (_("restore this story to draft"), _("restore it to draft")),
        "articles.restore_article",
        (Status.UNPUBLISHED,),
        label=_("Restore to draft"),
        run=lambda story, by, comment, when: restore(story, by=by, comment=comment),
    ),
    "trash": Action(
        (_("move this story to the trash"), _("move it to the trash")),
        "articles.delete_article",
        ALL_STATUSES,
        label=_("Move to trash"),
        run=lambda story, by, comment, when: move_to_trash(story, by=by),
    ),
    "restore_from_trash": Action(
        (_("restore this story from the trash"), _("restore it from the trash")),
        "articles.restore_article",
        ALL_STATUSES,
        in_trash=True,
        label=_("Restore from trash"),
        run=lambda story, by, comment, when: restore_from_trash(story, by=by),
    ),
    "share_preview": Action(
        (_("share a preview of this story"), _("share a preview of it")),
        "articles.share_preview",
        ALL_STATUSES,
    ),
    # Revoking only ever narrows who can read a story, so the trash does not stand in its way.
    "revoke_share": Action(
        (_("revoke share links to this story"), _("revoke share links to it")),
        "articles.share_preview",
        ALL_STATUSES,
        in_trash=None,
    ),
}
# The actions that move a story, in the order the desk shows their buttons.
STEPS = {name: action for name, action in ACTIONS.items() if action.run is not None}


def refusal(action: str, user: AbstractBaseUser, article: Article) -> str | None:
    """Why ``user`` may not do ``action`` (a key of ``ACTIONS``) to ``article`` now, or None."""
    return ACTIONS[action].refusal(user, article)


def may(action: str, user: AbstractBaseUser, article: Article) -> bool:
    return refusal(action, user, article) is None


def may_ever(action: str, user: AbstractBaseUser) -> bool:
    """Whether ``user`` may do ``action`` to some story: whether to offer it to them at all."""
    return ACTIONS[action].open_to(user)


def can_edit(user: AbstractBaseUser, article: Article) -> bool:
    return may("edit", user, article)


def require(action: str, user: AbstractBaseUser, article: Article) -> None:
    """Raise ``WorkflowError`` with the reason when ``user`` may not do ``action`` now."""
    reason = refusal(action, user, article)
    if reason:
        raise WorkflowError(reason)


def _step_named(name: str) -> Action:
    """The step a button or a posted form names; the name comes from outside, so check it."""
    if name not in STEPS:
        raise WorkflowError(gettext("There is no such step as “%(name)s”.") % {"name": name})
    return STEPS[name]


def check(
    step: str,
    article: Article,
    *,
    by: AbstractBaseUser,
    comment: str = "",
    publish_at: datetime | None = None,
) -> None:
    """Raise ``WorkflowError`` when taking ``step`` now, with these inputs, would be refused.

    Every step runs this under its row lock; the desk form runs it before saving too, so a
    refused step leaves the typed text in the form with the reason beside the input at fault.
    """
    action = _step_named(step)
    require(step, by, article)
    action.check_inputs(comment=comment, publish_at=publish_at)


def locked(article: Article) -> Article:
    """The story's row as stored now, locked until the transaction ends."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _move(
    article: Article,
    *,
    step: str,
    by: AbstractBaseUser,
    to_status: str,
    comment: str = "",
    publish_at: datetime | None = None,
    **fields,
) -> ArticleEvent:
    """Check, then change status and fields, audit entry and revision as one unit."""
    current = locked(article)
    check(step, current, by=by, comment=comment, publish_at=publish_at)
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
        comment=comment.strip(),
    )
    revisions.record(current, by=by, note=f"{Status(to_status).label} by {by}")
    article.refresh_from_db()
    return event


def _decide(article: Article, **move) -> ArticleEvent:
    """An editor's decision: the move, then the journalist told by email after the commit."""
    event = _move(article, **move)
    notifications.decision_made(event)
    return event


def _keep_status(article: Article, **move) -> ArticleEvent:
    """A move in or out of the trash: the story keeps its status, and its history says so."""
    return _move(article, to_status=locked(article).status, **move)


@transaction.atomic
def submit(article: Article, *, by: AbstractBaseUser, comment: str = "") -> ArticleEvent:
    """Ask the editors to review the story; they are told by email."""
    event = _move(article, step="submit", by=by, to_status=Status.IN_REVIEW, comment=comment)
    notifications.story_submitted(event)
    return event


@transaction.atomic
def withdraw(article: Article, *, by: AbstractBaseUser) -> ArticleEvent:
    """Take a submission back to the draft stage, to keep working on it."""
    return _move(article, step="withdraw", by=by, to_status=Status.DRAFT)


@transaction.atomic
def approve(
    article: Article,
    *,
    by: AbstractBaseUser,
    publish_at: datetime | None = None,
    comment: str = "",
) -> ArticleEvent:
    """Publish the story now; given ``publish_at``, schedule it for then instead.

    A story republished after an unpublication keeps its first date, so its address does not
    change (and if that date is still ahead, it stays scheduled for it).
    """
    if publish_at is not None:
        return schedule(article, by=by, publish_at=publish_at, comment=comment)
    stored = locked(article)
    was_out = stored.status == Status.UNPUBLISHED and stored.published_at
    published_at = stored.published_at if was_out else timezone.now()
    return _decide(
        article,
        step="approve",
        by=by,
        to_status=Status.SCHEDULED if published_at > timezone.now() else Status.PUBLISHED,
        comment=comment,
        published_at=published_at,
    )


@transaction.atomic
def schedule(
    article: Article,
    *,
    by: AbstractBaseUser,
    publish_at: datetime | None,
    comment: str = "",
) -> ArticleEvent:
    """Approve the story to go live by itself at ``publish_at``, which must be in the future.

    No job makes it live: ``published()`` includes it once its time has passed. A time in the
    past is refused, or the story would appear at once under an old date.
    """
    return _decide(
        article,
        step="schedule",
        by=by,
        to_status=Status.SCHEDULED,
        comment=comment,
        publish_at=publish_at,
        published_at=publish_at,
    )


@transaction.atomic
def send_back(article: Article, *, by: AbstractBaseUser, comment: str) -> ArticleEvent:
    """Return the story to its journalist with what to change; a comment is required."""
    return _decide(
        article,
        step="send_back",
        by=by,
        to_status=Status.SENT_BACK,
        comment=comment,
        published_at=None,
    )


@transaction.atomic
def unpublish(article: Article, *, by: AbstractBaseUser, reason: str) -> ArticleEvent:
    """Take a live or scheduled story off every public surface; a reason is required."""
    return _decide(article, step="unpublish", by=by, to_status=Status.UNPUBLISHED, comment=reason)


@transaction.atomic
def restore(article: Article, *, by: AbstractBaseUser, comment: str = "") -> ArticleEvent:
    """Bring an unpublished story back to the desk as a draft, to be reworked and approved."""
    return _move(article, step="restore", by=by, to_status=Status.DRAFT, comment=comment)


@transaction.atomic
def move_to_trash(article: Article, *, by: AbstractBaseUser) -> ArticleEvent:
    """Take the story off the desk and the site, restorably: articles are never deleted here."""
    return _keep_status(
        article, step="trash", by=by, comment="Moved to the trash.", deleted_at=timezone.now()
    )


@transaction.atomic
def restore_from_trash(article: Article, *, by: AbstractBaseUser) -> ArticleEvent:
    """Bring a story back from the trash in the state it was in."""
    return _keep_status(
        article,
        step="restore_from_trash",
        by=by,
        comment="Restored from the trash.",
        deleted_at=None,
    )


def offered_actions(user: AbstractBaseUser, article: Article) -> list[tuple[str, str]]:
    """(step, label) pairs this person may take on this story now, for its buttons."""
    return [(name, step.label) for name, step in STEPS.items() if may(name, user, article)]


def apply(
    action: str,
    article: Article,
    *,
    by: AbstractBaseUser,
    comment: str = "",
    publish_at: datetime | None = None,
) -> ArticleEvent:
    """Take the step a button, bulk action or posted form names: one entry point for every path.

    ``comment`` goes to the steps that keep one (for ``unpublish``, it is the reason);
    ``publish_at`` only to ``schedule``.
    """
    return _step_named(action).run(article, by, comment, publish_at)
