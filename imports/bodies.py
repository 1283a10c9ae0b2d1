"""A WordPress post's body made into a story's: paragraphs, figures, and its dateline.

WordPress stores a body as the editor left it: Gutenberg's markup with its block comments,
or the classic editor's text whose blank lines become paragraphs only when a page is shown
(``wpautop``), with shortcodes such as ``[caption]`` and ``[gallery]`` expanded at the same
moment. Here that is done once: block comments go, blank lines become paragraphs, captions
become figures, and the result goes through the desk's own sanitiser. A gallery needs its
pictures, which are stored later (``imports/pictures.py``): it is kept as its shortcode
until then. Any other shortcode stays in the text as it was, and is counted in the report.
"""

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from articles.sanitize import sanitize_html

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
CAPTION = re.compile(r"\[caption(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/caption\]", re.DOTALL)
GALLERY = re.compile(r"\[gallery(?P<attrs>(?:\s[^\]]*)?)\]")
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
# A shortcode: [name attributes], [name/], or [name]…[/name]. Bracketed words in prose
# ("[sic]") have none of these and are left alone.
SHORTCODE = re.compile(r"\[(?P<name>[a-zA-Z][\w-]*)(?P<rest>\s[^\]]*|\s*/)?\]")
BLOCK_START = re.compile(
    r"^\s*<(p|h[1-6]|ul|ol|li|blockquote|figure|div|table|pre|hr|section|dl)\b", re.IGNORECASE
)
EMPTY_PARAGRAPH = re.compile(r"<p>\s*(?:<br>\s*)*</p>\n?")
FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(?P<text>.*?)</p>", re.DOTALL)
# "KABUL:" or "KABUL —" in capitals, or a Dari or Pashto place name of one to three words
# followed by a colon ("کابل:"), at the very start of the first paragraph, perhaps in bold.
DATELINE = re.compile(
    r"^\s*(?:<(?:strong|b)>\s*)?"
    r"(?P<place>[A-Z][A-Z.'\-]*(?:[ \-][A-Z][A-Z.'\-]*){0,3}"
    r"|[\u0600-\u06ff][\u0600-\u06ff\u200c]*(?: [\u0600-\u06ff][\u0600-\u06ff\u200c]*){0,2})"
    r"\s*(?:</(?:strong|b)>)?\s*(?P<mark>:|—|–|-(?=\s))\s*(?:</(?:strong|b)>\s*)?",
)


@dataclass
class Body:
    """A converted body and what the conversion found in it."""

    html: str
    dateline: str = ""
    unknown_shortcodes: Counter = field(default_factory=Counter)
    has_pictures: bool = False


def attributes(text: str) -> dict[str, str]:
    """The attributes of a shortcode or tag: ``id="attachment_12" width=300``."""
    return {
        match[1].lower(): html.unescape(match[2] or match[3] or match[4] or "")
        for match in ATTRIBUTE.finditer(text)
    }


def _figure(match: re.Match) -> str:
    attrs = attributes(match["attrs"])
    inner = match["inner"].strip()
    images = IMAGE.findall(inner)
    # The caption is the text around the picture (or, in old exports, an attribute).
    caption = attrs.get("caption") or IMAGE.sub("", re.sub(r"</?a\b[^>]*>", "", inner)).strip()
    picture = images[0] if images else ""
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{picture}{figcaption}</figure>"


def paragraphs(text: str) -> str:
    """Blank lines make paragraphs and single line ends make breaks, as WordPress shows
    them; chunks that already start with a block (Gutenberg's markup) stay as they are."""
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    made = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if BLOCK_START.match(chunk):
            made.append(chunk)
        else:
            made.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(made)


def take_dateline(body: str) -> tuple[str, str]:
    """(dateline, body without it), when the first paragraph starts with one."""
    first = FIRST_PARAGRAPH.search(body)
    if first is None:
        return "", body
    found = DATELINE.match(first["text"])
    if found is None or not first["text"][found.end() :].strip():
        return "", body
    place = found["place"].strip()
    if found["mark"] != ":" and not place.isupper():
        # Without capitals only the colon marks a dateline; a dash is just punctuation.
        return "", body
    start = first.start("text")
    return place[:60], body[:start] + first["text"][found.end() :] + body[first.end("text") :]


def convert(content: str) -> Body:
    """The story body for a post's ``content:encoded``."""
    text = BLOCK_COMMENT.sub("", content or "")
    text = CAPTION.sub(_figure, text)
    unknown: Counter = Counter()
    for match in SHORTCODE.finditer(text):
        name = match["name"].lower()
        closes = f"[/{match['name']}]" in text
        if name not in ("caption", "gallery") and (match["rest"] is not None or closes):
            unknown[name] += 1
    has_gallery = GALLERY.search(text) is not None
    # A gallery stands as a paragraph of its own until its pictures are there.
    text = GALLERY.sub(lambda match: f"\n\n{match[0]}\n\n", text)
    # A figure cannot sit in a paragraph: the sanitiser closes the paragraph around it.
    body = EMPTY_PARAGRAPH.sub("", sanitize_html(paragraphs(text)))
    dateline, body = take_dateline(body)
    return Body(
        html=body,
        dateline=dateline,
        unknown_shortcodes=unknown,
        has_pictures=has_gallery or "<img" in body,
    )
