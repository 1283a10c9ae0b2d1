"""Webhooks arrive signed, are tried again while the receiver fails, stop once it takes them,
and never go to an address inside the newsroom's own network."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone
from standardwebhooks.webhooks import Webhook as Verifier

from articles import workflow
from tests.factories import ArticleFactory
from wire import webhooks
from wire.models import Delivery, Webhook
from wire.tasks import send_due_deliveries

ALL_EVENTS = [event.value for event in Webhook.Event]


class Receiver:
    """A subscriber's server on a port the system hands out: it answers each POST with the
    next of ``answers`` (then 200) and keeps what it got."""

    def __init__(self, answers=()):
        self.answers = list(answers)
        self.received: list[tuple[dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                self.send_response(receiver.answers.pop(0) if receiver.answers else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/newsroom"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def events(self) -> list[str]:
        import json

        return [json.loads(body)["type"] for _headers, body in self.received]


@pytest.fixture
def receiver(settings):
    settings.WIRE_WEBHOOKS_ALLOW_LOOPBACK = True
    made = []

    def receiver(answers=()):
        made.append(Receiver(answers))
        return made[-1]

    yield receiver
    for each in made:
        each.close()


def hook_for(subscriber, url: str, events=ALL_EVENTS) -> Webhook:
    return Webhook.objects.create(
        subscriber=subscriber, url=url, events=events, secret=webhooks.new_secret()
    )


def due_now() -> None:
    """The wait before the next try has passed."""
    Delivery.objects.filter(status=Delivery.Status.PENDING).update(next_attempt_at=timezone.now())


def test_a_published_story_arrives_signed_as_standard_webhooks_verify(
    subscribe, receiver, editor, run_committed_work
):
    server = receiver()
    hook = hook_for(subscribe().subscriber, server.url)
    story = ArticleFactory(in_review=True, headline="Parliament passes the budget")

    workflow.approve(story, by=editor)
    run_committed_work()

    ((headers, body),) = server.received
    payload = Verifier(hook.secret).verify(body, {k.lower(): v for k, v in headers.items()})
    assert payload["type"] == "item.published"
    assert payload["data"]["headlines"][0]["value"] == "Parliament passes the budget"
    assert payload["data"]["pubstatus"] == "usable"
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.DELIVERED
    assert delivery.message_id == headers["webhook-id"]


def test_a_forged_or_altered_delivery_fails_verification(
    subscribe, receiver, editor, run_committed_work
):
    from standardwebhooks.webhooks import WebhookVerificationError

    server = receiver()
    hook_for(subscribe().subscriber, server.url)
    workflow.approve(ArticleFactory(in_review=True), by=editor)
    run_committed_work()
    ((headers, body),) = server.received
    headers = {k.lower(): v for k, v in headers.items()}

    with pytest.raises(WebhookVerificationError):
        Verifier(webhooks.new_secret()).verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        Verifier(Webhook.objects.get().secret).verify(body.replace(b"usable", b"xsable"), headers)


def test_a_failing_receiver_is_tried_again_until_it_takes_the_delivery_then_never_again(
    subscribe, receiver, editor, run_committed_work
):
    server = receiver(answers=[500, 503])
    hook_for(subscribe().subscriber, server.url)
    workflow.approve(ArticleFactory(in_review=True), by=editor)
    run_committed_work()

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.PENDING, 1)
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=25)
    assert send_due_deliveries() == 0  # not yet due

    due_now()
    send_due_deliveries()
    delivery.refresh_from_db()
    first_wait = timedelta(seconds=30)
    assert delivery.next_attempt_at > timezone.now() + first_wait  # waits longer each time

    due_now()
    send_due_deliveries()
    due_now()
    send_due_deliveries()

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.DELIVERED, 3)
    assert len(server.received) == 3
    assert len({headers["webhook-id"] for headers, _body in server.received}) == 1
    assert [attempt.status_code for attempt in delivery.tries.all()] == [500, 503, 200]
    assert all(attempt.duration_ms >= 0 for attempt in delivery.tries.all())


def test_a_receiver_that_never_answers_is_given_up_after_a_day(subscribe, settings):
    settings.WIRE_WEBHOOKS_ALLOW_LOOPBACK = True
    # Nothing listens on a port the system handed out and took back.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    hook_for(subscribe().subscriber, f"http://127.0.0.1:{port}/")
    ArticleFactory(published=True)
    subscribe("Someone polling").changes()  # the story reaches the wire

    delivery = Delivery.objects.get()
    assert delivery.tries.get().error
    Delivery.objects.update(created_at=timezone.now() - timedelta(hours=23, minutes=59))
    due_now()
    send_due_deliveries()

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.next_attempt_at is None


def test_webhooks_hear_only_the_events_and_items_their_subscriber_may_have(
    subscribe, receiver, editor, run_committed_work
):
    plain_server, entitled_server, picky_server = receiver(), receiver(), receiver()
    hook_for(subscribe("Plain").subscriber, plain_server.url)
    hook_for(subscribe("Entitled", receives_embargoed=True).subscriber, entitled_server.url)
    hook_for(subscribe("Picky").subscriber, picky_server.url, events=["item.canceled"])
    story = ArticleFactory(in_review=True)

    workflow.schedule(story, by=editor, publish_at=timezone.now() + timedelta(hours=2))
    run_committed_work()
    workflow.unpublish(story, by=editor, reason="Plans changed.")
    run_committed_work()
    workflow.restore(story, by=editor)
    workflow.approve(story, by=editor)
    run_committed_work()
    story.headline = "Updated headline"
    story.save()
    run_committed_work()
    workflow.unpublish(story, by=editor, reason="Withdrawn.")
    run_committed_work()

    assert entitled_server.events() == [
        "item.embargoed",
        "item.canceled",
        "item.published",
        "item.updated",
        "item.canceled",
    ]
    assert plain_server.events() == ["item.published", "item.updated", "item.canceled"]
    assert picky_server.events() == ["item.canceled"]


@pytest.mark.parametrize(
    "url",
    [
        "http://203.0.113.10/hooks",  # not HTTPS
        "https://127.0.0.1/hooks",
        "https://localhost/hooks",
        "https://10.1.2.3/hooks",
        "https://192.168.0.4/hooks",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hooks",
        "https://0.0.0.0/hooks",
        "ftp://203.0.113.10/hooks",
    ],
)
def test_addresses_inside_private_networks_are_refused(settings, url):
    settings.WIRE_WEBHOOKS_ALLOW_LOOPBACK = False

    with pytest.raises(webhooks.AddressRefused):
        webhooks.check_address(url)


def test_a_refused_address_is_logged_as_a_failed_try_and_nothing_is_sent(subscribe, settings):
    settings.WIRE_WEBHOOKS_ALLOW_LOOPBACK = False
    hook_for(subscribe().subscriber, "https://169.254.169.254/latest/meta-data/")
    ArticleFactory(published=True)
    subscribe("Someone polling").changes()

    attempt = Delivery.objects.get().tries.get()
    assert attempt.status_code is None
    assert "private or reserved" in attempt.error


def test_a_stopped_webhook_gets_nothing_more(subscribe, receiver, editor, run_committed_work):
    server = receiver(answers=[500])
    hook = hook_for(subscribe().subscriber, server.url)
    workflow.approve(ArticleFactory(in_review=True), by=editor)
    run_committed_work()
    hook.is_active = False
    hook.save()

    due_now()
    send_due_deliveries()

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert len(server.received) == 1
