"""Previews of unpublished stories: for staff from the desk, and through signed share links.

A share link's address carries the link's id signed with the site's secret, so it cannot be
guessed or altered; whether it still works (expiry, revocation) is decided by its row, so an
editor can revoke it at any time.
"""

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from articles.models import Article, PreviewLink
from readers.views import render_story

# Not a secret: it keeps these signatures apart from every other use of SECRET_KEY.
TOKEN_SALT = "readers.preview-link"  # noqa: S105


def shared_url(link: PreviewLink) -> str:
    token = signing.dumps(link.pk, salt=TOKEN_SALT)
    return reverse("articles:shared-preview", kwargs={"token": token})


def preview_response(request: HttpRequest, article: Article) -> HttpResponse:
    """The story page marked as a preview: never indexed, never stored by any cache."""
    response = render_story(request, article, is_preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """One story for someone without an account, while its link is valid; a 404 page otherwise."""
    try:
        link_id = signing.loads(token, salt=TOKEN_SALT)
        link = PreviewLink.objects.select_related("article").get(pk=link_id)
    except (signing.BadSignature, PreviewLink.DoesNotExist):
        link = None
    if link is None or not link.is_valid() or link.article.deleted_at is not None:
        response = render(request, "articles/preview_unavailable.html", status=404)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    return preview_response(request, link.article)
