"""The site's addresses plus uploaded media, which nginx serves in production.

Django serves media only with DEBUG on, and the live server runs with DEBUG off; without
this, every featured image in a browser test would be a broken link.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import re_path
from django.views.static import serve

from newsroom.urls import urlpatterns as site_urlpatterns


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    # Each test uploads into its own MEDIA_ROOT, so the folder is read per request.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media),
    *site_urlpatterns,
]
