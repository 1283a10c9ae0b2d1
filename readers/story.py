"""What the story page shows besides the fields themselves: dateline, share links, JSON-LD."""

import json
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from articles import languages
from articles.images import jpeg_rendition_url
from articles.models import Article

# JSON inside <script> must not be able to close the element or open a comment.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def with_dateline(body: str, dateline: str) -> SafeString:
    """The sanitised body with "DATELINE:" at the start of its first paragraph.

    ``body`` is already reduced to the allow-list on save; the dateline is escaped here.
    """
    dateline = dateline.strip().rstrip(":").strip()
    if not dateline:
        return mark_safe(body)  # noqa: S308 - sanitised on save (articles/sanitize.py)
    marker = format_html('<span class="dateline">{}:</span> ', dateline)
    position = body.find("<p>")
    if position == -1:
        return format_html("<p>{}</p>{}", marker, mark_safe(body))  # noqa: S308
    opening_end = position + len("<p>")
    return mark_safe(body[:opening_end] + marker + body[opening_end:])  # noqa: S308


def share_links(url: str, headline: str) -> list[dict[str, str]]:
    """Plain links to the big networks' share pages and to e-mail; no scripts involved."""
    return [
        {
            "name": "Facebook",
            "url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        },
        {
            "name": "X",
            "url": "https://x.com/intent/post?" + urlencode({"url": url, "text": headline}),
        },
        {
            "name": "LinkedIn",
            "url": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        },
        {
            "name": "WhatsApp",
            "url": "https://wa.me/?" + urlencode({"text": f"{headline} {url}"}),
        },
        {
            "name": gettext("E-mail"),
            "url": "mailto:?" + urlencode({"subject": headline, "body": url}),
        },
    ]


def news_article_json_ld(
    article: Article, canonical_url: str, absolute: Callable[[str], str]
) -> SafeString:
    """Structured data for search engines: schema.org NewsArticle, with its corrections.

    ``absolute(path)`` makes the full addresses of the authors, the logo and the picture.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst,
        "mainEntityOfPage": canonical_url,
        "url": canonical_url,
        "articleSection": article.section.name_in(article.language),
        "inLanguage": languages.tag(article.language),
        "wordCount": article.word_count,
        "author": [
            {
                "@type": "Person",
                "name": author.name_in(article.language),
                "url": absolute(author.get_absolute_url()),
            }
            for author in article.authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": gettext(settings.SITE_NAME),
            "logo": {
                "@type": "ImageObject",
                "url": absolute(static("img/logo.png")),
                "width": 512,
                "height": 512,
            },
        },
    }
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
    data["dateModified"] = (article.updated_at or article.published_at).isoformat()
    image_url = jpeg_rendition_url(article.image_renditions, widest=True)
    if image_url:
        data["image"] = [absolute(image_url) if image_url.startswith("/") else image_url]
    corrections = list(article.corrections.all())
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": correction.published_at.isoformat(),
            }
            for correction in corrections
        ]
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
