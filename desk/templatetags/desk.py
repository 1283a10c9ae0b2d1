"""Template tags of the editing desk (the admin)."""

from django import template
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.db.models import Max, Min
from django.utils import timezone

from desk import dashboard

register = template.Library()


@register.inclusion_tag("admin/desk_front_page.html", takes_context=True)
def desk_front_page(context) -> dict:
    """The lists at the top of the desk's front page, for the person looking at it."""
    return {**dashboard.for_person(context["request"].user), "perms": context["perms"]}


@register.inclusion_tag("admin/date_hierarchy.html")
def desk_date_hierarchy(changelist) -> dict:
    """Django's date bar, except that its first level offers every year from the first
    publication to the last.

    Django lists the years that hold a story with a ``DISTINCT`` over every row: 45 to 66 ms
    on 100,000 stories, on every view of the list. The first and last publication times
    come from the index in under a millisecond. A year without a story (rare in an agency's
    archive) opens an empty list. Once a year is chosen, Django's own levels take over.
    Unlike Django's, the bar does not open a single year's months by itself.
    """
    field = changelist.date_hierarchy
    if any(name.startswith(f"{field}__") for name in changelist.params):
        return date_hierarchy(changelist)
    span = changelist.queryset.aggregate(first=Min(field), last=Max(field))
    if span["first"] is None:
        return {"show": False}
    first, last = (timezone.localtime(span[end]) for end in ("first", "last"))
    return {
        "show": True,
        "back": None,
        "choices": [
            {
                "link": changelist.get_query_string({f"{field}__year": str(year)}, [f"{field}__"]),
                "title": str(year),
            }
            for year in range(first.year, last.year + 1)
        ],
        "field_name": changelist.model._meta.get_field(field).verbose_name,
    }
