"""The editing desk's policy allows what the admin and the rich text editor need, and no more."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from newsroom.security import ADMIN_CSP, RICH_TEXT_EDITOR_STYLE

pytestmark = pytest.mark.django_db


def injected_editor_stylesheet() -> str:
    """The CSS text TipTap writes into a <style> element when the editor starts."""
    source = Path(finders.find("django_prose_editor/editor.js")).read_text()
    injected = re.search(r"injectCSS&&.*?=\w+\((\w+),this\.options\.injectNonce\)", source)
    literal = re.search(rf"[^\w$]{injected.group(1)}=`([^`]*)`", source)
    return literal.group(1)


def test_the_rich_text_editor_stylesheet_hash_matches_the_installed_editor():
    css = injected_editor_stylesheet()
    assert ".ProseMirror" in css
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"'sha256-{digest}'" == RICH_TEXT_EDITOR_STYLE


def test_the_admin_policy_keeps_scripts_to_own_files_and_nonces():
    assert ADMIN_CSP["script-src"] == ["'self'", "<CSP_NONCE_SENTINEL>"]
    assert "'unsafe-inline'" not in ADMIN_CSP["style-src-elem"]
    assert ADMIN_CSP["object-src"] == ["'none'"]
    assert ADMIN_CSP["frame-ancestors"] == ["'none'"]


def test_the_story_form_loads_the_editor_under_the_admin_policy(administrator_client):
    response = administrator_client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert RICH_TEXT_EDITOR_STYLE in policy
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    html = response.content.decode()
    # Every inline <script> on the page carries the nonce (external ones come from 'self').
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'src="/static/' in tag or f'nonce="{nonce}"' in tag, tag
    assert "django_prose_editor" in html
