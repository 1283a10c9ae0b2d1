from django.core.management.base import BaseCommand

from wire.tasks import send_due_deliveries


class Command(BaseCommand):
    help = (
        "Try again every webhook delivery that is due. The production worker does this by "
        "itself; without one (make run), run this now and then."
    )

    def handle(self, *args, **options):
        tried = send_due_deliveries()
        self.stdout.write(f"{tried} deliveries tried.")
