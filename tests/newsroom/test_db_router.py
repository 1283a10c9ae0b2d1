"""With a read replica, only anonymous read-only requests outside the admin read from it."""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from articles.models import Article
from newsroom.db_router import ReplicaReadsMiddleware, ReplicaRouter

router = ReplicaRouter()


def database_read_during(request) -> str:
    seen = {}

    def view(request):
        seen["database"] = router.db_for_read(Article)
        return HttpResponse()

    ReplicaReadsMiddleware(view)(request)
    return seen["database"]


def test_an_anonymous_reader_reads_from_the_replica():
    assert database_read_during(RequestFactory().get("/")) == "replica"


def test_a_request_with_a_session_reads_from_the_primary():
    request = RequestFactory().get("/", headers={"Cookie": "sessionid=abc"})
    assert database_read_during(request) == "default"


@pytest.mark.parametrize(
    "request_",
    [RequestFactory().post("/consent/"), RequestFactory().get("/admin/articles/article/")],
    ids=["a write", "the admin"],
)
def test_writes_and_the_admin_read_from_the_primary(request_):
    assert database_read_during(request_) == "default"


def test_writes_always_go_to_the_primary():
    assert router.db_for_write(Article) == "default"
    assert router.allow_migrate("replica", "articles") is False


def test_outside_a_request_everything_reads_from_the_primary():
    # Management commands and scripts never see replication lag.
    assert router.db_for_read(Article) == "default"


# A transactional test, so the only open transaction is the view's own.
@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_reads_stay_on_the_primary():
    def view(request):
        with transaction.atomic():
            return HttpResponse(router.db_for_read(Article))

    response = ReplicaReadsMiddleware(view)(RequestFactory().get("/"))
    assert response.content == b"default"
