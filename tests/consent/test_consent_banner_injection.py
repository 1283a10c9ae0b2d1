"""The banner goes into every HTML page of the public site, and nowhere else."""

import re

import pytest
from django.contrib.syndication.views import Feed
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.test import Client
from django.urls import path, reverse

from newsroom import urls as newsroom_urls
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

BANNER = b'id="consent-banner"'
PAGE = "<!doctype html><html><head><title>t</title></head><body><p>Hello</p></body></html>"


class LatestFeed(Feed):
    title = "Latest"
    link = "/"
    description = "Latest stories"

    def items(self):
        return []


def streaming_page(request):
    return StreamingHttpResponse(iter([PAGE]), content_type="text/html")


def failing_page(request):
    raise RuntimeError("broken on purpose")


def server_error(request):
    return HttpResponse(PAGE.replace("Hello", "Server error"), status=500)


urlpatterns = [
    path("feed/", LatestFeed()),
    path("sitemap.xml", lambda request: HttpResponse("<urlset></urlset>", "application/xml")),
    path("api/", lambda request: JsonResponse({"body": "</body>"})),
    path("streaming/", streaming_page),
    path("failing/", failing_page),
    *newsroom_urls.urlpatterns,
]
handler500 = server_error


def banner_count(response) -> int:
    return response.content.count(BANNER)


def test_home_page_carries_the_banner_once_first_in_the_body(reader_client):
    """First in the source, so it comes first to keyboard and screen-reader users."""
    response = reader_client.get(reverse("articles:home"))
    assert banner_count(response) == 1
    assert response.content.rstrip().endswith(b"</body>\n</html>")
    body = response.content[response.content.index(b"<body") :]
    assert body.index(BANNER) < body.index(b'class="skip-link"') < body.index(b"<main")
    assert int(response["Content-Length"]) == len(response.content)


def test_story_page_carries_the_banner(reader_client):
    story = ArticleFactory(published=True)
    assert banner_count(reader_client.get(story.get_absolute_url())) == 1


def test_not_found_page_carries_the_banner(reader_client):
    response = reader_client.get("/no-such-page/")
    assert response.status_code == 404
    assert banner_count(response) == 1


def test_server_error_page_carries_the_banner():
    response = Client(raise_request_exception=False).get("/failing/")
    assert response.status_code == 500
    assert banner_count(response) == 1


def test_admin_pages_never_carry_the_banner(reader_client, administrator_client):
    assert banner_count(reader_client.get(reverse("admin:login"))) == 0
    assert banner_count(administrator_client.get(reverse("admin:index"))) == 0


def test_feeds_sitemaps_and_json_never_carry_the_banner(reader_client):
    for url in ["/feed/", "/sitemap.xml", "/api/"]:
        response = reader_client.get(url)
        assert response.status_code == 200
        assert banner_count(response) == 0, url


def test_streaming_responses_are_left_alone(reader_client):
    response = reader_client.get("/streaming/")
    assert BANNER not in b"".join(response.streaming_content)


def test_cookie_settings_page_is_the_choice_itself_without_a_banner(reader_client):
    response = reader_client.get(reverse("consent:choose"))
    assert banner_count(response) == 0
    assert b'action="/consent/save/"' in response.content


def test_page_served_from_the_page_cache_still_has_one_banner(reader_client, settings):
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    settings.CACHE_MIDDLEWARE_SECONDS = 60
    settings.CACHE_MIDDLEWARE_KEY_PREFIX = "banner-once"
    first = reader_client.get(reverse("articles:home"))
    second = reader_client.get(reverse("articles:home"))
    assert banner_count(first) == banner_count(second) == 1
    assert first.content == second.content


def test_banner_ships_hidden_as_a_labelled_region_with_three_equal_choices(reader_client):
    html = reader_client.get(reverse("articles:home")).content.decode()
    banner = re.search(r"<section id=\"consent-banner\"[^>]*>", html).group(0)
    assert 'role="region"' in banner
    assert 'aria-labelledby="consent-banner-title"' in banner
    assert banner.endswith(" hidden>")
    first_layer = html[html.index("<section") : html.index("</section>")]
    assert re.findall(r"<button[^>]*>([^<]+)</button>", first_layer) == [
        "Accept all",
        "Reject all",
        "Choose",
    ]
    assert '<a href="/privacy/">' in first_layer


def test_choices_dialog_is_native_with_every_optional_category_unchecked(reader_client):
    html = reader_client.get(reverse("articles:home")).content.decode()
    dialog = html[html.index("<dialog") : html.index("</dialog>")]
    boxes = re.findall(r"<input type=\"checkbox\" name=\"categories\"[^>]*>", dialog)
    assert [re.search(r'value="(\w+)"', box).group(1) for box in boxes] == [
        "analytics",
        "media",
        "advertising",
    ]
    assert not any("checked" in box for box in boxes)
    assert "checked disabled" in dialog
    assert "Always on" in dialog


def test_status_message_is_announced_politely(reader_client):
    html = reader_client.get(reverse("articles:home")).content.decode()
    assert '<p id="consent-status" class="consent-status" role="status"' in html


def test_readers_without_javascript_get_the_same_choices_in_a_noscript_form(reader_client):
    html = reader_client.get(reverse("articles:home")).content.decode()
    noscript = html[html.index("<noscript") : html.index("</noscript>")]
    assert '<form class="consent-noscript" method="post" action="/consent/save/"' in noscript
    assert 'value="accept">Accept all</button>' in noscript
    assert 'value="reject">Reject all</button>' in noscript
    assert 'href="/consent/">Choose</a>' in noscript


def test_injected_markup_runs_under_a_strict_content_security_policy(reader_client):
    html = reader_client.get(reverse("articles:home")).content.decode()
    injected = html[html.index('<link rel="stylesheet" href="/static/consent/consent.css">') :]
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", injected, flags=re.S)
    assert scripts == [(' src="/static/consent/consent.js" defer', "")]
    assert " style=" not in injected
    assert not re.search(r"\son[a-z]+=", injected)
    assert "javascript:" not in injected
