from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_publication_times(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    story = Article.objects.filter(pk=OuterRef("content_object_id")).values("published_at")[:1]
    TaggedArticle.objects.update(published_at=Subquery(story))


class Migration(migrations.Migration):
    """Related posts read each tag's newest stories from one index on the tagged rows."""

    dependencies = [
        ("articles", "0005_byline_published_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="taggedarticle",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunPython(copy_publication_times, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="taggedarticle",
            index=models.Index(fields=["tag", "-published_at"], name="tagged_tag_published_idx"),
        ),
    ]
