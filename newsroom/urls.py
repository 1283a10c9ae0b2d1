"""The site's addresses: the editing desk under /admin/, everything else public."""

from django.conf import settings
from django.contrib import admin
from django.contrib.flatpages import views as flatpage_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from articles.sitemaps import SITEMAPS
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
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap"},
        name="sitemap_index",
    ),
    # Listed in the index as the "news" section; it needs the news: namespace template.
    path(
        "sitemap-news.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "section": "news", "template_name": "sitemaps/news_sitemap.xml"},
        name="news_sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
