"""One check of what every request carries in its address, before any page reads it.

PostgreSQL refuses text containing a NUL character, so a NUL in a path or a query parameter
(``/tag/%00/``, ``?status=%00``) reached the database as an error and answered 500. No
address of the site, public or desk, ever needs one: such a request is refused here with
400, whichever page it was for. Form fields refuse NUL themselves (Django's
``ProhibitNullCharactersValidator``), with a message beside the field.
"""

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.views.defaults import bad_request

NUL = "\x00"


def carries_nul(request: HttpRequest) -> bool:
    if NUL in request.path_info:
        return True
    return any(
        NUL in key or NUL in value for key, values in request.GET.lists() for value in values
    )


class RefuseNulMiddleware:
    """Answers 400 to an address with a NUL character in its path or query string."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if carries_nul(request):
            return bad_request(request, BadRequest("The address contains a NUL character."))
        return self.get_response(request)
