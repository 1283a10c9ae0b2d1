"""Uploads are private from now on and nginx serves only ``public/`` (articles/pictures.py):
the pictures readers can already see, those of live and scheduled stories and authors'
photos, get their public copies and are named by them, as saving each row would do."""

from django.db import migrations

from articles import pictures


def address_each(apps, *, public: bool) -> None:
    Article = apps.get_model("articles", "Article")
    Author = apps.get_model("articles", "Author")
    live = Article.objects.filter(
        status__in=["scheduled", "published"],
        deleted_at__isnull=True,
        published_at__isnull=False,
    ).exclude(image="")
    for rows, field in [
        (live, "image_renditions"),
        (Author.objects.exclude(photo=""), "photo_renditions"),
    ]:
        for pk in list(rows.values_list("pk", flat=True)):
            row = rows.model.objects.only(field).get(pk=pk)
            named_before = getattr(row, field)
            renditions = pictures.addressed(named_before, public=public, named_before=named_before)
            setattr(row, field, renditions)
            rows.model.objects.filter(pk=pk).update(**{field: renditions})
            pictures.delete_copies_no_longer_named(row, field, named_before)


def publish_live_pictures(apps, schema_editor):
    address_each(apps, public=True)


def withdraw_public_copies(apps, schema_editor):
    address_each(apps, public=False)


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_tags_always_have_a_slug")]

    operations = [migrations.RunPython(publish_live_pictures, withdraw_public_copies)]
