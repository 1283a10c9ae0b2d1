"""Administrators run the wire from the desk: subscribers, their keys and webhooks, and the
log of deliveries. Editors and journalists never see any of it."""

import socket
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, SectionFactory
from tests.html import Element, parse
from wire import keys
from wire.models import ApiKey, Delivery, DeliveryAttempt, Subscriber, Webhook

ADD_URL = reverse("admin:wire_subscriber_add")
LIST_URL = reverse("admin:wire_subscriber_changelist")
LOG_URL = reverse("admin:wire_delivery_changelist")


def change_url(subscriber: Subscriber) -> str:
    return reverse("admin:wire_subscriber_change", args=[subscriber.pk])


def form_data(page: Element, form_id: str) -> dict[str, list[str]]:
    """What a browser would send from the form as it stands: ticked boxes, chosen options."""
    form = page.find("form", id=form_id)
    data: dict[str, list[str]] = {}
    for field in form.find_all("input"):
        kind, name = field.attrs.get("type", "text"), field.attrs.get("name")
        if not name or kind in ("submit", "button", "file"):
            continue
        ticks = kind in ("checkbox", "radio")
        if ticks and "checked" not in field.attrs:
            continue
        data.setdefault(name, []).append(field.attrs.get("value", "on" if ticks else ""))
    for select in form.find_all("select"):
        chosen = [option.attrs["value"] for option in select.find_all("option", selected="")]
        data[select.attrs["name"]] = chosen
    for textarea in form.find_all("textarea"):
        data[textarea.attrs["name"]] = [textarea.text]
    return data


def add_inline_row(data: dict[str, list[str]], prefix: str) -> int:
    """Add a blank row to an inline, as its "Add another" link does; the new row's index."""
    index = int(data[f"{prefix}-TOTAL_FORMS"][0])
    blank = f"{prefix}-__prefix__-"
    for name, values in list(data.items()):
        if name.startswith(blank):
            data[name.replace("__prefix__", str(index))] = values
    data[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]
    return index


def subscriber_page_data(client: Client, subscriber: Subscriber) -> dict[str, list[str]]:
    return form_data(parse(client.get(change_url(subscriber))), "subscriber_form")


def issue_key(client: Client, subscriber: Subscriber, label: str = "") -> str:
    """Issue a key from the subscriber's page; the key as the next page shows it."""
    page = parse(client.get(change_url(subscriber)))
    issue = page.find("ul", class_="object-tools").find("a").attrs["href"]
    response = client.post(issue, {"label": label})
    assert response.status_code == 200
    return parse(response).find("input", class_="issued-key").attrs["value"]


def closed_local_port() -> int:
    """A port on this machine that nothing listens on: a try there is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_administrator_adds_a_subscriber_then_issues_its_first_key(administrator_client):
    sport = SectionFactory(name="Sport", slug="sport")
    data = form_data(parse(administrator_client.get(ADD_URL)), "subscriber_form")
    data.update(
        name=["Radio Bakhtar"],
        contact_email=["desk@bakhtar.example"],
        languages=["fa-af", "ps"],
        sections=[str(sport.pk)],
    )

    response = administrator_client.post(ADD_URL, data, follow=True)

    subscriber = Subscriber.objects.get(name="Radio Bakhtar")
    assert (subscriber.languages, list(subscriber.sections.all())) == (["fa-af", "ps"], [sport])
    assert response.redirect_chain[-1][0] == change_url(subscriber)
    assert "has no working API key" in response.content.decode()
    assert not subscriber.keys.exists()

    key = issue_key(administrator_client, subscriber, label="Newsroom system")

    row = ApiKey.objects.get(subscriber=subscriber)
    assert key.startswith(f"nrw_{row.prefix}_") and row.label == "Newsroom system"
    page = administrator_client.get(change_url(subscriber)).content.decode()
    assert f"nrw_{row.prefix}_…" in page
    assert key not in page
    assert "has no working API key" not in page


def test_the_subscribers_list_counts_working_keys(administrator_client):
    subscriber = Subscriber.objects.create(name="Kabul Evening", languages=["ps"])
    issue_key(administrator_client, subscriber)
    revoked = issue_key(administrator_client, subscriber)
    ApiKey.objects.filter(prefix=revoked.split("_")[1]).update(revoked_at=timezone.now())

    row = parse(administrator_client.get(LIST_URL)).find("tbody").find("tr")

    assert row.find("td", class_="field-working_keys").text == "1"
    assert row.find("td", class_="field-languages_taken").text == "پښتو"
    assert row.find("td", class_="field-sections_taken").text == "Every section"


def test_an_issued_key_reads_the_wire_until_it_is_revoked_in_the_desk(administrator_client):
    subscriber = Subscriber.objects.create(name="Herat Daily")
    key = issue_key(administrator_client, subscriber)
    software = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert software.get("/wire/v1/items").status_code == 200

    page = parse(administrator_client.get(change_url(subscriber)))
    confirm = page.find("td", class_="field-state").find("a").attrs["href"]
    asked = parse(administrator_client.get(confirm))
    assert asked.find("code").text == str(ApiKey.objects.get())
    response = administrator_client.post(confirm, follow=True)

    assert "is revoked" in response.content.decode()
    assert "Revoked" in parse(response).find("td", class_="field-state").text
    assert software.get("/wire/v1/items").status_code == 401
    history = reverse("admin:wire_subscriber_history", args=[subscriber.pk])
    entries = parse(administrator_client.get(history)).find("table").text
    shown = str(ApiKey.objects.get())
    assert f"Added API key “{shown}”" in entries
    assert f"Changed revoked for API key “{shown}”" in entries


def test_issuing_keys_from_the_list_shows_each_new_key_once(administrator_client):
    first = Subscriber.objects.create(name="Balkh Radio")
    second = Subscriber.objects.create(name="Nangarhar TV")

    response = administrator_client.post(
        LIST_URL, {"action": "issue_keys", "_selected_action": [first.pk, second.pk]}
    )

    shown = [
        field.attrs["value"] for field in parse(response).find_all("input", class_="issued-key")
    ]
    assert len(shown) == 2
    for subscriber in (first, second):
        assert subscriber.keys.count() == 1
        assert any(key.startswith(f"nrw_{subscriber.keys.get().prefix}_") for key in shown)


@pytest.mark.parametrize("address", ["https://127.0.0.1/wire", "https://192.168.10.4/wire"])
def test_a_webhook_to_a_private_address_is_refused_and_the_form_keeps_it(
    administrator_client, settings, address
):
    settings.WIRE_WEBHOOKS_ALLOW_LOOPBACK = False
    subscriber = Subscriber.objects.create(name="Ariana Wire")
    data = subscriber_page_data(administrator_client, subscriber)
    row = add_inline_row(data, "webhooks")
    data[f"webhooks-{row}-url"] = [address]
    data[f"webhooks-{row}-events"] = [Webhook.Event.CANCELED]

    response = administrator_client.post(change_url(subscriber), data)

    assert response.status_code == 200
    assert not Webhook.objects.exists()
    page = parse(response)
    refusal = page.find("div", class_="field-url").find("ul", class_="errorlist").text
    assert "Webhooks cannot be sent to this address" in refusal
    assert "private or reserved address" in refusal
    assert page.find("input", name=f"webhooks-{row}-url").attrs["value"] == address
    ticked = form_data(page, "subscriber_form")[f"webhooks-{row}-events"]
    assert ticked == [Webhook.Event.CANCELED]


def test_a_new_webhook_hears_every_event_and_gets_a_secret_to_copy(administrator_client, settings):
    settings.WIRE_WEBHOOKS_ALLOW_LOOPBACK = True
    subscriber = Subscriber.objects.create(name="Pajhwok Partners")
    data = subscriber_page_data(administrator_client, subscriber)
    row = add_inline_row(data, "webhooks")
    data[f"webhooks-{row}-url"] = [f"http://127.0.0.1:{closed_local_port()}/wire"]

    response = administrator_client.post(change_url(subscriber), data)

    assert response.status_code == 302
    webhook = Webhook.objects.get(subscriber=subscriber)
    assert webhook.events == Webhook.Event.values
    assert webhook.secret.startswith("whsec_")
    page = parse(administrator_client.get(change_url(subscriber)))
    assert page.find("div", class_="field-signing_secret").find("code").text == webhook.secret


@pytest.mark.parametrize("person", ["editor_client", "journalist_client"])
def test_editors_and_journalists_cannot_open_the_wire(db, request, person):
    client = request.getfixturevalue(person)
    subscriber = Subscriber.objects.create(name="Tolo Partners")
    for address in (
        LIST_URL,
        ADD_URL,
        change_url(subscriber),
        reverse("admin:wire_subscriber_issue_key", args=[subscriber.pk]),
        LOG_URL,
    ):
        assert client.get(address).status_code == 403, address
    action = {"action": "issue_keys", "_selected_action": [subscriber.pk]}
    assert client.post(LIST_URL, action).status_code == 403
    assert not subscriber.keys.exists()
    desk = client.get(reverse("admin:index")).content.decode()
    assert LIST_URL not in desk and LOG_URL not in desk


@pytest.fixture
def delivery(administrator, settings, run_committed_work):
    """A delivery of a published story to a webhook that nothing answers."""
    settings.WIRE_WEBHOOKS_ALLOW_LOOPBACK = True
    story = ArticleFactory(published=True, headline="Wheat prices fall in Mazar")
    run_committed_work()
    subscriber = Subscriber.objects.create(name="Bamyan Voice")
    webhook = Webhook.objects.create(
        subscriber=subscriber,
        url=f"http://127.0.0.1:{closed_local_port()}/wire",
        events=Webhook.Event.values,
        secret="whsec_dGVzdA==",
    )
    return Delivery.objects.create(
        webhook=webhook,
        message_id="msg_1",
        event=Webhook.Event.PUBLISHED,
        article=story,
        version=1,
        payload="{}",
        created_at=timezone.now() - timedelta(hours=1),
    )


def test_the_delivery_log_shows_each_attempt(administrator_client, delivery):
    now = timezone.now()
    DeliveryAttempt.objects.create(
        delivery=delivery, at=now - timedelta(minutes=2), status_code=503, duration_ms=840
    )
    DeliveryAttempt.objects.create(delivery=delivery, at=now, duration_ms=10000, error="timed out")
    Delivery.objects.filter(pk=delivery.pk).update(attempts=2)

    listing = parse(administrator_client.get(LOG_URL, {"status": "pending"}))
    row = listing.find("tbody").find("tr")
    assert row.find("td", class_="field-subscriber").text == "Bamyan Voice"
    assert row.find("td", class_="field-story").text == "Wheat prices fall in Mazar"
    assert row.find("td", class_="field-attempts").text == "2"

    detail = reverse("admin:wire_delivery_change", args=[delivery.pk])
    tries = parse(administrator_client.get(detail)).find("div", class_="inline-group")
    answers = [cell.text for cell in tries.find_all("td", class_="field-answer")]
    times = [cell.text for cell in tries.find_all("td", class_="field-duration_ms")]
    assert (answers, times) == (["HTTP 503", "timed out"], ["840", "10000"])


def test_the_delivery_log_cannot_be_edited(administrator_client, delivery):
    detail = reverse("admin:wire_delivery_change", args=[delivery.pk])
    assert administrator_client.get(reverse("admin:wire_delivery_add")).status_code == 403
    assert administrator_client.post(detail, {"version": 9}).status_code == 403
    delete = reverse("admin:wire_delivery_delete", args=[delivery.pk])
    assert administrator_client.post(delete, {"post": "yes"}).status_code == 403
    assert Delivery.objects.filter(pk=delivery.pk, version=1).exists()


def test_a_given_up_delivery_is_tried_again_on_request(administrator_client, delivery):
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED)

    response = administrator_client.post(
        LOG_URL, {"action": "try_again_now", "_selected_action": [delivery.pk]}, follow=True
    )

    assert "1 delivery is being tried again." in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.status == Delivery.Status.PENDING
    assert delivery.tries.get().error


def add_subscribers_and_deliveries(count: int) -> None:
    """Subscribers each with sections, keys and a webhook, and a delivery to each webhook."""
    sections = [SectionFactory(), SectionFactory()]
    first = Subscriber.objects.count()
    for number in range(first, first + count):
        story = ArticleFactory(section=sections[0])
        subscriber = Subscriber.objects.create(name=f"Partner {number}", languages=["ps"])
        subscriber.sections.set(sections)
        keys.issue(subscriber)
        keys.issue(subscriber)
        webhook = Webhook.objects.create(
            subscriber=subscriber, url="https://example.com/", events=[], secret="whsec_x"
        )
        Delivery.objects.create(
            webhook=webhook,
            message_id=f"msg_{number}",
            event=Webhook.Event.UPDATED,
            article=story,
            version=2,
            payload="{}",
            created_at=timezone.now(),
        )


@pytest.mark.parametrize("address", [LIST_URL, LOG_URL])
def test_the_wire_lists_cost_as_many_queries_for_twenty_rows_as_for_two(
    administrator_client, run_committed_work, address
):
    def queries_for_the_list() -> int:
        run_committed_work()
        with CaptureQueriesContext(connection) as captured:
            assert administrator_client.get(address).status_code == 200
        return len(captured)

    add_subscribers_and_deliveries(2)
    few = queries_for_the_list()
    add_subscribers_and_deliveries(18)

    assert queries_for_the_list() == few
