from django.db import migrations, models


class Migration(migrations.Migration):
    """The desk's article list sorts every story by publication time, newest first."""

    dependencies = [
        ("articles", "0003_search_vector"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["-published_at"], name="article_published_idx"),
        ),
    ]
