"""Translations: the same news told in another language, as a story of its own.

A translation starts as a draft owned by whoever asks for it, linked to the original, with the
original's section, bylines and tags and its text to translate over; from then on it is reviewed
and published on its own, like any story.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext

from articles import languages, revisions
from articles.models import Article
from articles.slugs import unique_slug
from articles.workflow.rules import WorkflowError, can_view, in_newsroom


def translation_in(article: Article, language: str) -> Article | None:
    """The version of ``article``'s news in ``language`` that is not in the trash, if any."""
    return article.versions().not_in_trash().filter(language=language).first()


def languages_to_translate_into(article: Article) -> list[tuple[str, str]]:
    """The languages ``article``'s news has no version in yet, as (code, name in itself)."""
    taken = set(article.versions().not_in_trash().values_list("language", flat=True))
    return [
        (code, languages.local_name(code))
        for code, _name in languages.choices_other_than(article.language)
        if code not in taken
    ]


def translate(article: Article, language: str, *, by: AbstractBaseUser) -> Article:
    """A new draft telling ``article``'s news in ``language``, owned by ``by``."""
    if not (in_newsroom(by) and by.has_perm("articles.add_article") and can_view(by, article)):
        raise WorkflowError(gettext("You may not translate this story."))
    if language not in dict(languages.choices_other_than(article.language)):
        raise WorkflowError(gettext("Choose another language than the story's own."))
    existing = translation_in(article, language)
    if existing is not None:
        raise WorkflowError(
            gettext("This story already has a version in %(language)s: “%(headline)s”.")
            % {"language": languages.local_name(language), "headline": existing.headline}
        )
    with transaction.atomic():
        draft = Article.objects.create(
            language=language,
            original_id=article.translation_group,
            headline=article.headline,
            slug=unique_slug(Article, f"{article.slug}-{language}", max_length=200),
            standfirst=article.standfirst,
            dateline=article.dateline,
            body=article.body,
            section=article.section,
            created_by=by,
        )
        for byline in article.byline_set.all():
            draft.byline_set.create(author_id=byline.author_id, position=byline.position)
        draft.tags.set(list(article.tags.all()))
        revisions.record(draft, by=by, note=f"Translation of “{article.headline}” started by {by}")
    return draft
