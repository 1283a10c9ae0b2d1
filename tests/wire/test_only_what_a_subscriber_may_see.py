"""Keys open only their subscriber's part of the wire, and nothing unpublished is ever on it."""

import pytest
from django.test import Client

from articles import workflow
from tests.factories import ArticleFactory, SectionFactory
from tests.wire.conftest import ids_of
from wire import keys


@pytest.fixture
def stories_in_every_state(db):
    return {
        state: ArticleFactory(**{state: True})
        for state in ("published", "in_review", "sent_back", "unpublished", "trashed")
    } | {"draft": ArticleFactory(), "scheduled": ArticleFactory(scheduled=True)}


def test_no_draft_review_sent_back_or_trashed_story_is_ever_reachable(
    stories_in_every_state, subscribe
):
    subscriber = subscribe(receives_embargoed=True)

    changed, _cursor = subscriber.changes()
    newest = subscriber.get().json()["items"]

    published = stories_in_every_state["published"].pk
    scheduled = stories_in_every_state["scheduled"].pk
    assert sorted(ids_of(changed)) == sorted([published, scheduled])
    assert ids_of(newest) == [published]
    for state in ("draft", "in_review", "sent_back", "unpublished", "trashed"):
        assert subscriber.item(stories_in_every_state[state].pk).status_code == 404, state


def test_a_subscriber_gets_only_its_languages_and_sections(subscribe):
    sport, business = SectionFactory(slug="sport"), SectionFactory(slug="business")
    pashto_sport = ArticleFactory(published=True, language="ps", section=sport)
    pashto_business = ArticleFactory(published=True, language="ps", section=business)
    english_sport = ArticleFactory(published=True, section=sport)
    subscriber = subscribe(languages=["ps"], sections=[sport])

    changed, _cursor = subscriber.changes()

    assert ids_of(changed) == [pashto_sport.pk]
    assert ids_of(subscriber.get().json()["items"]) == [pashto_sport.pk]
    assert subscriber.item(pashto_business.pk).status_code == 404
    assert subscriber.item(english_sport.pk).status_code == 404
    # Asking for more than its scope gives nothing more.
    assert subscriber.get(since=0, language="en").json()["items"] == []


def test_one_subscriber_never_sees_another_subscribers_items(subscribe):
    sport, business = SectionFactory(slug="sport"), SectionFactory(slug="business")
    sport_story = ArticleFactory(published=True, section=sport)
    business_story = ArticleFactory(published=True, section=business)
    sport_desk = subscribe("Sport Weekly", sections=[sport])
    business_desk = subscribe("Market Daily", sections=[business])

    assert ids_of(sport_desk.changes()[0]) == [sport_story.pk]
    assert ids_of(business_desk.changes()[0]) == [business_story.pk]
    assert sport_desk.item(business_story.pk).status_code == 404


def test_filters_narrow_the_list(subscribe):
    sport = SectionFactory(slug="sport")
    cricket = ArticleFactory(published=True, section=sport, tags=["cricket"])
    ArticleFactory(published=True, section=sport, tags=["football"])
    dari = ArticleFactory(published=True, language="fa-af")
    subscriber = subscribe()

    assert ids_of(subscriber.get(tag="cricket").json()["items"]) == [cricket.pk]
    assert ids_of(subscriber.get(since=0, tag="cricket").json()["items"]) == [cricket.pk]
    assert ids_of(subscriber.get(language="fa-AF").json()["items"]) == [dari.pk]
    assert len(subscriber.get(section="sport").json()["items"]) == 2


@pytest.mark.parametrize(
    "authorization",
    ["", "Bearer", "Bearer nrw_000000000000_" + "x" * 43, "Basic dXNlcjpwYXNz", "Bearer ' OR 1=1"],
)
def test_a_missing_or_unknown_key_gets_401_as_problem_details(db, authorization):
    ArticleFactory(published=True)

    answer = Client(HTTP_AUTHORIZATION=authorization).get("/wire/v1/items")

    assert answer.status_code == 401
    assert answer["Content-Type"] == "application/problem+json"
    assert answer["WWW-Authenticate"].startswith("Bearer")
    assert answer.json()["status"] == 401
    assert "title" in answer.json() and "detail" in answer.json()


def test_a_revoked_key_gets_401_and_the_subscribers_other_key_still_works(subscribe):
    ArticleFactory(published=True)
    subscriber = subscribe()
    _row, second_key = keys.issue(subscriber.subscriber)
    assert subscriber.get().status_code == 200

    keys.revoke(subscriber.subscriber.keys.get(prefix=subscriber.key[4:16]))

    assert subscriber.get().status_code == 401
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {second_key}").get("/wire/v1/items").status_code == 200
    )


def test_a_stopped_subscriber_gets_401(subscribe):
    subscriber = subscribe()
    subscriber.subscriber.is_active = False
    subscriber.subscriber.save()

    assert subscriber.get().status_code == 401


def test_a_key_is_stored_only_as_a_digest_and_records_its_last_use(subscribe):
    subscriber = subscribe()
    row = subscriber.subscriber.keys.get()
    assert subscriber.key not in (row.digest, row.prefix)
    assert row.last_used_at is None

    subscriber.get()

    row.refresh_from_db()
    assert row.last_used_at is not None


def test_answers_are_private_to_the_key(subscribe):
    ArticleFactory(published=True)

    answer = subscribe().get()

    assert answer["Cache-Control"] == "private, no-cache"
    assert "Authorization" in answer["Vary"]
    assert not answer.cookies


def test_too_many_requests_get_429_with_retry_after(subscribe):
    subscriber = subscribe(requests_per_minute=3)

    answers = [subscriber.get().status_code for _ in range(5)]

    assert answers[:3] == [200, 200, 200]
    assert answers[3:] == [429, 429]
    refused = subscriber.get()
    assert refused["Content-Type"] == "application/problem+json"
    assert 1 <= int(refused["Retry-After"]) <= 60


@pytest.mark.parametrize(
    "params",
    [{"since": "-1"}, {"since": "yesterday"}, {"limit": "0"}, {"limit": "1000"}, {"cursor": "!!"}],
)
def test_bad_parameters_get_400_saying_what_is_wrong(subscribe, params):
    answer = subscribe().get(**params)

    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["detail"]


def test_an_unknown_language_is_refused_with_the_choices(subscribe):
    answer = subscribe().get(language="de")

    assert answer.status_code == 400
    assert "en, fa-AF, ps" in answer.json()["detail"]


def test_newest_first_pages_meet_without_gaps_or_repeats(subscribe):
    stories = [ArticleFactory(published=True) for _ in range(7)]
    subscriber = subscribe()

    seen, cursor = [], None
    while True:
        page = subscriber.get(limit=3, **({"cursor": cursor} if cursor else {})).json()
        seen += ids_of(page["items"])
        cursor = page["cursor"]
        if not page["has_more"]:
            break

    assert sorted(seen) == sorted(story.pk for story in stories)
    assert len(seen) == len(set(seen))


def test_the_openapi_document_describes_the_items_endpoints(client):
    answer = client.get("/wire/v1/openapi.json")

    assert answer.status_code == 200
    paths = answer.json()["paths"]
    assert {"/wire/v1/items", "/wire/v1/items/{item_id}"} <= set(paths)
    parameters = {p["name"] for p in paths["/wire/v1/items"]["get"]["parameters"]}
    assert {"since", "cursor", "language", "section", "tag", "limit"} <= parameters


def test_an_editorial_step_from_the_shell_reaches_the_wire(subscribe, editor):
    story = ArticleFactory(in_review=True)
    subscriber = subscribe()
    assert subscriber.item(story.pk).status_code == 404

    workflow.approve(story, by=editor)

    assert subscriber.item(story.pk).json()["pubstatus"] == "usable"


def test_while_the_database_is_away_the_wire_answers_503_problem_details(subscribe):
    from unittest import mock

    from django.db import OperationalError, connections

    subscriber = subscribe()
    subscriber.client.raise_request_exception = False
    outage = OperationalError('connection to server at "127.0.0.1", port 5432 failed')

    with mock.patch.object(connections["default"], "ensure_connection", side_effect=outage):
        answer = subscriber.get(since=0)

    assert answer.status_code == 503
    assert answer["Content-Type"] == "application/problem+json"
    assert answer["Retry-After"] == "30"
    assert "5432" not in answer.content.decode()


def test_an_address_that_is_not_an_item_number_gets_a_problem_not_a_page(subscribe):
    answer = subscribe().get("/wire/v1/items/not-a-number")

    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/problem+json"


def test_the_api_only_reads(subscribe):
    answer = subscribe().client.post("/wire/v1/items", {"headline": "Forged"})

    assert answer.status_code == 405
