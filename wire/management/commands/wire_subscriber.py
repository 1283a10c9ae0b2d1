from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.models import Section
from wire import keys
from wire.models import ApiKey, Subscriber


class Command(BaseCommand):
    help = "Add subscribers to the wire, issue and revoke their keys, list them."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="Add a subscriber and print its first key.")
        add.add_argument("name")
        add.add_argument(
            "--language",
            action="append",
            default=[],
            type=str.lower,
            choices=[code for code, _name in settings.LANGUAGES],
            help="A language it receives (repeat for more; none means every language).",
        )
        add.add_argument(
            "--section",
            action="append",
            default=[],
            help="The slug of a section it receives (repeat; none means every section).",
        )
        add.add_argument(
            "--embargoed", action="store_true", help="It receives embargoed stories early."
        )
        add.add_argument("--rate", type=int, default=120, help="Requests per minute per key.")
        key = actions.add_parser("key", help="Issue another key to a subscriber; print it.")
        key.add_argument("name")
        key.add_argument("--label", default="")
        revoke = actions.add_parser("revoke", help="Revoke a key, given its nrw_ prefix.")
        revoke.add_argument("prefix")
        actions.add_parser("list", help="List subscribers and their keys.")

    def handle(self, *args, action, **options):
        getattr(self, action)(**options)

    def add(self, *, name, language, section, embargoed, rate, **options):
        if Subscriber.objects.filter(name=name).exists():
            raise CommandError(f"A subscriber named {name!r} exists already.")
        sections = list(Section.objects.filter(slug__in=section))
        unknown = set(section) - {found.slug for found in sections}
        if unknown:
            raise CommandError(f"No section has the slug {', '.join(sorted(unknown))}.")
        subscriber = Subscriber.objects.create(
            name=name, languages=language, receives_embargoed=embargoed, requests_per_minute=rate
        )
        subscriber.sections.set(sections)
        self.print_key(subscriber)

    def key(self, *, name, label, **options):
        subscriber = Subscriber.objects.filter(name=name).first()
        if subscriber is None:
            raise CommandError(f"No subscriber is named {name!r}.")
        self.print_key(subscriber, label=label)

    def revoke(self, *, prefix, **options):
        api_key = ApiKey.objects.filter(prefix=prefix.removeprefix("nrw_").strip("_…")).first()
        if api_key is None:
            raise CommandError(f"No key starts with {prefix!r}.")
        keys.revoke(api_key)
        self.stdout.write(f"Revoked {api_key} of {api_key.subscriber}.")

    def list(self, **options):
        for subscriber in Subscriber.objects.prefetch_related("keys"):
            self.stdout.write(f"{subscriber} ({'active' if subscriber.is_active else 'stopped'})")
            for api_key in subscriber.keys.all():
                state = "revoked" if api_key.revoked_at else "working"
                self.stdout.write(f"  {api_key}  {state}  last used {api_key.last_used_at or '-'}")

    def print_key(self, subscriber, label=""):
        _row, key = keys.issue(subscriber, label=label)
        self.stdout.write(f"Subscriber: {subscriber}")
        self.stdout.write(f"Key (shown once, keep it safe): {key}")
