"""Helpers for posting the article form as a browser would, used by the workflow tests."""

from django.urls import reverse

from articles.models import Article

ADD_URL = "/admin/articles/article/add/"


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def transition_url(article: Article) -> str:
    return reverse("admin:articles_article_transition", args=[article.pk])


def post_step(client, article: Article, action: str, **fields):
    """Take a workflow step as the story page's step buttons do."""
    return client.post(transition_url(article), {"_transition": action, **fields})


def inline_management(*, bylines: int, stored_bylines: int) -> dict:
    """The management fields of the byline and correction inlines, as the admin renders them."""
    return {
        "byline_set-TOTAL_FORMS": bylines,
        "byline_set-INITIAL_FORMS": stored_bylines,
        "byline_set-MIN_NUM_FORMS": 1,
        "byline_set-MAX_NUM_FORMS": 1000,
        "corrections-TOTAL_FORMS": 0,
        "corrections-INITIAL_FORMS": 0,
        "corrections-MIN_NUM_FORMS": 0,
        "corrections-MAX_NUM_FORMS": 1000,
    }


def article_form_data(article: Article, **changes) -> dict:
    """Everything the change form posts for ``article`` as loaded now, with ``changes`` applied."""
    bylines = list(article.byline_set.order_by("position"))
    data = {
        "language": article.language,
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "dateline": article.dateline,
        "section": article.section_id,
        "body": article.body,
        "tags": ", ".join(sorted(article.tags.names())),
        "image_alt": article.image_alt,
        "image_caption": article.image_caption,
        "image_credit": article.image_credit,
        "loaded_version": article.version,
        "workflow_comment": "",
        "publish_at": "",
        **inline_management(bylines=len(bylines), stored_bylines=len(bylines)),
    }
    for index, byline in enumerate(bylines):
        data.update(
            {
                f"byline_set-{index}-id": byline.pk,
                f"byline_set-{index}-article": article.pk,
                f"byline_set-{index}-author": byline.author_id,
            }
        )
    data.update(changes)
    return data


def new_article_data(*, section, authors=(), **changes) -> dict:
    """What the add form posts for a new story with these bylines."""
    data = {
        "language": "en",
        "headline": "Wheat harvest beats forecasts in the north",
        "slug": "",
        "standfirst": "Farmers report the best yield in a decade.",
        "dateline": "MAZAR-I-SHARIF",
        "section": section.pk,
        "body": "<p>The harvest came in early.</p>",
        "tags": "agriculture",
        "image_alt": "",
        "image_caption": "",
        "image_credit": "",
        "workflow_comment": "",
        "publish_at": "",
        **inline_management(bylines=len(authors), stored_bylines=0),
    }
    for index, author in enumerate(authors):
        data[f"byline_set-{index}-author"] = author.pk
    data.update(changes)
    return data


def form_errors(response) -> dict:
    """The article form's field errors as plain text, from the re-rendered page."""
    form = response.context["adminform"].form
    return {field: " ".join(errors) for field, errors in form.errors.items()}
