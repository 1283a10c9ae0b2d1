"""Authors move from ``accounts`` to the content they sign, keeping their table and rows.

Only Django's picture of the models changes here (``SeparateDatabaseAndState``): the table
stays ``accounts_author`` until 0008 renames it, once ``accounts`` has let go of the model.
The content type moves with the model, so the roles' permissions on authors and the desk's
history of changes to them stay attached.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import articles.images


def move_content_type(apps, schema_editor, *, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=target, model="author").delete()
    ContentType.objects.filter(app_label=source, model="author").update(app_label=target)


def forwards(apps, schema_editor):
    move_content_type(apps, schema_editor, source="accounts", target="articles")


def backwards(apps, schema_editor):
    move_content_type(apps, schema_editor, source="articles", target="accounts")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_taggedarticle_published_at"),
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Author",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(
                                help_text="As printed in the byline: “By: Name”.", max_length=150
                            ),
                        ),
                        (
                            "slug",
                            models.SlugField(
                                blank=True,
                                help_text="Used in the author page's address.",
                                max_length=160,
                                unique=True,
                            ),
                        ),
                        (
                            "bio",
                            models.TextField(
                                blank=True, help_text="Two or three sentences.", max_length=1000
                            ),
                        ),
                        (
                            "photo",
                            articles.images.NewsroomImageField(
                                blank=True,
                                help_text="A head-and-shoulders portrait: JPEG, PNG, WebP or AVIF.",
                                max_length=200,
                                upload_to=articles.images.image_upload_to,
                            ),
                        ),
                        (
                            "photo_renditions",
                            models.JSONField(blank=True, default=dict, editable=False),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                blank=True,
                                help_text="Leave empty for guest writers and wire agencies.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="author",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={"ordering": ["name"], "db_table": "accounts_author"},
                ),
                migrations.AlterField(
                    model_name="byline",
                    name="author",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, to="articles.author"
                    ),
                ),
                migrations.RemoveField(model_name="article", name="bylines"),
                migrations.AddField(
                    model_name="article",
                    name="bylines",
                    field=models.ManyToManyField(
                        help_text="In the order printed.",
                        related_name="articles",
                        through="articles.Byline",
                        to="articles.author",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
