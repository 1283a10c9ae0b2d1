"""The desk's story list: its columns, filters and bulk steps, at the same cost on any
archive size. Headline first and widest (desk.css); the other columns say where each story
stands, and on a phone each row becomes a card."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from articles import languages, workflow
from articles.images import jpeg_rendition_url
from articles.models import Article
from articles.templatetags.times import iso_time, news_datetime_short


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


class MineFilter(admin.SimpleListFilter):
    """A journalist's own stories, one click away in the story list."""

    title = _("owner")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("yes", _("Written by me"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(created_by=request.user)
        return queryset


class TrashFilter(admin.SimpleListFilter):
    """The desk lists stories outside the trash unless asked for the trash."""

    title = _("trash")
    parameter_name = "trash"

    def lookups(self, request, model_admin):
        return [("yes", _("In the trash"))]

    def choices(self, changelist):
        outside, *inside = super().choices(changelist)
        return [{**outside, "display": _("Outside the trash")}, *inside]

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
            stories = ngettext("%(count)s story", "%(count)s stories", done) % {"count": done}
            modeladmin.message_user(request, f"{description}: {stories}.")

    run.__name__ = f"{action}_selected"
    return admin.action(
        description=format_lazy("{} ({})", description, _("selected stories")),
        permissions=[permission],
    )(run)


def labelled_time(label: str, moment) -> str:
    """A time in a list cell, with its column's name for phones, where the list has no head."""
    return format_html(
        '<span class="cell-label">{}: </span><time datetime="{}">{}</time>',
        label,
        iso_time(moment),
        news_datetime_short(moment),
    )


@admin.display(description=_("Picture"))
def thumbnail(article: Article) -> str:
    address = jpeg_rendition_url(article.image_renditions)
    if not address:
        return mark_safe('<span class="story-thumbnail story-thumbnail-none"></span>')
    return format_html(
        '<img class="story-thumbnail" src="{}" alt="" width="80" height="45" loading="lazy">',
        address,
    )


@admin.display(description=_("Headline"), ordering="headline")
def headline(article: Article) -> str:
    """In the story's own language and direction, so a Pashto headline never reorders the
    English around it; a story in another language than the site's first says which."""
    shown = format_html(
        '<span lang="{}" dir="{}">{}</span>',
        languages.tag(article.language),
        languages.direction(article.language),
        article.headline,
    )
    if article.language == settings.LANGUAGE_CODE:
        return shown
    return format_html(
        '{} <span class="story-language">{}</span>', shown, article.get_language_display()
    )


@admin.display(description=pgettext_lazy("the authors of a story", "By"))
def byline_names(article: Article) -> str:
    return ", ".join(author.name for author in article.authors)


@admin.display(description=_("State"), ordering="status")
def state(article: Article) -> str:
    return format_html(
        '<span class="status-label status-{}">{}</span>',
        article.current_status,
        article.get_current_status_display(),
    )


@admin.display(description=_("Last change"), ordering="updated_at")
def last_change(article: Article) -> str:
    """When, and by whom (``changed_by``, from the story's last revision)."""
    when = labelled_time(_("Last change"), article.updated_at)
    if not article.changed_by:
        return when
    return format_html('{} <span class="quiet">{}</span>', when, article.changed_by)


@admin.display(description=_("Publication"), ordering="published_at")
def publication(article: Article) -> str:
    """When it went live, or goes live if scheduled."""
    if article.published_at is None:
        return "—"
    return labelled_time(_("Publication"), article.published_at)


COLUMNS = [
    thumbnail,
    headline,
    state,
    "section",
    byline_names,
    last_change,
    publication,
]
