"""The editing desk's forms: the story form, with the version it was loaded at and the
workflow step asked for, and a step posted on its own."""

import json

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from articles import languages, revisions, workflow
from articles.models import Article
from desk import pending_uploads
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
    # The editor switches the browser's spelling check off by default; journalists want it,
    # in the story's language (the field's lang attribute).
    "NoSpellCheck": False,
}


# The story's fields written in its language, which take its direction.
WRITTEN_IN_STORY_LANGUAGE = (
    "headline",
    "standfirst",
    "dateline",
    "body",
    "image_alt",
    "image_caption",
    "image_credit",
)

# What the browser's date-time field sends, and what a script may post instead.
PUBLISH_AT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
# The form field that carries each input a workflow refusal can be about.
FIELD_OF_INPUT = {"comment": "workflow_comment", "publish_at": "publish_at"}


class ArticleAdminForm(forms.ModelForm):
    """The story form; also carries the version it was loaded at and the workflow step asked for.

    ``user`` and ``transition`` are set by ``ArticleAdmin.get_form`` for each request.
    """

    body = ProseEditorFormField(
        label=capfirst(Article._meta.get_field("body").verbose_name),
        required=False,
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        help_text=Article._meta.get_field("body").help_text,
    )
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A picture chosen when the form last failed to save, kept for it (desk/pending_uploads.py).
    pending_image = forms.CharField(widget=forms.HiddenInput, required=False)
    workflow_comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Required to send back (what to change) or to unpublish (why)."),
    )
    publish_at = forms.DateTimeField(
        label=_("Go live at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=PUBLISH_AT_FORMATS,
        help_text=_("For “Schedule”: the story goes live by itself at this time."),
    )

    user = None
    transition = ""
    conflict = None

    class Meta:
        model = Article
        fields = [
            "language",
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
        widgets = {
            "tags": TagAutocompleteWidget,
            # Two lines, so a long headline is seen whole while it is written.
            "headline": forms.Textarea(attrs={"rows": 2}),
            "standfirst": forms.Textarea(attrs={"rows": 3}),
        }
        # What to do, in a journalist's words, rather than "This field is required."
        error_messages = {
            "headline": {"required": _("Write a headline: it is what readers see first.")},
            "section": {"required": _("Choose the section the story belongs in.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._write_in(
            self.data.get("language") or self.initial.get("language") or self.instance.language
        )
        if self.instance._state.adding:
            # A new story belongs to whoever writes it, so the owner's rules apply at once.
            self.instance.created_by = self.user
        else:
            self.fields["loaded_version"].initial = self.instance.version
            self.fields["loaded_version"].required = True

    def _write_in(self, language: str) -> None:
        """Every text field of the story takes its language and direction: Pashto typed into
        the headline or the body runs right to left from the first letter. The desk's script
        (desk/static/desk/story-language.js) follows a change of language at once."""
        if language not in languages.CODES:
            language = settings.LANGUAGE_CODE
        for name in WRITTEN_IN_STORY_LANGUAGE:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    lang=languages.tag(language), dir=languages.direction(language)
                )
        if "language" in self.fields:
            directions = {code: languages.direction(code) for code in languages.CODES}
            self.fields["language"].widget.attrs["data-directions"] = json.dumps(directions)

    def clean_headline(self) -> str:
        """A headline is one line, whatever was pasted into its box."""
        return " ".join(self.cleaned_data["headline"].split())

    def clean(self):
        cleaned = super().clean()
        self._take_pending_image(cleaned)
        if not self.instance._state.adding:
            self._refuse_stale_version(cleaned.get("loaded_version"))
        if self.transition:
            self._check_transition(cleaned)
        return cleaned

    def _take_pending_image(self, cleaned: dict) -> None:
        """The picture kept from the last try, unless another was chosen or it was cleared."""
        if self.files.get("image") or cleaned.get("image") is False:
            return
        kept = pending_uploads.file_for(cleaned.get("pending_image", ""), self.user)
        if kept is not None:
            cleaned["image"] = kept

    def keep_chosen_image(self) -> None:
        """After a failed save: keep a valid new picture, so the form shows it again and the
        next save stores it (a browser never fills a file input back in)."""
        chosen = self.files.get("image")
        if chosen is None or "image" in self.errors:
            return
        self.data = self.data.copy()
        self.data["pending_image"] = pending_uploads.keep(chosen, self.user)

    @property
    def kept_image_token(self) -> str:
        return self.data.get("pending_image", "") if self.is_bound else ""

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
        changed = revisions.changed_fields(opened, stored) or [gettext("status or history only")]
        last = self.instance.revisions.select_related("created_by").first()
        values = {"story": self.instance, "changed": ", ".join(map(str, changed))}
        if last and last.created_by_id and last.created_by_id == self.user.pk:
            saved = gettext(
                "Not saved: you saved “%(story)s” in another tab or window after opening it here."
            )
        elif last and last.created_by:
            values["person"] = last.created_by
            saved = gettext("Not saved: %(person)s saved “%(story)s” after you opened it.")
        else:
            saved = gettext("Not saved: “%(story)s” was saved after you opened it.")
        return " ".join(
            (
                saved % values,
                gettext("Changed since then: %(changed)s.") % values,
                gettext(
                    "Your text is still below and kept in the story's history. Compare the "
                    "two versions, then save again to replace the saved one."
                ),
            )
        )

    def _check_transition(self, cleaned: dict) -> None:
        """Refuse, before anything is saved, a step the workflow would refuse, in its words.

        A refusal about an input (a missing comment, a time in the past) is shown beside it.
        """
        try:
            workflow.check(
                self.transition,
                self.instance,
                by=self.user,
                comment=cleaned.get("workflow_comment", ""),
                publish_at=cleaned.get("publish_at"),
            )
        except workflow.WorkflowError as refusal:
            self.add_error(FIELD_OF_INPUT.get(refusal.field), str(refusal))

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


class TransitionForm(forms.Form):
    """A workflow step posted on its own, as the buttons of a read-only story page post it."""

    _transition = forms.ChoiceField(
        choices=[(name, step.label) for name, step in workflow.STEPS.items()]
    )
    workflow_comment = forms.CharField(required=False)
    publish_at = forms.DateTimeField(required=False, input_formats=PUBLISH_AT_FORMATS)
