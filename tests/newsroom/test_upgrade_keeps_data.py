"""A database from before consent and authors moved rooms upgrades with ``migrate`` alone."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.models import Article, ArticleRevision, Author
from consent.models import ConsentRecord, ThirdPartyScript

# The newest migrations before consent had its own app and authors lived in accounts.
BEFORE_THE_MOVE = [
    ("newsroom", "0002_consent_records"),
    ("accounts", "0001_initial"),
    ("articles", "0006_taggedarticle_published_at"),
    ("consent", None),
]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


def newest_migrations() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def fill_the_old_database(apps) -> dict:
    """Rows as the old code wrote them: a story with a byline and a revision, consent proof."""
    User = apps.get_model("accounts", "User")
    Author = apps.get_model("accounts", "Author")
    Section = apps.get_model("articles", "Section")
    Article = apps.get_model("articles", "Article")
    Byline = apps.get_model("articles", "Byline")
    ArticleRevision = apps.get_model("articles", "ArticleRevision")
    ConsentRecord = apps.get_model("newsroom", "ConsentRecord")
    ThirdPartyScript = apps.get_model("newsroom", "ThirdPartyScript")

    user = User.objects.create(email="old.hand@newsroom.test", full_name="Old Hand")
    author = Author.objects.create(name="Layla Ahmadi", slug="layla-ahmadi", user=user)
    section = Section.objects.create(name="National", slug="national")
    article = Article.objects.create(
        headline="Wells dug before the move",
        slug="wells-dug-before-the-move",
        section=section,
        body="<p>Still here.</p>",
        status="published",
        published_at=timezone.now(),
    )
    Byline.objects.create(article=article, author=author, position=0)
    ArticleRevision.objects.create(
        article=article, number=1, snapshot={"headline": article.headline}, note="Created"
    )
    for number in range(3):
        ConsentRecord.objects.create(
            consent_id=f"reader-{number}",
            policy_revision="1",
            granted=["analytics"],
            refused=[],
            method="banner",
            banner_text_hash="0" * 64,
        )
    ThirdPartyScript.objects.create(
        name="Audience counter", category="analytics", src="https://count.example/a.js"
    )
    return {"article": article.pk, "author": author.pk, "user": user.pk}


@pytest.mark.usefixtures("migrated_data")
def test_migrate_moves_consent_records_authors_and_stories_without_losing_any():
    leaves = newest_migrations()
    old = migrate(BEFORE_THE_MOVE)
    try:
        applied = [node for node in BEFORE_THE_MOVE if node[1]]
        ids = fill_the_old_database(old.loader.project_state(applied).apps)
        migrate(leaves)

        assert ConsentRecord.objects.count() == 3
        assert set(ConsentRecord.objects.values_list("consent_id", flat=True)) == {
            "reader-0",
            "reader-1",
            "reader-2",
        }
        assert ThirdPartyScript.objects.get().src == "https://count.example/a.js"
        # New records keep numbering after the old ones.
        newer = ConsentRecord.objects.create(
            consent_id="reader-3", policy_revision="1", method="banner", banner_text_hash="1"
        )
        assert newer.pk > max(
            ConsentRecord.objects.exclude(pk=newer.pk).values_list("pk", flat=True)
        )

        article = Article.objects.get(pk=ids["article"])
        assert article.headline == "Wells dug before the move"
        assert [author.pk for author in article.authors] == [ids["author"]]
        assert Author.objects.get(pk=ids["author"]).user_id == ids["user"]
        assert ArticleRevision.objects.get(article=article).snapshot == {
            "headline": "Wells dug before the move"
        }
    finally:
        migrate(leaves)


@pytest.mark.usefixtures("migrated_data")
def test_the_move_can_be_undone_and_done_again_and_roles_keep_their_permissions():
    leaves = newest_migrations()
    try:
        migrate(BEFORE_THE_MOVE)
        migrate(leaves)
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        assert {"consent_consentrecord", "articles_author"} <= set(tables)
        assert not {"newsroom_consentrecord", "accounts_author"} & set(tables)
        # Permissions follow their models, so the roles keep what they were given.
        journalist = Group.objects.get(name="Journalist")
        assert journalist.permissions.filter(
            content_type__app_label="articles", codename="add_author"
        ).exists()
        assert Permission.objects.filter(
            content_type__app_label="consent", codename="view_consentrecord"
        ).exists()
    finally:
        migrate(leaves)
