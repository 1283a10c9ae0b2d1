"""The site's addresses: the editing desk under /admin/, everything else public."""

from django.conf import settings
from django.contrib import admin
from django.contrib.flatpages import views as flatpage_views
from django.urls import include, path

from newsroom.freshness import public_page

# Pages administrators edit under Flat pages in the editing desk.
FLATPAGE_ADDRESSES = {"about": "/about/", "contact": "/contact/", "privacy": "/privacy/"}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("authors/", include("accounts.urls")),
    *(
        path(
            address.strip("/") + "/",
            public_page(flatpage_views.flatpage),
            {"url": address},
            name=name,
        )
        for name, address in FLATPAGE_ADDRESSES.items()
    ),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
