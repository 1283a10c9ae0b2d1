"""Story cards, the unit every list of stories on the readers' site is made of."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from readers.caching import remember

register = template.Library()


@register.simple_tag(takes_context=True)
def story_card(context, story, **options) -> SafeString:
    """``includes/story_card.html`` for ``story``, with ``options`` as its variables.

    Rendering a card is most of a listing page's cost, and the same card appears on the home,
    section, tag and author pages, so readers' pages keep each rendered card until the
    content next changes (``readers.caching.remember``).
    """
    variant = ",".join(f"{name}={value}" for name, value in sorted(options.items()))

    def render() -> str:
        return render_to_string("includes/story_card.html", {"story": story, **options})

    # The template escaped everything it printed; the cache returns that same text.
    return mark_safe(remember(context.get("request"), f"card:{story.pk}:{variant}", render))  # noqa: S308
