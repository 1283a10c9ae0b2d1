"""The wire's background work, through Django's tasks framework (``django.tasks``).

Production runs the database-backed worker (``manage.py db_worker``, started by ``make
serve-prod``): a delivery's next try and an embargo's end wait in the database for their time
and survive restarts. Without a worker (``make run``, the tests) tasks run at once and
nothing can wait: ``manage.py send_webhooks`` sends the tries that are due, and each API
request releases the embargoes that are.
"""

import logging
from datetime import datetime

from django.tasks import default_task_backend, task
from django.utils import timezone

from wire import versions, webhooks
from wire.models import Delivery

logger = logging.getLogger(__name__)


def later(task_function, when: datetime):
    """``task_function`` to run at ``when`` where the backend can wait, else None."""
    if not default_task_backend.supports_defer:
        return None
    return task_function.using(run_after=when)


@task()
def deliver_task(delivery_id: int) -> str:
    """Try a delivery once; if it failed and may be tried again, queue the next try."""
    delivery = Delivery.objects.select_related("webhook__subscriber").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != Delivery.Status.PENDING:
        return "nothing to do"
    webhooks.attempt(delivery)
    if delivery.status == Delivery.Status.PENDING:
        logger.warning(
            "Webhook delivery %s to %s failed (try %s); next at %s",
            delivery.message_id,
            delivery.webhook.url,
            delivery.attempts,
            delivery.next_attempt_at,
        )
        retry = later(deliver_task, delivery.next_attempt_at)
        if retry is not None:
            retry.enqueue(delivery_id)
    return delivery.status


def release_at(article_id: int, when: datetime) -> None:
    """Have the story's embargo lifted at ``when`` by the worker, where there is one."""
    release = later(release_task, when)
    if release is not None:
        release.enqueue(article_id)


@task()
def release_task(article_id: int) -> None:
    """Record the story again: at its time, a withheld story becomes usable."""
    versions.record_safely(article_id)


def send_due_deliveries() -> int:
    """Try every delivery whose next try is due; how many were tried."""
    due = Delivery.objects.filter(
        status=Delivery.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    tried = 0
    for delivery_id in due:
        deliver_task.call(delivery_id)
        tried += 1
    return tried
