"""Emails the workflow sends: editors hear of new submissions, journalists of decisions.

Mail leaves only once the transition's transaction has committed, so a rolled-back
transition never announces something that did not happen.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles.addresses import site_url
from articles.models import Article, ArticleEvent

EDITOR_GROUP = "Editor"

logger = logging.getLogger(__name__)


def editor_addresses() -> list[str]:
    return list(
        get_user_model()
        .objects.filter(groups__name=EDITOR_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def journalist_addresses(article: Article) -> list[str]:
    owner = article.created_by
    return [owner.email] if owner and owner.is_active and owner.email else []


def _send_after_commit(subject: str, body: str, recipients: list[str]) -> None:
    if not recipients:
        return
    message = EmailMessage(subject=f"[{settings.SITE_NAME}] {subject}", body=body, to=recipients)

    def send() -> None:
        # The step has already been committed; a mail server that is down must not turn it
        # into an error page, so the failure is logged for the administrators instead.
        try:
            message.send()
        except OSError:
            logger.exception("Could not send “%s” to %s", message.subject, recipients)

    transaction.on_commit(send)


def _desk_link(article: Article) -> str:
    """A full address: mail is read outside the site, so a bare path would lead nowhere."""
    return site_url(reverse("admin:articles_article_change", args=[article.pk]))


def story_submitted(event: ArticleEvent) -> None:
    article = event.article
    _send_after_commit(
        f"For review: {article.headline}",
        f"{event.actor} submitted “{article.headline}” for review.\n\n"
        f"Open it on the desk: {_desk_link(article)}\n",
        editor_addresses(),
    )


JOURNALIST_SUBJECTS = {
    Article.Status.PUBLISHED: "Published: {headline}",
    Article.Status.SCHEDULED: "Scheduled: {headline}",
    Article.Status.SENT_BACK: "Sent back: {headline}",
    Article.Status.UNPUBLISHED: "Unpublished: {headline}",
}


def decision_made(event: ArticleEvent) -> None:
    """Tell the story's journalist what an editor decided, with the editor's words."""
    article = event.article
    lines = [f"{event.actor} changed “{article.headline}” to {event.get_to_status_display()}."]
    if event.to_status == Article.Status.SCHEDULED:
        lines.append(
            f"It goes live at {timezone.localtime(article.published_at):%Y-%m-%d %H:%M %Z}."
        )
    if event.comment:
        lines.append(f"\nTheir comment:\n{event.comment}")
    lines.append(f"\nOpen it on the desk: {_desk_link(article)}")
    _send_after_commit(
        JOURNALIST_SUBJECTS[event.to_status].format(headline=article.headline),
        "\n".join(lines) + "\n",
        journalist_addresses(article),
    )
