"""Consent records and gated scripts move to the ``consent`` app, rows and all.

``consent``'s own first migration creates its tables, so the app can be added to any
project on its own. Here, where these models began, those new tables are still empty: they
are dropped and the old ones renamed into their place, which moves every record at once
whatever its number. The content types move too, so permissions and the desk's history
follow the models.
"""

from django.db import migrations

MODELS = ("consentrecord", "thirdpartyscript")


def adopt_old_tables(apps, schema_editor):
    for name in MODELS:
        old = apps.get_model("newsroom", name)
        new = apps.get_model("consent", name)
        schema_editor.delete_model(new)
        schema_editor.alter_db_table(old, old._meta.db_table, new._meta.db_table)
    move_content_types(apps, source="newsroom", target="consent")


def give_tables_back(apps, schema_editor):
    for name in MODELS:
        old = apps.get_model("newsroom", name)
        new = apps.get_model("consent", name)
        schema_editor.alter_db_table(old, new._meta.db_table, old._meta.db_table)
        schema_editor.create_model(new)
    move_content_types(apps, source="consent", target="newsroom")


def move_content_types(apps, *, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=target, model__in=MODELS).delete()
    ContentType.objects.filter(app_label=source, model__in=MODELS).update(app_label=target)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_consent_records"),
        ("consent", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(adopt_old_tables, give_tables_back)],
            state_operations=[
                migrations.DeleteModel(name="ConsentRecord"),
                migrations.DeleteModel(name="ThirdPartyScript"),
            ],
        ),
    ]
