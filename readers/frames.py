"""Readers' pages put together from strings, with no template run for a reader.

A page's template is rendered once per process (and year and language) with a marker wherever
a part that changes between requests goes: a story's prepared text, a list's cards, the page's
title, its canonical address, the section bar with the reader's place marked. A request joins
the frame's text with its own parts, escaping any that is not already HTML. Rendering the template
for every reader cost more than half of a list page's time in the worker. With ``DEBUG`` the
frame follows template edits at once.
"""

import functools
import re
from itertools import chain

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from articles import languages
from readers.context_processors import alternates, canonical_url, section_navigation, site_context

MARKER = re.compile(r"\x00(\w+)\x00")


def joined(parts, template: str = "{}", separator: str = "\n") -> SafeString:
    """Each of ``parts`` in ``template``, escaped unless it is HTML already, one after another.

    ``format_html_join`` for a page's many cards, at a fifth of its cost per card.
    """
    return mark_safe(separator.join(template.format(conditional_escape(part)) for part in parts))  # noqa: S308


class Frame:
    """``template_name`` rendered once with a marker for each of ``slots``.

    A slot may appear several times (a list's title is in ``<title>`` and in the heading);
    every slot must appear at least once. ``flags`` are values the frame itself may depend on
    (a preview's banner): each combination is rendered once.
    """

    def __init__(self, template_name: str, slots: tuple[str, ...]):
        self.template_name = template_name
        self.slots = slots
        self._kept = functools.lru_cache(maxsize=16)(self.render)

    def render(self, year: int, language: str, **flags) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The frame's texts in ``language`` and, between each two, the slot that goes there."""
        markers = {slot: mark_safe(f"\x00{slot}\x00") for slot in self.slots}  # noqa: S308
        with translation.override(language):
            context = {**site_context(year), **flags, **markers}
            text = render_to_string(self.template_name, context)
        pieces = MARKER.split(text)
        texts, slots = tuple(pieces[::2]), tuple(pieces[1::2])
        missing = set(self.slots) - set(slots)
        if missing:
            raise ValueError(f"{self.template_name} must show {', '.join(sorted(missing))}.")
        return texts, slots

    def response(
        self,
        request: HttpRequest,
        parts: dict,
        *,
        current_section: tuple[int, str] | None = None,
        shown_in=languages.CODES,
        **flags,
    ) -> HttpResponse:
        """The page with ``parts`` in their places, and what every page carries: the section
        bar with the reader's place marked (``current_section``, as ``section_navigation``
        takes it) and, where the frame shows them, the canonical address and the links to
        the page in the languages it is ``shown_in``."""
        parts = {"navigation": section_navigation(request, current_section), **parts}
        if "canonical_url" in self.slots:
            parts["canonical_url"] = canonical_url(request)
        if "alternates" in self.slots:
            parts["alternates"] = alternates(request, shown_in)
        year, language = timezone.localdate().year, translation.get_language()
        render = self.render if settings.DEBUG else self._kept
        texts, slots = render(year, language, **flags)
        filled = [*(conditional_escape(parts[slot]) for slot in slots), ""]
        return HttpResponse("".join(chain.from_iterable(zip(texts, filled, strict=True))))
