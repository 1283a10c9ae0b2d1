"""Every line a request logs carries its request id, the 503s of an outage included.

Django writes its own line for an error response after the request id middleware has
returned; that line must name the id the reader was given all the same.
"""

from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client
from django.urls import reverse

from newsroom.logging import RequestIdFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_lines(caplog):
    """The records as the site's log handler sees them, request id filled in."""
    caplog.handler.addFilter(RequestIdFilter())
    return caplog


@pytest.mark.parametrize("url_name", ["articles:home", "healthz"])
def test_every_line_of_a_503_during_a_database_outage_names_the_request_id(logged_lines, url_name):
    outage = OperationalError('connection to server at "127.0.0.1", port 5432 failed')
    browser = Client(raise_request_exception=False)
    with mock.patch.object(connections["default"], "ensure_connection", side_effect=outage):
        response = browser.get(reverse(url_name), headers={"X-Request-ID": "nginx-5e1f0c2a"})
    assert response.status_code == 503
    assert response["X-Request-ID"] == "nginx-5e1f0c2a"
    records = logged_lines.records
    assert any(record.name == "django.request" for record in records)
    assert {record.request_id for record in records} == {"nginx-5e1f0c2a"}


def test_a_not_found_line_names_the_request_id(logged_lines, reader_client):
    response = reader_client.get("/no-such-page/")
    assert response.status_code == 404
    (line,) = [record for record in logged_lines.records if record.name == "django.request"]
    assert line.request_id == response["X-Request-ID"]
