from django.urls import path

from readers import feeds, preview, search, views
from readers.caching import public_page

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
    path("preview/<str:token>/", preview.shared_preview, name="shared-preview"),
    path("desk-preview/<int:pk>/", preview.staff_preview, name="staff-preview"),
    path(
        "<int:year>/<int:month>/<int:day>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    path("search/", search.SearchView.as_view(), name="search"),
    path("feeds/rss/", public_page(feeds.SiteFeed()), name="rss"),
    path("feeds/atom/", public_page(feeds.SiteFeed(feeds.AtomFeed)), name="atom"),
    path("feeds/section/<slug:slug>/rss/", public_page(feeds.SectionFeed()), name="section_rss"),
    path(
        "feeds/section/<slug:slug>/atom/",
        public_page(feeds.SectionFeed(feeds.AtomFeed)),
        name="section_atom",
    ),
    # Tag slugs keep non-Latin letters (taggit's default), which the slug converter refuses.
    path("feeds/tag/<str:slug>/rss/", public_page(feeds.TagFeed()), name="tag_rss"),
    path("feeds/tag/<str:slug>/atom/", public_page(feeds.TagFeed(feeds.AtomFeed)), name="tag_atom"),
    path("feeds/author/<slug:slug>/rss/", public_page(feeds.AuthorFeed()), name="author_rss"),
    path(
        "feeds/author/<slug:slug>/atom/",
        public_page(feeds.AuthorFeed(feeds.AtomFeed)),
        name="author_atom",
    ),
]
