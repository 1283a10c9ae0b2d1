"""Telling subscribers' systems of each change, signed as Standard Webhooks specifies.

Each change a webhook asks for becomes a ``Delivery`` after the change commits, sent by a
task (``wire/tasks.py``): with the production worker the editor's request never waits for a
subscriber's server. A delivery that is not answered with a 2xx is tried again after 30 s,
then after twice as long each time (at most two hours apart) until a day has passed; each
try is logged with its answer and response time, and the desk shows the log.

Signatures: ``webhook-id``, ``webhook-timestamp`` and ``webhook-signature`` headers, an
HMAC-SHA256 of ``id.timestamp.body`` with the webhook's secret, made by the
``standardwebhooks`` package that receivers verify with. Every try is signed afresh, so a
receiver may refuse old timestamps.

Server-side request forgery: an address is resolved when it is sent to and refused if any of
its addresses is private, loopback, link-local, multicast or reserved, and the connection goes
to the address that was checked (no second lookup an attacker's DNS could answer otherwise).
No redirect is followed. ``WIRE_WEBHOOKS_ALLOW_LOOPBACK`` lets tests and a laptop send to
127.0.0.1 over plain HTTP; production sends to public HTTPS addresses only.
"""

import base64
import http.client
import ipaddress
import json
import secrets
import socket
import ssl
import time
import uuid
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from standardwebhooks.webhooks import Webhook as Signer

from wire import scope
from wire.models import Delivery, DeliveryAttempt, Webhook, WireItem

GIVE_UP_AFTER = timedelta(days=1)
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=2)
TIMEOUT_SECONDS = 10
# Of a receiver's answer only the status matters; a little of the body is read and dropped.
ANSWER_BYTES_READ = 65536


class AddressRefused(ValueError):
    """The address may not be sent to: its scheme, or where its host name leads."""


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def webhooks_for(item: WireItem, event: str) -> list[Webhook]:
    hooks = Webhook.objects.filter(is_active=True, subscriber__is_active=True)
    return [
        hook
        for hook in hooks.select_related("subscriber").prefetch_related("subscriber__sections")
        if event in hook.events and scope.receives(hook.subscriber, item)
    ]


def announce(item: WireItem, event: str) -> None:
    """Queue ``event`` of ``item`` for every webhook that asked for it and may receive it."""
    from wire import tasks

    payload = json.dumps(
        {
            "type": event,
            "timestamp": timezone.now().isoformat(timespec="seconds"),
            "data": json.loads(item.document),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    for hook in webhooks_for(item, event):
        delivery = Delivery.objects.create(
            webhook=hook,
            message_id=f"msg_{uuid.uuid4().hex}",
            event=event,
            article_id=item.article_id,
            version=item.version,
            payload=payload,
            created_at=timezone.now(),
            next_attempt_at=timezone.now(),
        )
        tasks.deliver_task.enqueue(delivery.pk)


def attempt(delivery: Delivery) -> DeliveryAttempt:
    """Send ``delivery`` once, log the try, and decide what happens next.

    A webhook or subscriber stopped since the delivery was queued gets nothing more.
    """
    now = timezone.now()
    hook = delivery.webhook
    if not (hook.is_active and hook.subscriber.is_active):
        delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
        delivery.save(update_fields=["status", "next_attempt_at"])
        return DeliveryAttempt.objects.create(
            delivery=delivery,
            at=now,
            duration_ms=0,
            error="The webhook or its subscriber was stopped.",
        )
    started = time.monotonic()
    status_code, error = None, ""
    try:
        status_code = post(delivery.webhook.url, delivery.payload, signed_headers(delivery, now))
    except Exception as problem:  # noqa: BLE001 - whatever went wrong is logged as this try's
        error = str(problem)[:300] or problem.__class__.__name__
    elapsed_ms = round((time.monotonic() - started) * 1000)
    logged = DeliveryAttempt.objects.create(
        delivery=delivery, at=now, status_code=status_code, duration_ms=elapsed_ms, error=error
    )
    delivery.attempts += 1
    if status_code is not None and 200 <= status_code < 300:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            Delivery.Status.DELIVERED,
            timezone.now(),
            None,
        )
    else:
        next_at = timezone.now() + wait_after(delivery.attempts)
        if next_at - delivery.created_at > GIVE_UP_AFTER:
            delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
        else:
            delivery.next_attempt_at = next_at
    delivery.save(update_fields=["attempts", "status", "delivered_at", "next_attempt_at"])
    return logged


def wait_after(attempts: int) -> timedelta:
    """30 s after the first failure, doubling, at most two hours."""
    return min(FIRST_WAIT * 2 ** (attempts - 1), LONGEST_WAIT)


def signed_headers(delivery: Delivery, now: datetime) -> dict[str, str]:
    signature = Signer(delivery.webhook.secret).sign(delivery.message_id, now, delivery.payload)
    return {
        "Content-Type": "application/json",
        "User-Agent": f"{settings.SITE_NAME} wire",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }


def check_address(url: str) -> tuple[str, int, str]:
    """(host, port, checked IP address) for ``url``, or ``AddressRefused`` saying why."""
    allow_loopback = settings.WIRE_WEBHOOKS_ALLOW_LOOPBACK
    parts = urlsplit(url)
    schemes = ("https", "http") if allow_loopback else ("https",)
    if parts.scheme not in schemes or not parts.hostname:
        raise AddressRefused(gettext("A webhook's address must start with https://."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError) as problem:
        raise AddressRefused(
            gettext("%(host)s could not be found.") % {"host": parts.hostname}
        ) from problem
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]
    for address in addresses:
        if not (address.is_global or (allow_loopback and address.is_loopback)):
            raise AddressRefused(
                gettext(
                    "%(host)s leads to %(address)s, a private or reserved address: "
                    "webhooks go to public servers only."
                )
                % {"host": parts.hostname, "address": address}
            )
    return parts.hostname, port, str(addresses[0])


def post(url: str, body: str, headers: dict[str, str]) -> int:
    """POST ``body`` to ``url`` at the address that was checked; the answer's status."""
    host, port, address = check_address(url)
    parts = urlsplit(url)
    if parts.scheme == "https":
        connection = PinnedHTTPSConnection(host, port, timeout=TIMEOUT_SECONDS)
    else:
        connection = PinnedHTTPConnection(host, port, timeout=TIMEOUT_SECONDS)
    connection.address = address
    try:
        path = parts.path or "/"
        target = f"{path}?{parts.query}" if parts.query else path
        connection.request("POST", target, body.encode(), headers)
        answer = connection.getresponse()
        answer.read(ANSWER_BYTES_READ)
        return answer.status
    finally:
        connection.close()


class PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to the address checked, whatever the host name resolves to now."""

    address = ""

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """The same over TLS: the certificate is checked against the host name, as usual."""

    address = ""

    def connect(self) -> None:
        plain = socket.create_connection((self.address, self.port), self.timeout)
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(plain, server_hostname=self.host)
