"""The editing desk: how journalists and editors work with stories in the admin."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django_prose_editor.fields import ProseEditorFormField

from articles import revisions, workflow
from articles.models import Article, Author, Byline, Correction, Section
from desk import views as admin_views
from desk.widgets import TagAutocompleteWidget

# The rich text editor offers exactly what articles/sanitize.py keeps.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False},
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Figure": True,
    "Caption": True,
    "Image": True,
    "History": True,
}


class CappedCountPaginator(Paginator):
    """Counts at most ``COUNT_CAP`` + 1 rows, so a list page costs the same on any archive size.

    Counting a 100,000-row table on every page load is the admin's usual slowdown; past the
    cap the list says "10000+" results and filters, search or the date bar narrow it down.
    """

    COUNT_CAP = 10_000

    @cached_property
    def count(self) -> int:
        # Without the ordering, PostgreSQL stops after the first rows it finds; with it, it
        # sorts the whole table first (97 ms instead of 2 ms on 100,000 stories).
        return self.object_list.order_by()[: self.COUNT_CAP + 1].count()


class ArticleAdminForm(forms.ModelForm):
    """The story form; also carries the version it was loaded at and the workflow step asked for.

    ``user`` and ``transition`` are set by ``ArticleAdmin.get_form`` for each request.
    """

    body = ProseEditorFormField(
        required=False,
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        help_text=Article._meta.get_field("body").help_text,
    )
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    workflow_comment = forms.CharField(
        label="Comment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Required to send back (what to change) or to unpublish (why).",
    )
    publish_at = forms.DateTimeField(
        label="Go live at",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text="For “Schedule”: the story goes live by itself at this time.",
    )

    user = None
    transition = ""
    conflict = None

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "standfirst",
            "dateline",
            "section",
            "body",
            "tags",
            "image",
            "image_alt",
            "image_caption",
            "image_credit",
        ]
        widgets = {"tags": TagAutocompleteWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            # A new story belongs to whoever writes it, so the owner's rules apply at once.
            self.instance.created_by = self.user
        else:
            self.fields["loaded_version"].initial = self.instance.version
            self.fields["loaded_version"].required = True

    def clean(self):
        cleaned = super().clean()
        if not self.instance._state.adding:
            self._refuse_stale_version(cleaned.get("loaded_version"))
        if self.transition:
            self._check_transition(cleaned)
        return cleaned

    def _refuse_stale_version(self, loaded_version: int | None) -> None:
        # Locked until the save commits, so nobody can slip a save in between.
        stored = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .get()
        )
        if loaded_version is None or loaded_version == stored:
            return
        self.conflict = self._describe_conflict(loaded_version)
        # Saving again, after reading what changed, deliberately replaces the stored version.
        self.data = self.data.copy()
        self.data["loaded_version"] = stored
        raise ValidationError(self.conflict)

    def _describe_conflict(self, loaded_version: int) -> str:
        """Who saved since this form was loaded, and which fields they changed."""
        stored = revisions.snapshot(Article.objects.get(pk=self.instance.pk))
        opened = revisions.at_version(self.instance, loaded_version) or self.submitted_snapshot()
        changed = revisions.changed_fields(opened, stored) or ["status or history only"]
        last = self.instance.revisions.select_related("created_by").first()
        by = f" by {last.created_by}" if last and last.created_by else ""
        return (
            f"Not saved: “{self.instance}” was saved{by} after you opened it. "
            f"Changed since then: {', '.join(changed)}. "
            "Your text is still below and kept in the story's history; compare it with the "
            "saved version, then save again to replace it."
        )

    def _check_transition(self, cleaned: dict) -> None:
        action = self.transition
        if action not in workflow.ACTIONS:
            raise ValidationError(f"There is no such step as “{action}”.")
        reason = workflow.refusal(workflow.ACTIONS[action][1], self.user, self.instance)
        if reason:
            raise ValidationError(reason)
        if action in ("send_back", "unpublish") and not cleaned.get("workflow_comment", "").strip():
            self.add_error("workflow_comment", "Write a comment: it is required for this step.")
        if action == "schedule":
            publish_at = cleaned.get("publish_at")
            if publish_at is None or publish_at <= timezone.now():
                self.add_error("publish_at", "Choose a time in the future to schedule the story.")

    def submitted_snapshot(self) -> dict:
        """The refused submission as a revision snapshot, so a conflicting edit is kept."""
        data = revisions.snapshot(Article.objects.get(pk=self.instance.pk))
        for key in revisions.TEXT_FIELDS + revisions.IMAGE_TEXT_FIELDS:
            if key in self.cleaned_data:
                data[key] = self.cleaned_data[key]
        if self.cleaned_data.get("section"):
            section = self.cleaned_data["section"]
            data["section"] = {"id": section.pk, "name": section.name}
        if "tags" in self.cleaned_data:
            data["tags"] = sorted(self.cleaned_data["tags"])
        return data


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    min_num = 1
    autocomplete_fields = ["author"]
    fields = ["position", "author"]
    verbose_name = "byline"
    verbose_name_plural = "Bylines (in printed order: smallest position first)"

    def get_formset(self, request, obj=None, **kwargs):
        # min_num only shows an empty row; validate_min makes a story without a byline an error.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "published_at"]


class TrashFilter(admin.SimpleListFilter):
    """The desk lists stories outside the trash unless asked for the trash."""

    title = "trash"
    parameter_name = "trash"

    def lookups(self, request, model_admin):
        return [("yes", "In the trash")]

    def choices(self, changelist):
        outside, *inside = super().choices(changelist)
        return [{**outside, "display": "Outside the trash"}, *inside]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.in_trash()
        return queryset.not_in_trash()


def bulk_action(action: str, description: str, *, permission: str = "change"):
    """An admin action that applies one workflow step to each story and reports each refusal.

    ``permission`` only hides the action from people who can never take the step; the
    workflow still checks every story.
    """

    def run(modeladmin, request, queryset):
        done = 0
        for article in queryset:
            try:
                workflow.apply(action, article, by=request.user)
            except workflow.WorkflowError as refusal:
                modeladmin.message_user(request, str(refusal), messages.WARNING)
            else:
                done += 1
        if done:
            modeladmin.message_user(
                request, f"{description}: {done} stor{'y' if done == 1 else 'ies'}."
            )

    run.__name__ = f"{action}_selected"
    return admin.action(description=f"{description} (selected stories)", permissions=[permission])(
        run
    )


CONTENT_FIELDS = [
    *ArticleAdminForm.Meta.fields,
    "image_width",
    "image_height",
    "image_renditions",
    "word_count",
    "updated_at",
]
CONTENT_FIELDS.remove("tags")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline, CorrectionInline]
    list_display = [
        "headline",
        "section",
        "byline_names",
        "status_label",
        "updated_at",
        "published_at",
    ]
    list_filter = [
        TrashFilter,
        "status",
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
    paginator = CappedCountPaginator
    show_full_result_count = False
    readonly_fields = ["image_preview"]
    fieldsets = [
        (
            None,
            {"fields": ["headline", "slug", "standfirst", "dateline", "section", "body", "tags"]},
        ),
        (
            "Featured image",
            {"fields": ["image", "image_preview", "image_alt", "image_caption", "image_credit"]},
        ),
    ]
    prepopulated_fields = {"slug": ["headline"]}
    actions = [
        bulk_action("submit", "Submitted for review"),
        bulk_action("approve", "Approved and published", permission="publish"),
        bulk_action("trash", "Moved to the trash", permission="trash"),
        bulk_action("restore_from_trash", "Restored from the trash", permission="restore"),
    ]

    class Media:
        js = ["desk/article-autosave.js", "desk/desk-labels.js"]
        css = {"all": ["desk/desk.css"]}

    def get_queryset(self, request):
        stories = super().get_queryset(request).prefetch_related("byline_set__author")
        if request.user.has_perm("articles.edit_any_article"):
            return stories
        # Journalists work on their own stories and read the live ones; never the trash.
        return stories.not_in_trash().filter(
            Q(created_by=request.user) | Q(pk__in=Article.objects.published().values("pk"))
        )

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

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        transition = request.POST.get("_transition", "") if request.method == "POST" else ""
        return type(form.__name__, (form,), {"user": request.user, "transition": transition})

    @admin.display(description="By")
    def byline_names(self, article: Article) -> str:
        return ", ".join(author.name for author in article.authors)

    @admin.display(description="Status", ordering="status")
    def status_label(self, article: Article) -> str:
        return article.get_current_status_display()

    @admin.display(description="Preview")
    def image_preview(self, article: Article) -> str:
        renditions = article.image_renditions.get("jpeg") or []
        if not renditions:
            return "No image yet."
        return format_html(
            '<img src="{}" alt="{}" width="320" class="newsroom-image-preview">',
            default_storage.url(renditions[0][1]),
            article.image_alt,
        )

    def view_on_site(self, article: Article):
        return article.get_absolute_url() if article.is_live else None

    def save_model(self, request, obj, form, change):
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
                self.message_user(request, admin_views.moved_message(article, event))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if form.conflict and request.method == "POST":
            revisions.record(
                obj,
                by=request.user,
                note="Conflicting edit, not applied",
                data=form.submitted_snapshot(),
            )
        if obj is not None:
            context.update(admin_views.change_form_context(request, obj))
        context["version_field"] = form["loaded_version"]
        context["comment_field"] = form["workflow_comment"]
        context["publish_at_field"] = form["publish_at"]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        return admin_views.urls(self) + super().get_urls()


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
