"""The consent app's tables: proof of readers' choices, and the scripts those choices gate."""

import django.utils.timezone
from django.db import migrations, models

import consent.models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ConsentRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "consent_id",
                    models.CharField(
                        db_index=True,
                        help_text="Random id shared with the reader's cookie.",
                        max_length=64,
                    ),
                ),
                (
                    "decided_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
                (
                    "policy_revision",
                    models.CharField(
                        help_text="The cookie policy revision the reader answered.", max_length=40
                    ),
                ),
                (
                    "granted",
                    models.JSONField(default=list, help_text="Optional categories allowed."),
                ),
                (
                    "refused",
                    models.JSONField(default=list, help_text="Optional categories refused."),
                ),
                (
                    "method",
                    models.CharField(
                        choices=[
                            ("banner", "Banner"),
                            ("settings", "Cookie settings page"),
                            ("gpc", "Global Privacy Control signal"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "banner_text_hash",
                    models.CharField(
                        help_text="SHA-256 of the banner and choices text the reader was shown.",
                        max_length=64,
                    ),
                ),
            ],
            options={
                "ordering": ["-decided_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="ThirdPartyScript",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(help_text="Who provides it and what it does.", max_length=100),
                ),
                (
                    "category",
                    models.CharField(
                        choices=consent.models.optional_category_choices,
                        help_text="Readers must allow this category before the script loads.",
                        max_length=20,
                    ),
                ),
                (
                    "src",
                    models.URLField(
                        help_text="The script's https:// address. Its origin must also be allowed by the site's Content-Security-Policy, or browsers will refuse it.",
                        validators=[consent.models.validate_https],
                        verbose_name="script address",
                    ),
                ),
                ("enabled", models.BooleanField(default=True)),
            ],
            options={
                "ordering": ["name"],
            },
        ),
    ]
