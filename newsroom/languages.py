"""The language each request is answered in.

A reader's page is in the language its address names: no prefix for the first of
``settings.LANGUAGES``, its code for the others (/ps/…). Nothing else decides it, so a
page has one text whatever the browser says, and caches need no ``Vary: Accept-Language``.
The desk speaks the language its user chose (Django's language cookie, set by the desk's
language menu), else the one their browser asks for.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from articles import languages

DESK_PREFIX = "/admin/"


def language_of(request: HttpRequest) -> str:
    named = languages.language_of_path(request.path_info)
    if named:
        return named
    if request.path_info.startswith(DESK_PREFIX):
        return translation.get_language_from_request(request)
    return settings.LANGUAGE_CODE


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        language = language_of(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # The next work on this thread (a task, a test) starts in the first language.
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
