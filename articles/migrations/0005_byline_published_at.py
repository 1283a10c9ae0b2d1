from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_publication_times(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Byline = apps.get_model("articles", "Byline")
    story = Article.objects.filter(pk=OuterRef("article_id")).values("published_at")[:1]
    Byline.objects.update(published_at=Subquery(story))


class Migration(migrations.Migration):
    """Author pages read an author's newest stories from one index on their bylines."""

    dependencies = [
        ("articles", "0004_article_published_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="byline",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunPython(copy_publication_times, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="byline",
            index=models.Index(
                fields=["author", "-published_at"], name="byline_author_published_idx"
            ),
        ),
    ]
