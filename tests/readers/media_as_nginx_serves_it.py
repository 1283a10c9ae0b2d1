"""The site's addresses, with /media/ answered as deploy/nginx.conf answers it.

nginx serves public/ from disk and passes the private folders on to the application; the
test client has no nginx, so this URLconf serves public/ itself and leaves the rest to the
site's own addresses.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import re_path
from django.views.static import serve

from articles.pictures import PUBLIC_FOLDER
from newsroom.urls import urlpatterns as site_urlpatterns


def serve_public_copy(request: HttpRequest, path: str) -> HttpResponse:
    # Each test uploads into its own MEDIA_ROOT, so the folder is read per request.
    return serve(request, path, document_root=settings.MEDIA_ROOT / PUBLIC_FOLDER)


urlpatterns = [
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}{PUBLIC_FOLDER}(?P<path>.*)$", serve_public_copy),
    *site_urlpatterns,
]
