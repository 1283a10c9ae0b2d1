"""Delete proof of consent once it is older than the configured retention."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from consent.conf import setting
from consent.models import ConsentRecord


class Command(BaseCommand):
    help = (
        "Delete consent records older than CONSENT_RECORD_RETENTION_DAYS "
        "(proof is kept only as long as it may be needed). Run it daily."
    )

    def handle(self, *args, **options) -> None:
        cutoff = timezone.now() - timedelta(days=setting("CONSENT_RECORD_RETENTION_DAYS"))
        deleted, _ = ConsentRecord.objects.older_than(cutoff).delete()
        self.stdout.write(f"Deleted {deleted} consent record(s) decided before {cutoff:%Y-%m-%d}.")
