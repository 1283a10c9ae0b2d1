"""Private pictures, for the people who may see them: originals, and renditions of stories
readers cannot see.

nginx serves only the public copies under ``/media/public/`` from disk (articles/pictures.py);
the other addresses under ``/media/`` come here. A picture is given to a member of the
newsroom who sees its story in the desk (``workflow.can_view``; any author's photo to any of
them), and to someone reading its story through a working share link. Everyone else gets
404, whether the file exists or not.
"""

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.urls import Resolver404, resolve
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles import pictures, workflow
from articles.images import CONTENT_TYPES, source_stem
from articles.models import Article, Author


@require_safe
@never_cache
def private_picture(request: HttpRequest, name: str) -> FileResponse:
    """The stored picture ``name``, to those who may see it; 404 to everyone else."""
    content_type = CONTENT_TYPES.get(PurePosixPath(name).suffix.lower())
    if content_type is None or not _may_see(request, name) or not default_storage.exists(name):
        raise Http404
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    response["X-Robots-Tag"] = "noindex"
    return response


def _may_see(request: HttpRequest, name: str) -> bool:
    user = request.user
    if user.is_active and user.is_staff:
        return _is_author_photo(name) or any(
            workflow.can_view(user, story) for story in _stories_showing(name)
        )
    shared = _story_shared_with(request)
    return shared is not None and _shows(shared, name)


def _shows(story: Article, name: str) -> bool:
    """Whether ``name`` is the story's picture now: its original or one of its renditions."""
    return name == story.image.name or name in pictures.private_rendition_names(
        story.image_renditions
    )


def _stories_showing(name: str) -> list[Article]:
    """The stories whose picture now is ``name``.

    The look-up reads every story's picture name; only the newsroom's previews come here,
    a few pictures at a time.
    """
    candidates = Article.objects.filter(image__contains=f"/{source_stem(name)}.")
    return [story for story in candidates if _shows(story, name)]


def _is_author_photo(name: str) -> bool:
    return Author.objects.filter(photo=name).exists()


def _story_shared_with(request: HttpRequest) -> Article | None:
    """The story of the share link whose page asks for this picture, while the link works.

    The link's token is what lets its holder see the story and so its picture; the browser
    names the page in ``Referer`` (the site's referrer policy keeps the path on the same
    site). Sending a forged header needs a working token, which shows the story anyway.
    """
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.netloc != request.get_host():
        return None
    try:
        match = resolve(referer.path)
    except Resolver404:
        return None
    if match.view_name != "articles:shared-preview":
        return None
    return workflow.shared_story(match.kwargs["token"])
