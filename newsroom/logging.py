"""Request ids: one id per request, on every log line it causes and on its response.

A reader who reports a problem can quote the ``X-Request-ID`` header; the same id finds every
line that request wrote, across app servers. nginx sends its own id, which we keep when it
looks like one; anything else is replaced, so a client cannot inject text into the logs.
"""

import logging
import re
import uuid
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
NO_REQUEST = "-"

# One JSON object a line, for Django's loggers and gunicorn's alike, stamped in UTC.
JSON_FORMATTER = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
    "rename_fields": {"levelname": "level", "name": "logger"},
    "timestamp": "time",
}

current_request_id: ContextVar[str] = ContextVar("current_request_id", default=NO_REQUEST)


def incoming_or_new_request_id(request: HttpRequest) -> str:
    """The proxy's id when it is short and plain, a fresh one otherwise."""
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    if SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Sets the request id for everything the request logs and returns it to the client."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = incoming_or_new_request_id(request)
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record.

    Most lines are written while the request runs, inside ``RequestIdMiddleware``. Two kinds
    come after it has returned: django.request's line for most error responses (a 404, the
    health check's 503), which carries the request itself, and gunicorn's access line, which
    carries the response's headers.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", NO_REQUEST) == NO_REQUEST:
            record.request_id = request_id_of(record)
        return True


class ProbeFilter(logging.Filter):
    """Leaves out gunicorn's access lines for ``/livez``: the cache in front asks each instance
    every second, and those lines would bury the readers' requests."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.args, dict) and record.args.get("U") == "/livez")


def request_id_of(record: logging.LogRecord) -> str:
    if (running := current_request_id.get()) != NO_REQUEST:
        return running
    if answered := getattr(getattr(record, "request", None), "request_id", None):
        return answered
    if isinstance(record.args, dict):
        return record.args.get("{x-request-id}o", NO_REQUEST)
    return NO_REQUEST
