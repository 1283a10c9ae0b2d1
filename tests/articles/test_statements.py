"""A query compiled once answers every later run with that run's values, as its queryset would."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.statements import A_TIME, Statement
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def published_headlines() -> Statement:
    return Statement(
        lambda section, now: (
            Article.objects.published(at=now)
            .filter(section__slug=section)
            .values_list("headline", "published_at", "tags__name")
            .order_by("headline")
        ),
        section="a-section-standing-in",
        now=A_TIME,
    )


def test_each_run_takes_its_own_values_and_converts_the_rows_like_the_queryset():
    now = timezone.now()
    out = ArticleFactory(published=True, headline="Out now", tags=["water"])
    due = ArticleFactory(published=True, headline="Due in an hour", section=out.section)
    due.published_at = now + timedelta(hours=1)
    due.save()
    statement = published_headlines()
    slug = out.section.slug

    assert statement.rows(section=slug, now=now) == [("Out now", out.published_at, "water")]
    later = now + timedelta(hours=2)
    expected = list(
        Article.objects.published(at=later)
        .filter(section__slug=slug)
        .values_list("headline", "published_at", "tags__name")
        .order_by("headline")
    )
    assert statement.rows(section=slug, now=later) == expected
    assert [headline for headline, *_ in expected] == ["Due in an hour", "Out now"]
    assert statement.rows(section="no-such-section", now=later) == []


def test_a_run_after_the_first_is_one_query_with_no_compiling(monkeypatch):
    story = ArticleFactory(published=True)
    statement = published_headlines()
    statement.rows(section="any", now=timezone.now())
    monkeypatch.setattr(statement, "compile", None)  # called again, it would fail
    with CaptureQueriesContext(connection) as queries:
        rows = statement.rows(section=story.section.slug, now=timezone.now())
    assert len(queries) == 1
    assert rows == [(story.headline, story.published_at, None)]


def test_a_stand_in_the_query_does_not_carry_is_refused():
    statement = Statement(
        lambda slug: Article.objects.filter(slug="fixed").values_list("pk"), slug="a"
    )
    with pytest.raises(ValueError, match="'slug'"):
        statement.rows(slug="anything")
