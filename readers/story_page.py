"""The story page: prepared parts read in one compiled query, put into a frame rendered once.

A reader's request for a story reads the parts prepared when the story last changed
(``readers/prepared.py``) with one query compiled once per process (``articles/statements.py``)
and the section bar kept in the shared cache, and puts them into the rest of the page: the
story template, rendered once per process with markers where they go. So no template runs
for a reader. Previews go through the same frame with parts rendered from the story as it is.
"""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.encoding import escape_uri_path
from django.utils.safestring import mark_safe
from django.views.generic import View

from articles.models import Article, SlugRedirect
from articles.statements import A_SLUG, A_TIME, Statement
from readers.caching import public_page, shows
from readers.frames import Frame
from readers.freshness import story_key
from readers.prepared import FORMAT, page_parts, stored

# The story template, with the story's prepared parts and the section bar put in per request.
STORY_FRAME = Frame("articles/article_detail.html", ("head", "navigation", "story", "related"))

# The page's one query: the published story at an address, and its prepared parts.
PREPARED_STORY = Statement(
    lambda slug, now: (
        Article.objects.published(at=now)
        .filter(slug=slug)
        .values_list(
            "pk",
            "slug",
            "published_at",
            "section_id",
            "language",
            "prepared__format",
            "prepared__head",
            "prepared__page",
            "prepared__related",
            "prepared__related_ids",
        )[:1]
    ),
    slug=A_SLUG,
    now=A_TIME,
)


def story_page(
    request: HttpRequest,
    *,
    story_id: int,
    section_id: int,
    head: str,
    page: str,
    related: str,
    related_ids: list[int],
    is_preview: bool = False,
) -> HttpResponse:
    """The page of a story from its prepared parts; it shows the story and its related ones."""
    shows(request, story_key(story_id), *(story_key(pk) for pk in related_ids))
    # The parts were rendered by templates, which escaped what they printed.
    parts = {
        "head": mark_safe(head),  # noqa: S308
        "story": mark_safe(page),  # noqa: S308
        "related": mark_safe(related),  # noqa: S308
    }
    return STORY_FRAME.response(
        request, parts, current_section=(section_id, "true"), is_preview=is_preview
    )


def render_story(
    request: HttpRequest, article: Article, *, is_preview: bool = False
) -> HttpResponse:
    """The page of a story read as a model: a staff preview, a share link, or a story whose
    parts are not prepared yet (rendered now from the story as it is)."""
    parts = page_parts(article, None if is_preview else stored(article))
    response = story_page(
        request,
        story_id=article.pk,
        section_id=article.section_id,
        head=parts.head,
        page=parts.page,
        related=parts.related,
        related_ids=parts.related_ids,
        is_preview=is_preview,
    )
    if is_preview:
        add_never_cache_headers(response)
    return response


class ArticleDetailView(View):
    """A published story at its dated address; old slugs and wrong dates redirect there."""

    @classmethod
    def as_view(cls, **initkwargs):
        return public_page(super().as_view(**initkwargs))

    def get(self, request, *args, **kwargs):
        slug = self.kwargs["slug"]
        rows = PREPARED_STORY.rows(slug=slug, now=timezone.now())
        # As addresses are written: a Dari slug's letters percent-encoded.
        path = escape_uri_path(request.path)
        for pk, slug, published_at, section_id, language, format_, *parts in rows:
            head, page, related, related_ids = parts
            address = Article.address(slug, published_at, language)
            if format_ == FORMAT and path == address:
                return story_page(
                    request,
                    story_id=pk,
                    section_id=section_id,
                    head=head,
                    page=page,
                    related=related,
                    related_ids=related_ids,
                )
        # Redirects, and stories not prepared yet: read the story itself.
        article = Article.objects.published().select_related("prepared").filter(slug=slug).first()
        if article is None:
            old_address = (
                SlugRedirect.objects.filter(old_slug=slug, article__in=Article.objects.published())
                .select_related("article")
                .first()
            )
            if old_address is None:
                raise Http404("No published story has this address.")
            return HttpResponsePermanentRedirect(old_address.article.get_absolute_url())
        if path != article.get_absolute_url():
            return HttpResponsePermanentRedirect(article.get_absolute_url())
        return render_story(request, article)
