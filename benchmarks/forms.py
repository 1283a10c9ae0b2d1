"""Fill in an HTML form as a browser would submit it, from the page that shows it."""

from html.parser import HTMLParser

SKIPPED_INPUT_TYPES = {"submit", "button", "image", "file", "reset"}


class FormFields(HTMLParser):
    """The fields a browser would submit from the form with id ``form_id``, unchanged."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._textarea_text: list[str] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._select_multiple = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form" and attributes.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form or "disabled" in attributes:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text").lower()
            if kind in SKIPPED_INPUT_TYPES or (
                kind in {"checkbox", "radio"} and "checked" not in attributes
            ):
                return
            self.fields.append((name, attributes.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea, self._textarea_text = name, []
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
            self._select_multiple = "multiple" in attributes
        elif tag == "option" and self._select:
            value = attributes.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attributes:
                self.fields.append((self._select, value))
                self._select_chosen = True

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._textarea_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self._textarea:
            # Browsers drop a newline right after <textarea>; the parser keeps it.
            self.fields.append((self._textarea, "".join(self._textarea_text).removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select:
            # A single choice list with nothing marked submits its first option.
            if not (self._select_chosen or self._select_multiple or self._select_first is None):
                self.fields.append((self._select, self._select_first))
            self._select = None


def form_fields(html: str, form_id: str) -> dict[str, list[str]]:
    """Field name to submitted values, for a form found by its id."""
    parser = FormFields(form_id)
    parser.feed(html)
    submitted: dict[str, list[str]] = {}
    for name, value in parser.fields:
        submitted.setdefault(name, []).append(value)
    return submitted
