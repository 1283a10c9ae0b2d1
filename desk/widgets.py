"""Form widgets for the editing desk."""

from django.urls import reverse_lazy
from django.utils.html import format_html
from taggit.forms import TagWidget

ARABIC_COMMA = "\u060c"


class TagAutocompleteWidget(TagWidget):
    """Comma-separated tags with suggestions for the tag being typed, from existing tags.

    The suggestions are a ``<datalist>`` that static/desk/tag-autocomplete.js fills from
    ``admin:articles_article_tag_suggestions``; the script is a file, so the page works under a
    CSP that forbids inline scripts, and without it the field is still a plain text box.
    """

    suggestions_url = reverse_lazy("admin:articles_article_tag_suggestions")

    class Media:
        js = ["desk/tag-autocomplete.js"]

    def __init__(self, attrs=None):
        # vTextField: the admin's full-width text box, room for a story's several tags.
        super().__init__({"class": "vTextField", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id') or name}-suggestions"
        context["widget"]["attrs"].update(
            {
                "list": list_id,
                "autocomplete": "off",
                "data-tag-suggestions": str(self.suggestions_url),
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        """Dari and Pashto keyboards type the Arabic comma: it separates tags too."""
        value = super().value_from_datadict(data, files, name)
        return value.replace(ARABIC_COMMA, ",") if value else value

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        text_box = self._render(self.template_name, context, renderer)
        return format_html(
            '{}<datalist id="{}"></datalist>', text_box, context["widget"]["attrs"]["list"]
        )
