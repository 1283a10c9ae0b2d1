"""The site's addresses: the editing desk under /admin/, everything else public."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.flatpages import views as flatpage_views
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from taggit.models import Tag as TaggitTag

from newsroom import health
from readers import sitemap_index
from readers.caching import public_page
from readers.freshness import STORIES, UPDATES
from readers.sitemaps import SITEMAPS

# Pages administrators edit under Flat pages in the editing desk.
FLATPAGE_ADDRESSES = {"about": "/about/", "contact": "/contact/", "privacy": "/privacy/"}


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico on pages that name no icon, such as the editing desk's."""
    return HttpResponsePermanentRedirect(static_url("img/favicon.svg"))


admin.site.site_header = format_lazy("{}: {}", _(settings.SITE_NAME), _("editing desk"))
admin.site.site_title = format_lazy("{} · {}", _(settings.SITE_NAME), _("editing desk"))
admin.site.index_title = _("Desk")
# The desk's own navigation in the header (desk/templates/admin/base_site.html) takes the
# place of the admin's list of every model beside each page, which squeezed the story form.
admin.site.enable_nav_sidebar = False
# Tags are edited on the desk's own page, with their names in each language (desk/admin.py).
admin.site.unregister(TaggitTag)

urlpatterns = [
    path("favicon.ico", favicon),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
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
        public_page(TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
        name="robots_txt",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    # Subscribers' API (wire/api.py) and its reference page for their developers.
    path("wire/v1/", include("wire.urls")),
]
# Readers' pages in each language: the first language's without a prefix, as before.
urlpatterns += i18n_patterns(
    path(
        "sitemap.xml",
        public_page(sitemap_index.index, showing=[STORIES, UPDATES]),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap"},
        name="sitemap_index",
    ),
    # Listed in the index as the "news" section; it needs the news: namespace template.
    path(
        "sitemap-news.xml",
        public_page(sitemap_views.sitemap, showing=[STORIES, UPDATES]),
        {"sitemaps": SITEMAPS, "section": "news", "template_name": "sitemaps/news_sitemap.xml"},
        name="news_sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap, showing=[STORIES, UPDATES]),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("consent/", include("consent.urls")),
    path("", include("readers.urls")),
    prefix_default_language=False,
)

# Whatever a view or a middleware failed to catch: 503 while the database is away, else 500.
handler500 = health.server_error

if settings.BENCHMARK_CEILING:
    from benchmarks.ceiling import ceiling

    urlpatterns.insert(0, path("benchmark/ceiling/", ceiling, name="benchmark_ceiling"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
