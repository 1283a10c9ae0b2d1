"""What a rule is made of, how it refuses, and who sees which story in the desk.

The rules themselves, one row per action, are the table in ``steps.py``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from articles.models import Article, ArticleEvent, ArticleQuerySet

Status = Article.Status
ALL_STATUSES = tuple(Status)
OWNER_EDITABLE = (Status.DRAFT, Status.SENT_BACK)
APPROVABLE = (
    Status.DRAFT,
    Status.IN_REVIEW,
    Status.SENT_BACK,
    Status.SCHEDULED,
    Status.UNPUBLISHED,
)
FUTURE_TIME_NEEDED = gettext_lazy("Choose a time in the future to schedule the story.")


class WorkflowError(Exception):
    """A step was refused; the message says why, in words for the person who tried.

    ``field`` names the input the refusal is about (``"comment"`` or ``"publish_at"``), so a
    form can show the message beside it; it is empty when the step itself is not allowed.
    """

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class StaleEdit(WorkflowError):
    """Someone saved the story after this form was loaded: saving it would overwrite their work."""


# A step's work: (story, by, comment, publish_at) -> the audit entry it wrote.
Run = Callable[[Article, AbstractBaseUser, str, datetime | None], ArticleEvent]


def is_owner(user: AbstractBaseUser, article: Article) -> bool:
    return article.created_by_id is not None and article.created_by_id == user.pk


def in_newsroom(user: AbstractBaseUser) -> bool:
    return user.is_active and user.is_staff


@dataclass(frozen=True)
class Action:
    """Something a person can do to a story, and who may do it from which states.

    Whoever holds ``permission`` may do it to any story in ``statuses``; the story's own
    journalist may do it, without that permission, in ``owner_statuses``. ``in_trash`` says
    where the story must be: True in the trash, False outside it, None either. An action with
    ``run`` is a step: it moves the story, and the desk offers it as a button named ``label``.
    """

    # What it is, said of "this story" and of "it": ("send this story back", "send it back").
    doing: tuple[str, str]
    permission: str
    statuses: tuple[str, ...]
    owner_statuses: tuple[str, ...] = ()
    in_trash: bool | None = False
    comment_needed: str = ""  # the refusal when the step is taken without a comment
    needs_future_time: bool = False
    label: str = ""
    run: Run | None = None

    def _open_to_owners(self, user: AbstractBaseUser) -> bool:
        return bool(self.owner_statuses) and user.has_perm("articles.change_article")

    def refusal(self, user: AbstractBaseUser, article: Article) -> str | None:
        """Why ``user`` may not do this to ``article`` now, or None when they may.

        A scheduled story whose time has passed counts as published: it can be unpublished,
        not sent back.
        """
        if not in_newsroom(user):
            return gettext("Only members of the newsroom can do this.")
        if self.in_trash is True and article.deleted_at is None:
            return gettext("“%(story)s” is not in the trash.") % {"story": article}
        if self.in_trash is False and article.deleted_at is not None:
            return gettext("“%(story)s” is in the trash; restore it first.") % {"story": article}
        by_permission = user.has_perm(self.permission)
        as_owner = self._open_to_owners(user) and is_owner(user, article)
        if not (by_permission or as_owner):
            return gettext("You may not %(action)s.") % {"action": self.doing[0]}
        allowed = self.statuses if by_permission else self.owner_statuses
        if article.current_status not in allowed:
            states = gettext(" or ").join(str(Status(status).label) for status in allowed)
            return gettext(
                "“%(story)s” is %(state)s: you can %(action)s only while it is %(states)s."
            ) % {
                "story": article,
                "state": article.get_current_status_display(),
                "action": self.doing[1],
                "states": states,
            }
        return None

    def open_to(self, user: AbstractBaseUser) -> bool:
        """Whether ``user`` may do this to some story: whether to offer it to them at all."""
        return in_newsroom(user) and (user.has_perm(self.permission) or self._open_to_owners(user))

    def check_inputs(self, *, comment: str, publish_at: datetime | None) -> None:
        """Refuse the step when it lacks what it needs: a comment, a time in the future."""
        if self.comment_needed and not comment.strip():
            raise WorkflowError(str(self.comment_needed), field="comment")
        if self.needs_future_time and (publish_at is None or publish_at <= timezone.now()):
            raise WorkflowError(str(FUTURE_TIME_NEEDED), field="publish_at")


def stories_visible_to(user: AbstractBaseUser) -> ArticleQuerySet:
    """The stories ``user`` sees in the desk.

    Editors see every story, the trash included (they restore from it); a journalist sees
    their own stories outside the trash, and the live ones.
    """
    if user.has_perm("articles.edit_any_article"):
        return Article.objects.all()
    return Article.objects.not_in_trash().filter(
        Q(created_by=user) | Q(pk__in=Article.objects.published().values("pk"))
    )


def can_view(user: AbstractBaseUser, article: Article) -> bool:
    """Whether ``user`` sees ``article`` in the desk: one rule with ``stories_visible_to``."""
    return stories_visible_to(user).filter(pk=article.pk).exists()


def can_compare_revisions(user: AbstractBaseUser, article: Article) -> bool:
    return user.has_perm("articles.edit_any_article") or is_owner(user, article)
