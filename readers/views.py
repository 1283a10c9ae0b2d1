"""Readers' pages. Every one starts from ``Article.objects.published()``."""

from datetime import timedelta
from itertools import groupby

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.generic import ListView, TemplateView, View

from articles.models import Article, Author, Correction, Section, SlugRedirect, Tag
from readers.caching import public_page, remember
from readers.pagination import NewerOlderPaginator
from readers.related import related_articles
from readers.story import largest_rendition_url, news_article_json_ld, share_links, with_dateline

HOME_LATEST_COUNT = 12
HOME_STORIES_PER_SECTION = 4
# Saving a story at approval moves its update time a little; only later edits count as updates.
UPDATE_NOTICE_AFTER = timedelta(minutes=5)


class PublishedArticlesMixin:
    """The one queryset public views list from; every view using it is a cached public page."""

    paginate_by = 20
    paginator_class = NewerOlderPaginator

    @classmethod
    def as_view(cls, **initkwargs):
        return public_page(super().as_view(**initkwargs))

    def published_articles(self):
        return Article.objects.published().for_listing()

    def remember(self, name: str, compute):
        """``compute()``, kept for this page's address until readers' content next changes.

        Readers' pages read the same rows for every reader until something changes, so each
        server process keeps them (``readers.caching.remember``); staff get fresh ones.
        """
        return remember(self.request, f"{self.remembered_address()}:{name}", compute)

    def remembered_address(self) -> str:
        """What the page's rows depend on besides the content: its path."""
        return self.request.path

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(
            queryset, per_page, remember=lambda name, fetch: self.remember(f"page-{name}", fetch)
        )

    def story_cards(self):
        """Stories for a list of cards, which never show the body: it stays in the database."""
        return self.published_articles().defer("body")

    def remembered_or_404(self, name: str, queryset):
        """The object whose slug is in the address (a section, tag or author), or a 404."""
        found = self.remember(name, lambda: queryset.filter(slug=self.kwargs["slug"]).first())
        if found is None:
            raise Http404(f"No {name} has this address.")
        return found


class HomeView(PublishedArticlesMixin, TemplateView):
    """The lead story, the newest stories of each section and a "Latest" list."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.remember("stories", self.home_stories), **kwargs)

    def home_stories(self) -> dict:
        latest = list(self.story_cards()[: HOME_LATEST_COUNT + 1])
        lead = next((story for story in latest if story.image_renditions), None)
        lead = lead or (latest[0] if latest else None)
        return {
            "lead": lead,
            "latest": [story for story in latest if story != lead][:HOME_LATEST_COUNT],
            "section_blocks": self.section_blocks(exclude=lead),
        }

    def section_blocks(self, *, exclude: Article | None) -> list[dict]:
        """The newest stories of every section, in navigation order.

        Their ids come from one query whose per-section parts each read the (section,
        publication time) index, so the page costs the same number of queries and about
        the same time however large the archive and however many sections there are.
        """
        newest = Article.objects.published()
        if exclude is not None:
            newest = newest.exclude(pk=exclude.pk)
        section_ids = list(Section.objects.values_list("pk", flat=True))
        ids = newest.newest_ids_per_section(section_ids, HOME_STORIES_PER_SECTION)
        stories = (
            self.story_cards()
            .filter(pk__in=ids)
            .order_by("section__position", "section__name", "-published_at", "-pk")
        )
        return [
            {"section": section, "stories": list(section_stories)}
            for section, section_stories in groupby(stories, key=lambda story: story.section)
        ]


class ArchiveView(PublishedArticlesMixin, ListView):
    """Every published story, newest first, page by page."""

    template_name = "articles/archive.html"

    def get_queryset(self):
        return self.story_cards()


class SectionView(PublishedArticlesMixin, ListView):
    template_name = "articles/section.html"

    def get_queryset(self):
        self.section = self.remembered_or_404("section", Section.objects.shown_to_readers())
        return self.story_cards().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section, current_section_slug=self.section.slug, **kwargs
        )


class TagView(PublishedArticlesMixin, ListView):
    template_name = "articles/tag.html"

    def get_queryset(self):
        self.tag = self.remembered_or_404("tag", Tag.objects.shown_to_readers())
        return self.story_cards().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(PublishedArticlesMixin, ListView):
    """Who writes for the newsroom, and what they have published."""

    template_name = "articles/author.html"

    def get_queryset(self):
        self.author = self.remembered_or_404("author", Author.objects.shown_to_readers())
        # Filtered and ordered on the byline's copy of the publication time, so the newest
        # stories come straight from the (author, time) index: an author of 600 stories
        # otherwise cost a walk through thousands of other people's stories. The time bound
        # lets the index skip drafts (no time) and stories scheduled for later.
        return (
            self.story_cards()
            .filter(byline__author=self.author, byline__published_at__lte=timezone.now())
            .order_by("-byline__published_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class CorrectionsView(PublishedArticlesMixin, ListView):
    """Every correction and clarification on a published story, newest first."""

    template_name = "articles/corrections.html"
    paginate_by = 30

    def get_queryset(self):
        return (
            Correction.objects.filter(article__in=Article.objects.published())
            .select_related("article")
            .order_by("-published_at", "-pk")
        )


def render_story(
    request: HttpRequest, article: Article, *, is_preview: bool = False
) -> HttpResponse:
    """The story page, as readers see it; staff previews and share links render it too."""
    context = remember(
        request, f"story page {request.get_host()} {article.pk}", lambda: story(request, article)
    )
    response = TemplateResponse(
        request, "articles/article_detail.html", {**context, "is_preview": is_preview}
    )
    if is_preview:
        add_never_cache_headers(response)
    return response


def story(request: HttpRequest, article: Article) -> dict:
    """What the story page shows, the same for every reader until content changes."""
    canonical_url = request.build_absolute_uri(article.get_absolute_url())
    image_url = largest_rendition_url(article.image_renditions)
    return {
        "article": article,
        "object": article,
        "body": with_dateline(article.body, article.dateline),
        "tags": list(article.tags.all()),
        "corrections": list(article.corrections.all()),
        "related_articles": related_articles(article),
        "share_links": share_links(canonical_url, article.headline),
        "json_ld": news_article_json_ld(request, article, canonical_url),
        "canonical_url": canonical_url,
        "current_section_slug": article.section.slug,
        "was_updated": bool(
            article.published_at and article.updated_at - article.published_at > UPDATE_NOTICE_AFTER
        ),
        "social_image_url": request.build_absolute_uri(image_url) if image_url else "",
    }


class ArticleDetailView(PublishedArticlesMixin, View):
    """A published story at its dated address; old slugs and wrong dates redirect there."""

    def get(self, request, *args, **kwargs):
        slug = self.kwargs["slug"]
        article = self.remember(
            "story",
            lambda: (
                self.published_articles()
                .prefetch_related("tags", "corrections")
                .filter(slug=slug)
                .first()
            ),
        )
        if article is None:
            old_address = (
                SlugRedirect.objects.filter(old_slug=slug, article__in=Article.objects.published())
                .select_related("article")
                .first()
            )
            if old_address is None:
                raise Http404("No published story has this address.")
            return HttpResponsePermanentRedirect(old_address.article.get_absolute_url())
        if request.path != article.get_absolute_url():
            return HttpResponsePermanentRedirect(article.get_absolute_url())
        return render_story(request, article)
