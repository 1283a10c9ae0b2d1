"""Authors now belong to ``articles``; this app forgets the model but keeps no data of it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("articles", "0007_authors_join_the_content"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Author")],
            database_operations=[],
        ),
    ]
