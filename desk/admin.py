"""The editing desk: how journalists and editors work with stories in the admin."""

from django.contrib import admin, messages
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from articles import languages, revisions, workflow
from articles.images import jpeg_rendition_url
from articles.models import Article, ArticleRevision, Author, Section, Tag, TagName
from articles.models.stories import WORDS_READ_PER_MINUTE
from desk import pending_uploads, story_list
from desk import views as admin_views
from desk.forms import ArticleAdminForm
from desk.inlines import BylineInline, BylineRows, CorrectionInline
from desk.names import NamesInLanguagesAdmin

CONTENT_FIELDS = [
    *ArticleAdminForm.Meta.fields,
    "image_width",
    "image_height",
    "image_renditions",
    "word_count",
    "updated_at",
]
CONTENT_FIELDS.remove("tags")


def kept_image_context(form) -> dict:
    """What the form says of a picture kept from a failed save: its preview and its name."""
    token = form.kept_image_token
    if not token or form.files.get("image") and "image" in form.errors:
        return {}
    query = urlencode({"token": token})
    return {"kept_image_url": f"{reverse('admin:articles_article_pending_picture')}?{query}"}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline, CorrectionInline]
    list_display = story_list.COLUMNS
    list_display_links = [story_list.headline]
    list_filter = [
        story_list.MineFilter,
        story_list.TrashFilter,
        "status",
        "language",
        "section",
        # Every author, not only those with stories: finding those read the whole archive
        # on each load of the list (48 ms on 100,000 stories).
        ("bylines", admin.RelatedFieldListFilter),
        "published_at",
    ]
    search_fields = ["headline", "standfirst"]
    date_hierarchy = "published_at"
    list_select_related = ["section"]
    list_per_page = 50
    paginator = story_list.CappedCountPaginator
    show_full_result_count = False
    readonly_fields = ["image_preview"]
    # The first fieldset is the writing surface; the others go to the form's sidebar
    # (desk/templates/admin/articles/article/change_form.html).
    fieldsets = [
        (None, {"fields": ["headline", "standfirst", "dateline", "body"]}),
        (_("Story"), {"fields": ["language", "section", "tags", "slug"]}),
        (
            _("Picture"),
            {"fields": ["image", "image_preview", "image_alt", "image_caption", "image_credit"]},
        ),
    ]
    prepopulated_fields = {"slug": ["headline"]}
    actions = [
        story_list.bulk_action("submit", _("Submitted for review")),
        story_list.bulk_action("approve", _("Approved and published"), permission="publish"),
        story_list.bulk_action("trash", _("Moved to the trash"), permission="trash"),
        story_list.bulk_action(
            "restore_from_trash", _("Restored from the trash"), permission="restore"
        ),
    ]

    class Media:
        js = [
            "desk/article-autosave.js",
            "desk/desk-labels.js",
            "desk/story-language.js",
            "desk/story-length.js",
        ]

    def get_queryset(self, request):
        last_revision = ArticleRevision.objects.filter(article=OuterRef("pk")).order_by("-number")
        stories = (
            workflow.stories_visible_to(request.user)
            .prefetch_related("byline_set__author")
            .annotate(changed_by=Subquery(last_revision.values("created_by__full_name")[:1]))
        )
        ordering = self.get_ordering(request)
        return stories.order_by(*ordering) if ordering else stories

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or workflow.can_view(request.user, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        # Stories are never deleted from the desk: they go to the trash, which can be undone.
        return False

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("articles.publish_article")

    def has_trash_permission(self, request) -> bool:
        return request.user.has_perm("articles.delete_article")

    def has_restore_permission(self, request) -> bool:
        return request.user.has_perm("articles.restore_article")

    def get_changeform_initial_data(self, request):
        """A new story is written in the language the person uses the desk in, to begin with."""
        initial = super().get_changeform_initial_data(request)
        if get_language() in languages.CODES:
            initial.setdefault("language", get_language())
        return initial

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        transition = request.POST.get("_transition", "") if request.method == "POST" else ""
        return type(form.__name__, (form,), {"user": request.user, "transition": transition})

    @admin.display(description=_("Preview"))
    def image_preview(self, article: Article) -> str:
        address = jpeg_rendition_url(article.image_renditions)
        if not address:
            return gettext("No image yet.")
        return format_html(
            '<img src="{}" alt="{}" width="320" class="newsroom-image-preview">',
            address,
            article.image_alt,
        )

    def view_on_site(self, article: Article):
        return article.get_absolute_url() if article.is_live else None

    def save_model(self, request, obj, form, change):
        self._save_story(request, obj, form, change)
        pending_uploads.discard(form.cleaned_data.get("pending_image", ""), request.user)

    def _save_story(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.save()
            return
        stored = Article.objects.get(pk=obj.pk)
        workflow.claim_version(
            obj, by=request.user, loaded_version=form.cleaned_data["loaded_version"]
        )
        obj.save(update_fields=CONTENT_FIELDS)
        workflow.keep_old_address(obj, old_slug=stored.slug)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        revisions.record(article, by=request.user, note="Saved" if change else "Created")
        if form.transition:
            try:
                event = workflow.apply(
                    form.transition,
                    article,
                    by=request.user,
                    comment=form.cleaned_data.get("workflow_comment", ""),
                    publish_at=form.cleaned_data.get("publish_at"),
                )
            except workflow.WorkflowError as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
            else:
                # A success, as the admin's own saves are: the desk's script then forgets
                # the work it kept in the browser (desk/static/desk/article-autosave.js).
                message = admin_views.moved_message(article, event)
                self.message_user(request, message, messages.SUCCESS)
                request.desk_step_reported = True

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        """One message per step: after "“…” is now In review", the admin's own "was changed
        successfully" says nothing more."""
        if getattr(request, "desk_step_reported", False) and level == messages.SUCCESS:
            return
        super().message_user(request, message, level, *args, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if request.method == "POST":
            form.keep_chosen_image()
            context.update(kept_image_context(form))
        if form.conflict and request.method == "POST":
            saved = obj.revisions.first()
            refused = revisions.record(
                obj,
                by=request.user,
                note="Conflicting edit, not applied",
                data=form.submitted_snapshot(),
            )
            if saved is not None:
                query = urlencode({"a": saved.number, "b": refused.number})
                compare = reverse("admin:articles_article_compare", args=[obj.pk])
                context["conflict_comparison_url"] = f"{compare}?{query}"
        if obj is not None:
            context.update(admin_views.change_form_context(request, obj))
        context["version_field"] = form["loaded_version"]
        context["pending_image_field"] = form["pending_image"]
        context["comment_field"] = form["workflow_comment"]
        context["publish_at_field"] = form["publish_at"]
        context["words_per_minute"] = WORDS_READ_PER_MINUTE
        context["title"] = _("New story") if add else _("Edit story")
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": _("Stories"), **(extra_context or {})})

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        shown = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline_formset in shown:
            if isinstance(inline_formset.opts, BylineInline):
                inline_formset.__class__ = BylineRows
        return shown

    def get_urls(self):
        return admin_views.urls(self) + super().get_urls()


@admin.register(Section)
class SectionAdmin(NamesInLanguagesAdmin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(NamesInLanguagesAdmin, admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]

    def get_exclude(self, request, obj=None):
        # Linking an author to an account is for those who manage accounts: a journalist adding
        # a byline for someone from outside would only meet a list they may not read.
        if request.user.has_perm("accounts.view_user"):
            return super().get_exclude(request, obj)
        return ["user"]


class TagNameInline(admin.TabularInline):
    """A tag's name on the pages of each other language, next to the tag."""

    model = TagName
    fields = ["language", "name"]
    extra = len(languages.OTHER_LANGUAGES)
    max_num = len(languages.OTHER_LANGUAGES)
    verbose_name = _("name in another language")
    verbose_name_plural = _("names in other languages")


# The tags' page, with their names in each language; it stands in for the one taggit
# registers, which newsroom/urls.py takes away once every app's admin is loaded.
@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "other_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TagNameInline]
