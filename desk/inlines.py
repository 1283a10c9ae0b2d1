"""The rows that go with the story form: its byline and its corrections."""

import json

from django.contrib import admin
from django.contrib.admin import helpers
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Byline, Correction


class BylineFormSet(BaseInlineFormSet):
    """Bylines in the order they are listed; a story needs one, said in a journalist's words.

    The first, empty row may stay empty (it is not a row of its own errors): the formset
    says once that the story has no byline. New rows are printed after the existing ones.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "too_few_forms": _("Add at least one author to the byline: who wrote this story?"),
        }

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.empty_permitted = i >= self.initial_form_count()
        return form

    def clean(self):
        super().clean()
        existing = [form.instance.position for form in self.initial_forms]
        following = max(existing, default=-1) + 1
        for form in self.extra_forms:
            if form.has_changed() and not self._should_delete_form(form):
                form.instance.position = following
                following += 1


class BylineRows(helpers.InlineAdminFormSet):
    """The byline's rows as the form shows them; its button says what it adds."""

    def inline_formset_data(self) -> str:
        data = json.loads(super().inline_formset_data())
        data["options"]["addText"] = gettext("Add another author")
        return json.dumps(data)


class BylineInline(admin.TabularInline):
    model = Byline
    formset = BylineFormSet
    extra = 0
    min_num = 1
    autocomplete_fields = ["author"]
    fields = ["author"]
    verbose_name = _("author")
    verbose_name_plural = _("Byline")

    def get_formset(self, request, obj=None, **kwargs):
        # min_num only shows an empty row; validate_min makes a story without a byline an error.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "published_at"]
