"""Stories' tags go through ``articles.Tag``, whose slug is never empty, and old empty
slugs get one, so every tag page and the tags' sitemap have an address for each tag."""

import django.db.models.deletion
import taggit.managers
from django.db import migrations, models
from django.utils.text import slugify


def give_every_tag_a_slug(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    taken = set(Tag.objects.values_list("slug", flat=True))
    for tag in Tag.objects.filter(slug=""):
        base = slugify(tag.name, allow_unicode=True) or "tag"
        slug, number = base, 0
        while slug in taken:
            number += 1
            slug = f"{base}_{number}"
        taken.add(slug)
        tag.slug = slug
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_author_table_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="Tag",
            fields=[],
            options={"proxy": True, "indexes": [], "constraints": []},
            bases=("taggit.tag",),
        ),
        migrations.AlterField(
            model_name="taggedarticle",
            name="tag",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="%(app_label)s_%(class)s_items",
                to="articles.tag",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="tags",
            field=taggit.managers.TaggableManager(
                blank=True,
                help_text="A comma-separated list of tags.",
                through="articles.TaggedArticle",
                to="articles.Tag",
                verbose_name="Tags",
            ),
        ),
        migrations.RunPython(give_every_tag_a_slug, migrations.RunPython.noop),
    ]
