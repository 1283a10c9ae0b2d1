"""The site's addresses: the editing desk under /admin/, everything else public."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("authors/", include("accounts.urls")),
    path("", include("articles.urls")),
]

if settings.BENCHMARK_CEILING:
    from benchmarks.ceiling import ceiling

    urlpatterns.insert(0, path("benchmark/ceiling/", ceiling, name="benchmark_ceiling"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
