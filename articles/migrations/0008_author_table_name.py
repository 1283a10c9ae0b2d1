"""The authors' table takes the name of the app that owns it now."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_authors_join_the_content"),
        ("accounts", "0002_authors_move_to_articles"),
    ]

    operations = [migrations.AlterModelTable(name="author", table=None)]
