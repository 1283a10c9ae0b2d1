"""Previews of stories readers cannot see yet: for the newsroom, and through share links.

Who may preview what, and which story a share link opens, is the workflow's to say; this
module only shows the story as readers will see it, marked so no robot or cache keeps it.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from articles import workflow
from readers.story_page import render_story


def preview_response(request: HttpRequest, article) -> HttpResponse:
    """The story page marked as a preview: never indexed, never stored by any cache."""
    response = render_story(request, article, is_preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@staff_member_required
def staff_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The story exactly as readers will see it, for those who may read its history.

    A story this person does not see in the desk answers 404, as its desk page does.
    """
    article = get_object_or_404(workflow.stories_visible_to(request.user), pk=pk)
    if not workflow.can_compare_revisions(request.user, article):
        raise Http404
    return preview_response(request, article)


@never_cache
def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """One story for someone without an account, while its link works; a 404 page otherwise."""
    article = workflow.shared_story(token)
    if article is None:
        response = render(request, "articles/preview_unavailable.html", status=404)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    return preview_response(request, article)
