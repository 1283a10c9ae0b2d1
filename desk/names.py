"""A section's or author's name in each of the site's other languages, one box each.

Stored as ``{"fa-af": "…", "ps": "…"}`` in the model's ``names`` (articles/languages.py
reads it); edited here as a box per language, labelled with the language's own name and
written in its direction, rather than as JSON typed by hand.
"""

from django import forms
from django.utils.text import capfirst

from articles import languages

CODES = [code for code, _name in languages.OTHER_LANGUAGES]


class NamesWidget(forms.MultiWidget):
    template_name = "desk/widgets/names.html"

    def __init__(self, attrs=None):
        boxes = {
            code: forms.TextInput(
                attrs={
                    "lang": languages.tag(code),
                    "dir": languages.direction(code),
                    "class": "vTextField",
                }
            )
            for code in CODES
        }
        super().__init__(boxes, attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for box, code in zip(context["widget"]["subwidgets"], CODES, strict=True):
            box["language_name"] = languages.local_name(code)
        return context

    def decompress(self, value) -> list[str]:
        value = value if isinstance(value, dict) else {}
        return [value.get(code, "") for code in CODES]


class NamesField(forms.MultiValueField):
    """Empty boxes are left out: a name missing in a language falls back to the first's.

    The model field's own form field is replaced through ``NamesInLanguagesAdmin``.
    """

    widget = NamesWidget

    def __init__(self, *, max_length: int, **kwargs):
        boxes = [forms.CharField(required=False, max_length=max_length) for _code in CODES]
        super().__init__(boxes, require_all_fields=False, required=False, **kwargs)

    def compress(self, values) -> dict[str, str]:
        names = zip(CODES, values or [""] * len(CODES), strict=True)
        return {code: name.strip() for code, name in names if name.strip()}


class NamesInLanguagesAdmin:
    """For the admin of a model with ``name`` and ``names``: a box per other language."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name != "names":
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        return NamesField(
            max_length=db_field.model._meta.get_field("name").max_length,
            label=capfirst(db_field.verbose_name),
            help_text=db_field.help_text,
        )
