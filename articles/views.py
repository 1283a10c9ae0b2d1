"""Readers' pages. Every one starts from ``Article.objects.published()``."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from articles.models import Article, Section


class PublishedArticlesMixin:
    """The one queryset public views list from."""

    paginate_by = 20

    def published_articles(self):
        return Article.objects.published().for_listing()


class HomeView(PublishedArticlesMixin, ListView):
    template_name = "articles/home.html"

    def get_queryset(self):
        return self.published_articles()


class SectionView(PublishedArticlesMixin, ListView):
    template_name = "articles/section.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return self.published_articles().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


def render_story(
    request: HttpRequest, article: Article, *, is_preview: bool = False
) -> HttpResponse:
    """The story page, as readers see it; staff previews and share links render it too."""
    return TemplateResponse(
        request,
        "articles/article_detail.html",
        {"article": article, "object": article, "is_preview": is_preview},
    )


class ArticleDetailView(PublishedArticlesMixin, DetailView):
    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return self.published_articles().prefetch_related("tags")

    def get(self, request, *args, **kwargs):
        return render_story(request, self.get_object())


TAG_SUGGESTIONS_LIMIT = 10


@require_GET
def tag_suggestions(request: HttpRequest) -> HttpResponse:
    """Existing tags starting with ``q``, most used first, for the editing desk's tag field."""
    if not (request.user.is_active and request.user.is_staff):
        return HttpResponseForbidden("Only the editing desk may ask for tag suggestions.")
    prefix = request.GET.get("q", "").strip()
    if not prefix:
        return JsonResponse({"tags": []})
    tags = (
        Tag.objects.filter(name__istartswith=prefix)
        .annotate(uses=Count("articles_taggedarticle_items"))
        .order_by("-uses", "name")
        .values_list("name", flat=True)[:TAG_SUGGESTIONS_LIMIT]
    )
    return JsonResponse({"tags": list(tags)})
