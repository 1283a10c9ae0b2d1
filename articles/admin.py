"""The editing desk: how journalists and editors work with stories in the admin."""

from django import forms
from django.contrib import admin
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.html import format_html
from django_prose_editor.fields import ProseEditorFormField

from articles.models import Article, Byline, Correction, Section
from articles.widgets import TagAutocompleteWidget

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
        return self.object_list[: self.COUNT_CAP + 1].count()


class ArticleAdminForm(forms.ModelForm):
    body = ProseEditorFormField(
        required=False,
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        help_text=Article._meta.get_field("body").help_text,
    )

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
        "status",
        "section",
        ("bylines", admin.RelatedOnlyFieldListFilter),
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

    class Media:
        js = ["js/desk-labels.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("byline_set__author")

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
        from django.core.files.storage import default_storage

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
        super().save_model(request, obj, form, change)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
