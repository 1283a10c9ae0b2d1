from django.core.management.base import BaseCommand

from wire.versions import record_missing


class Command(BaseCommand):
    help = (
        "Put on the wire every published or embargoed story it has no item for: an archive "
        "that was there before the wire, or stories loaded without saving them one by one."
    )

    def handle(self, *args, **options):
        recorded = record_missing()
        self.stdout.write(f"{recorded} stories put on the wire.")
