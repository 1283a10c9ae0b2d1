"""The tag page's address (``articles:tag``), which tag feeds and the tag sitemap link to.

Where the site's URLconf has no tag page, the fixture serves this module instead: the same
URLconf plus a stand-in tag page. Where it has one, the fixture changes nothing.
"""

import pytest
from django.http import HttpResponse
from django.urls import NoReverseMatch, URLResolver, include, path, reverse

import newsroom.urls


def _stand_in_tag_page(request, slug):
    return HttpResponse(slug)


def _with_tag_page(pattern):
    if isinstance(pattern, URLResolver) and pattern.namespace == "articles":
        tag_page = path("tag/<str:slug>/", _stand_in_tag_page, name="tag")
        return path("", include(([*pattern.url_patterns, tag_page], "articles")))
    return pattern


urlpatterns = [_with_tag_page(pattern) for pattern in newsroom.urls.urlpatterns]


@pytest.fixture(autouse=True)
def tag_page_address(settings):
    try:
        reverse("articles:tag", kwargs={"slug": "any"})
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__
