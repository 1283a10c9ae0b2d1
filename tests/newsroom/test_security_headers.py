"""Every response carries the security headers a careful news site sends."""

import re

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PUBLIC_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def directives(policy: str) -> dict[str, str]:
    return dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
    )


def assert_common_security_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def public_pages():
    story = ArticleFactory(published=True)
    return [reverse("articles:home"), story.section.get_absolute_url(), story.get_absolute_url()]


def test_public_pages_send_the_strict_policy_without_a_nonce(reader_client):
    for url in public_pages():
        response = reader_client.get(url)
        assert response.status_code == 200, url
        policy = directives(response["Content-Security-Policy"])
        for name, value in PUBLIC_POLICY.items():
            assert policy[name] == value, (url, name)
        # A nonce would differ per response and make the cached copies invalid.
        assert "nonce-" not in response["Content-Security-Policy"]
        assert_common_security_headers(response)


def test_public_pages_contain_no_inline_script_or_style(reader_client):
    for url in public_pages():
        html = reader_client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/ld\+json\"))", html)
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html), url


def test_health_and_error_pages_carry_the_same_headers(reader_client):
    for url in [reverse("healthz"), "/no-such-page/"]:
        response = reader_client.get(url)
        assert_common_security_headers(response)
        assert directives(response["Content-Security-Policy"])["script-src"] == "'self'"


def test_admin_pages_are_private_and_use_a_fresh_nonce(reader_client, editor_client):
    login = reader_client.get(reverse("admin:login"))
    desk = editor_client.get(reverse("admin:articles_article_changelist"))
    for response in (login, desk):
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert_common_security_headers(response)
        policy = directives(response["Content-Security-Policy"])
        assert policy["frame-ancestors"] == "'none'"
        assert policy["object-src"] == "'none'"
        nonce = re.search(r"'nonce-([^']+)'", policy["script-src"]).group(1)
        # The admin's own <script> and <link> tags carry the nonce the header allows.
        assert f'nonce="{nonce}"' in response.content.decode()
    assert (
        login["Content-Security-Policy"]
        != reader_client.get(reverse("admin:login"))["Content-Security-Policy"]
    )


def test_admin_redirects_are_not_cached_either(reader_client):
    response = reader_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"


def test_hsts_for_a_year_with_subdomains_once_https_is_on(reader_client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = reader_client.get(reverse("articles:home"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")
    assert reader_client.get(reverse("articles:home")).status_code == 301


def test_every_response_names_its_request_id(reader_client):
    first = reader_client.get("/livez")["X-Request-ID"]
    second = reader_client.get("/livez")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_a_sane_request_id_from_the_proxy_is_kept_and_a_strange_one_replaced(reader_client):
    kept = reader_client.get("/livez", headers={"X-Request-ID": "nginx-3f2a9c1d"})
    assert kept["X-Request-ID"] == "nginx-3f2a9c1d"
    replaced = reader_client.get("/livez", headers={"X-Request-ID": 'x" level="CRITICAL'})
    assert re.fullmatch(r"[0-9a-f]{32}", replaced["X-Request-ID"])
