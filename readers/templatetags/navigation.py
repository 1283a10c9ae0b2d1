"""The section navigation of every readers' page."""

from django import template
from django.utils.safestring import SafeString

from readers.context_processors import section_navigation as navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def section_navigation(context) -> SafeString:
    """The bar of sections, with the page's own link or section marked (``current_section``).

    A page rendered once for many addresses (``readers/story_page.py``) brings its own.
    """
    if "navigation" in context:
        return context["navigation"]
    return navigation(context["request"], context.get("current_section"))
