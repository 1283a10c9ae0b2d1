"""What a browser posts when someone saves the article form in the editing desk."""

from articles.models import Article, Section

ADD_URL = "/admin/articles/article/add/"


def change_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def article_form_data(*, section: Section, authors=(), article: Article | None = None, **fields):
    """The add (or, with ``article``, change) form as filled in, inline management forms included.

    ``authors`` become bylines in the given order; keyword arguments override any field.
    """
    data = {
        "headline": "Floods cut the road between Kunduz and Baghlan",
        "slug": "",
        "standfirst": "Heavy rain washed away a bridge; traffic is diverted.",
        "dateline": "KUNDUZ",
        "section": section.pk,
        "body": "<p>Heavy rain washed away a bridge on Tuesday, officials said.</p>",
        "tags": "Floods, Roads",
        "image_alt": "",
        "image_caption": "",
        "image_credit": "",
        "corrections-TOTAL_FORMS": 0,
        "corrections-INITIAL_FORMS": 0,
        "corrections-MIN_NUM_FORMS": 0,
        "corrections-MAX_NUM_FORMS": 1000,
        "_save": "Save",
    }
    existing = list(article.byline_set.all()) if article else []
    data.update(
        {
            "byline_set-TOTAL_FORMS": max(len(authors), len(existing)),
            "byline_set-INITIAL_FORMS": len(existing),
            "byline_set-MIN_NUM_FORMS": 1,
            "byline_set-MAX_NUM_FORMS": 1000,
        }
    )
    for index, byline in enumerate(existing):
        data[f"byline_set-{index}-id"] = byline.pk
        data[f"byline_set-{index}-article"] = article.pk
        data[f"byline_set-{index}-author"] = byline.author_id
        data[f"byline_set-{index}-position"] = byline.position
    if article:
        data["loaded_version"] = article.version
    for index, author in enumerate(authors):
        data[f"byline_set-{index}-author"] = author.pk
        data[f"byline_set-{index}-position"] = index
    data.update(fields)
    return data


def form_errors(response) -> dict:
    """The article form's field errors as plain text, from the re-rendered page."""
    form = response.context["adminform"].form
    return {field: " ".join(errors) for field, errors in form.errors.items()}
