"""Proof of readers' cookie choices, and the third-party scripts those choices gate."""

from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from consent import registry as consent

ENABLED_SCRIPTS_CACHE_KEY = "consent:enabled-scripts"


class ConsentRecordQuerySet(models.QuerySet):
    def older_than(self, moment: datetime) -> "ConsentRecordQuerySet":
        return self.filter(decided_at__lt=moment)


class ConsentRecord(models.Model):
    """One reader's decision, kept as proof that consent was given (or refused) and how.

    Nothing here identifies a person: the consent id is random and lives only in the
    reader's consent cookie; no IP address or user agent is stored.
    """

    class Method(models.TextChoices):
        BANNER = "banner", "Banner"
        SETTINGS = "settings", "Cookie settings page"
        GPC = "gpc", "Global Privacy Control signal"

    consent_id = models.CharField(
        max_length=64, db_index=True, help_text="Random id shared with the reader's cookie."
    )
    decided_at = models.DateTimeField(default=timezone.now, db_index=True)
    policy_revision = models.CharField(
        max_length=40, help_text="The cookie policy revision the reader answered."
    )
    granted = models.JSONField(default=list, help_text="Optional categories allowed.")
    refused = models.JSONField(default=list, help_text="Optional categories refused.")
    method = models.CharField(max_length=10, choices=Method.choices)
    banner_text_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the banner and choices text the reader was shown."
    )

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.consent_id} at {self.decided_at:%Y-%m-%d %H:%M}"


def optional_category_choices() -> list[tuple[str, str]]:
    return [(category.key, category.name) for category in consent.optional_categories()]


def validate_https(url: str) -> None:
    if not url.startswith("https://"):
        raise ValidationError("Only scripts served over https:// can be added.")


class ThirdPartyScript(models.Model):
    """A script from another service, loaded only for readers who allowed its category."""

    name = models.CharField(max_length=100, help_text="Who provides it and what it does.")
    category = models.CharField(
        max_length=20,
        choices=optional_category_choices,
        help_text="Readers must allow this category before the script loads.",
    )
    src = models.URLField(
        "script address",
        validators=[validate_https],
        help_text=(
            "The script's https:// address. Its origin must also be allowed by the site's "
            "Content-Security-Policy, or browsers will refuse it."
        ),
    )
    enabled = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def enabled_scripts() -> list[tuple[str, str]]:
    """(category, src) of every enabled script, cached so pages cost no query for it.

    Saving or deleting a script clears the cache; the timeout bounds how long a process
    with a local-memory cache may keep an outdated list.
    """
    scripts = cache.get(ENABLED_SCRIPTS_CACHE_KEY)
    if scripts is None:
        scripts = list(ThirdPartyScript.objects.filter(enabled=True).values_list("category", "src"))
        cache.set(ENABLED_SCRIPTS_CACHE_KEY, scripts, timeout=300)
    return scripts


# Signals rather than save(): the admin's bulk delete bypasses Model.delete().
@receiver([post_save, post_delete], sender=ThirdPartyScript)
def forget_enabled_scripts(**kwargs) -> None:
    cache.delete(ENABLED_SCRIPTS_CACHE_KEY)
