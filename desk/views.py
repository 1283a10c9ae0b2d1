"""The editing desk's own pages: review queue, my stories, history, previews and share links.

Every view here checks the person's rights on the server through ``articles.workflow``;
the buttons a page shows are a convenience, never the protection.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from articles import revisions, workflow
from articles.models import Article, ArticleEvent, ArticleRevision, PreviewLink, Tag
from articles.templatetags.times import news_datetime
from desk import dashboard, pending_uploads
from desk.forms import TransitionForm


def moved_message(article: Article, event: ArticleEvent) -> str:
    """What a person is told after a step: the new state, and when a schedule goes live."""
    if event.to_status == Article.Status.SCHEDULED:
        when = news_datetime(article.published_at)
        return _("“%(story)s” is scheduled to go live at %(time)s.") % {
            "story": article,
            "time": when,
        }
    return _("“%(story)s” is now %(state)s.") % {
        "story": article,
        "state": event.get_to_status_display(),
    }


# The step shown as the page's main button when the person may take it, the first that
# applies: an editor approves, a journalist submits for review.
MAIN_STEPS = ("approve", "submit")
# Steps that take a story away from readers or out of the desk, set apart from the others.
SETTING_ASIDE_STEPS = ("trash",)


@dataclass(frozen=True)
class StepButton:
    """A workflow step as the story page offers it."""

    name: str
    label: str
    main: bool = False
    setting_aside: bool = False
    needs_comment: bool = False
    needs_time: bool = False


def step_buttons(user, article: Article) -> list[StepButton]:
    """The steps this person may take on this story now, the main one first."""
    offered = dict(workflow.offered_actions(user, article))
    main = next((name for name in MAIN_STEPS if name in offered), None)
    buttons = [
        StepButton(
            name=name,
            label=label,
            main=name == main,
            setting_aside=name in SETTING_ASIDE_STEPS,
            needs_comment=bool(workflow.STEPS[name].comment_needed),
            needs_time=workflow.STEPS[name].needs_future_time,
        )
        for name, label in offered.items()
    ]
    return sorted(buttons, key=lambda button: not button.main)


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def change_form_context(request: HttpRequest, article: Article) -> dict:
    """What the story's page shows beside the form: timeline, revisions, steps, share links."""
    user = request.user
    buttons = step_buttons(user, article)
    return {
        "step_buttons": buttons,
        "asks_comment": any(button.needs_comment for button in buttons),
        "asks_time": any(button.needs_time for button in buttons),
        "transition_url": reverse("admin:articles_article_transition", args=[article.pk]),
        "timeline": article.events.select_related("actor"),
        "may_see_history": workflow.can_compare_revisions(user, article),
        "may_share": workflow.may("share_preview", user, article),
        "share_links": workflow.working_share_links()
        .filter(article=article)
        .select_related("created_by"),
        "share_lifetimes": [
            (key, label) for key, (label, _lifetime) in workflow.SHARE_LINK_LIFETIMES.items()
        ],
        "translate_into": workflow.languages_to_translate_into(article),
        "translated_from": article.original if article.original_id else None,
    }


class DeskViews:
    """Views bound to the article ModelAdmin, so they share its permissions and templates."""

    def __init__(self, model_admin):
        self.model_admin = model_admin

    def context(self, request: HttpRequest, **extra) -> dict:
        return {
            **self.model_admin.admin_site.each_context(request),
            "opts": Article._meta,
            **extra,
        }

    def story(self, request: HttpRequest, pk: int) -> Article:
        """The story, when this person may see it at all; 404 otherwise, as for the change page."""
        article = get_object_or_404(self.model_admin.get_queryset(request), pk=pk)
        if not workflow.can_view(request.user, article):
            raise PermissionDenied
        return article

    def transition(self, request: HttpRequest, pk: int) -> HttpResponse:
        """A workflow step posted on its own (read-only pages, scripts): same rules as the form."""
        article = self.story(request, pk)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("That step could not be read; nothing was changed."))
            return HttpResponseRedirect(change_url(article))
        try:
            event = workflow.apply(
                form.cleaned_data["_transition"],
                article,
                by=request.user,
                comment=form.cleaned_data["workflow_comment"],
                publish_at=form.cleaned_data["publish_at"],
            )
        except workflow.WorkflowError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, moved_message(article, event))
        return HttpResponseRedirect(change_url(article))

    def translate(self, request: HttpRequest, pk: int) -> HttpResponse:
        """A linked draft of the story in another language, opened for translating."""
        article = self.story(request, pk)
        try:
            draft = workflow.translate(article, request.POST.get("language", ""), by=request.user)
        except workflow.WorkflowError as refusal:
            messages.error(request, str(refusal))
            return HttpResponseRedirect(change_url(article))
        messages.success(
            request,
            _("A draft in %(language)s is ready to translate.")
            % {"language": draft.get_language_display()},
        )
        return HttpResponseRedirect(change_url(draft))

    def awaiting_review(self, request: HttpRequest) -> HttpResponse:
        """Editors' queue: stories in review, the longest waiting first."""
        if not request.user.has_perm("articles.publish_article"):
            raise PermissionDenied
        stories = dashboard.awaiting_review()
        return TemplateResponse(
            request,
            "admin/articles/article/awaiting_review.html",
            self.context(request, title=_("Awaiting review"), stories=stories),
        )

    def my_stories(self, request: HttpRequest) -> HttpResponse:
        """A journalist's own stories with their status and the last word from an editor."""
        editor_comments = (
            ArticleEvent.objects.filter(article=OuterRef("pk"))
            .exclude(comment="")
            .exclude(actor=request.user)
            .order_by("-at", "-pk")
        )
        stories = (
            Article.objects.not_in_trash()
            .filter(created_by=request.user)
            .select_related("section")
            .annotate(last_comment=Subquery(editor_comments.values("comment")[:1]))
            .order_by("-updated_at")
        )
        return TemplateResponse(
            request,
            "admin/articles/article/my_stories.html",
            self.context(request, title=_("My stories"), stories=stories),
        )

    def history_story(self, request: HttpRequest, pk: int) -> Article:
        article = self.story(request, pk)
        if not workflow.can_compare_revisions(request.user, article):
            raise PermissionDenied
        return article

    def revision_list(self, request: HttpRequest, pk: int) -> HttpResponse:
        article = self.history_story(request, pk)
        return TemplateResponse(
            request,
            "admin/articles/article/revisions.html",
            self.context(
                request,
                title=_("Revisions of “%(story)s”") % {"story": article},
                original=article,
                revisions=article.revisions.select_related("created_by"),
                may_restore=workflow.can_edit(request.user, article),
            ),
        )

    def compare(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Two revisions side by side; the older one on the left whatever order was asked."""
        article = self.history_story(request, pk)
        numbers = sorted(
            int(n) for n in (request.GET.get("a"), request.GET.get("b")) if n and n.isdigit()
        )
        if len(numbers) != 2:
            messages.error(request, _("Choose two revisions to compare."))
            return HttpResponseRedirect(revision_list_url(article))
        older, newer = (
            get_object_or_404(ArticleRevision, article=article, number=number) for number in numbers
        )
        return TemplateResponse(
            request,
            "admin/articles/article/compare.html",
            self.context(
                request,
                title=_("Revision %(older)s and %(newer)s of “%(story)s”")
                % {"older": older.number, "newer": newer.number, "story": article},
                original=article,
                older=older,
                newer=newer,
                changes=revisions.diff(older.snapshot, newer.snapshot),
            ),
        )

    def restore_revision(self, request: HttpRequest, pk: int, number: int) -> HttpResponse:
        article = self.history_story(request, pk)
        revision = get_object_or_404(ArticleRevision, article=article, number=number)
        try:
            restored = workflow.restore_revision(article, by=request.user, revision=revision)
        except workflow.WorkflowError as refusal:
            messages.error(request, str(refusal))
            return HttpResponseRedirect(revision_list_url(article))
        messages.success(
            request,
            _("Revision %(number)s restored as revision %(restored)s.")
            % {"number": number, "restored": restored.number},
        )
        return HttpResponseRedirect(change_url(article))

    def create_share_link(self, request: HttpRequest, pk: int) -> HttpResponse:
        article = self.story(request, pk)
        lifetime = request.POST.get("lifetime", "")
        try:
            link = workflow.create_share_link(article, by=request.user, lifetime=lifetime)
        except workflow.WorkflowError as refusal:
            messages.error(request, str(refusal))
        else:
            label, _lifetime = workflow.SHARE_LINK_LIFETIMES[lifetime]
            url = request.build_absolute_uri(workflow.share_link_url(link))
            messages.success(
                request, _("Share link, valid for %(time)s: %(url)s") % {"time": label, "url": url}
            )
        return HttpResponseRedirect(change_url(article))

    def revoke_share_link(self, request: HttpRequest, pk: int, link_id: int) -> HttpResponse:
        article = self.story(request, pk)
        link = get_object_or_404(PreviewLink, pk=link_id, article=article)
        try:
            workflow.revoke_share_link(link, by=request.user)
        except workflow.WorkflowError as refusal:
            raise PermissionDenied(str(refusal)) from refusal
        messages.success(request, _("The share link no longer works."))
        return HttpResponseRedirect(change_url(article))


def revision_list_url(article: Article) -> str:
    return reverse("admin:articles_article_revisions", args=[article.pk])


TAG_SUGGESTIONS_LIMIT = 10


@require_GET
def tag_suggestions(request: HttpRequest) -> HttpResponse:
    """Existing tags starting with ``q``, most used first, for the editing desk's tag field."""
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


def urls(model_admin) -> list:
    views = DeskViews(model_admin)
    site = model_admin.admin_site

    def route(pattern: str, view, name: str, *, post_only: bool = False):
        if post_only:
            view = require_POST(view)
        return path(pattern, site.admin_view(view), name=f"articles_article_{name}")

    return [
        route("awaiting-review/", views.awaiting_review, "awaiting_review"),
        route("tag-suggestions/", tag_suggestions, "tag_suggestions"),
        route("pending-picture/", pending_uploads.preview, "pending_picture"),
        route("my-stories/", views.my_stories, "my_stories"),
        route("<int:pk>/transition/", views.transition, "transition", post_only=True),
        route("<int:pk>/revisions/", views.revision_list, "revisions"),
        route("<int:pk>/revisions/compare/", views.compare, "compare"),
        route(
            "<int:pk>/revisions/<int:number>/restore/",
            views.restore_revision,
            "restore_revision",
            post_only=True,
        ),
        route("<int:pk>/share/", views.create_share_link, "share", post_only=True),
        route("<int:pk>/translate/", views.translate, "translate", post_only=True),
        route(
            "<int:pk>/share/<int:link_id>/revoke/",
            views.revoke_share_link,
            "revoke_share",
            post_only=True,
        ),
    ]
