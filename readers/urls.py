from django.conf import settings
from django.urls import path, re_path, register_converter

from articles.pictures import PRIVATE_FOLDERS
from readers import feeds, preview, private_pictures, search, story_page, views
from readers.caching import public_page
from readers.feed_items import FEED_KINDS

app_name = "articles"


class StorySlug:
    """A story's slug: letters of any script (a Dari headline's), digits and hyphens."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(StorySlug, "story_slug")

# Each feed in RSS and Atom: (address below /feeds/, feed class, URL name before _rss/_atom).
# Tag slugs keep non-Latin letters (taggit's default), which the slug converter refuses.
FEEDS = [
    ("", feeds.SiteFeed, ""),
    ("section/<slug:slug>/", feeds.SectionFeed, "section_"),
    ("tag/<str:slug>/", feeds.TagFeed, "tag_"),
    ("author/<slug:slug>/", feeds.AuthorFeed, "author_"),
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
    path("preview/<str:token>/", preview.shared_preview, name="shared-preview"),
    path("desk-preview/<int:pk>/", preview.staff_preview, name="staff-preview"),
    # Uploads outside public/, which nginx passes on (deploy/nginx.conf).
    re_path(
        rf"^{settings.MEDIA_URL.lstrip('/')}(?P<name>(?:{'|'.join(PRIVATE_FOLDERS)}).+)$",
        private_pictures.private_picture,
        name="private-picture",
    ),
    path(
        "<int:year>/<int:month>/<int:day>/<story_slug:slug>/",
        story_page.ArticleDetailView.as_view(),
        name="detail",
    ),
    path("search/", search.SearchView.as_view(), name="search"),
]
urlpatterns += [
    path(f"feeds/{address}{kind}/", public_page(feed(generator)), name=f"{name}{kind}")
    for address, feed, name in FEEDS
    for kind, generator in FEED_KINDS.items()
]
