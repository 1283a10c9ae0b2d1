"""The rows that go with the story form: its byline and its corrections.

A byline names an author from the list, or, typed in place, someone the desk does not know
yet (a freelance, a guest): the author is added when the story is saved, with their name
alone, so a journalist never leaves the story to do it.
"""

import json

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Author, Byline, Correction

NAME_LENGTH = Author._meta.get_field("name").max_length


def is_new_name(value) -> bool:
    """The select posts an author's id, or the name typed for a new one."""
    return bool(str(value or "").strip()) and not str(value).strip().isdigit()


class AuthorOrNewName(forms.ModelChoiceField):
    """An author from the list, or a name typed for a new one (an existing author of that
    name, whatever its case, rather than a second one)."""

    def to_python(self, value):
        if not is_new_name(value):
            return super().to_python(str(value or "").strip())
        name = " ".join(str(value).split())[:NAME_LENGTH]
        return Author.objects.filter(name__iexact=name).first() or Author(name=name)


class AuthorSelect(AutocompleteSelect):
    """The admin's author search, which also offers what was typed as a new author's name
    (select2's tags) to those who may add authors, and shows such a name again when the form
    comes back with an error."""

    def __init__(self, *args, new_names: bool = True, **kwargs):
        super().__init__(*args, attrs={"data-tags": "true"} if new_names else None, **kwargs)

    def optgroups(self, name, value, attr=None):
        new_names = [v for v in value if is_new_name(v)]
        # Only ids go to the lookup: anything else posted would make it fail.
        ids = [v for v in value if str(v).strip().isdigit()]
        groups = super().optgroups(name, ids, attr)
        options = groups[0][1]
        for typed in new_names:
            options.append(self.create_option(name, typed, typed, True, len(options)))
        return groups


class BylineForm(forms.ModelForm):
    def _get_validation_exclusions(self):
        # A new author has no id until the story is saved (BylineFormSet._add_new_author):
        # the byline's own check of its author would call the row empty.
        exclude = super()._get_validation_exclusions()
        author = self.cleaned_data.get("author")
        if author is not None and author.pk is None:
            exclude.add("author")
        return exclude


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

    def save_new(self, form, commit=True):
        self._add_new_author(form)
        return super().save_new(form, commit)

    def save_existing(self, form, obj, commit=True):
        self._add_new_author(form)
        return super().save_existing(form, obj, commit)

    @staticmethod
    def _add_new_author(form) -> None:
        author = form.cleaned_data.get("author")
        if author is not None and author.pk is None:
            author.save()
            form.instance.author = author

    def clean(self):
        super().clean()
        self._refuse_an_author_twice()
        existing = [form.instance.position for form in self.initial_forms]
        following = max(existing, default=-1) + 1
        for form in self.extra_forms:
            if form.has_changed() and not self._should_delete_form(form):
                form.instance.position = following
                following += 1

    def _refuse_an_author_twice(self) -> None:
        """Typed names included, which the byline's own uniqueness check cannot see."""
        seen = set()
        for form in self.forms:
            author = getattr(form, "cleaned_data", {}).get("author")
            if author is None or self._should_delete_form(form):
                continue
            key = author.pk or author.name.casefold()
            if key in seen:
                raise forms.ValidationError(
                    gettext("“%(name)s” is in the byline twice.") % {"name": author.name}
                )
            seen.add(key)


class BylineRows(helpers.InlineAdminFormSet):
    """The byline's rows as the form shows them; its button says what it adds."""

    def inline_formset_data(self) -> str:
        data = json.loads(super().inline_formset_data())
        data["options"]["addText"] = gettext("Add another byline")
        return json.dumps(data)


class BylineInline(admin.TabularInline):
    model = Byline
    form = BylineForm
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            may_add = request.user.has_perm("articles.add_author")
            kwargs["widget"] = AuthorSelect(db_field, self.admin_site, new_names=may_add)
            if may_add:
                kwargs["form_class"] = AuthorOrNewName
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "author":
            field.error_messages["required"] = _("Choose an author, or type a new one's name.")
        return field


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "published_at"]
