from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from tenants.services import tenant_create


class Command(BaseCommand):
    help = "Creates a tenant (idempotent: an existing slug is left unchanged)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--name", required=True)
        parser.add_argument("--locale", default="en")
        parser.add_argument("--currency", default="EUR")
        parser.add_argument("--timezone", default="Europe/Paris")

    def handle(self, *args, slug, name, locale, currency, timezone, **options):
        if slugify(slug) != slug:
            raise CommandError(f"invalid slug {slug!r}: use lowercase letters, digits and dashes")
        tenant, created = tenant_create(
            slug=slug, name=name, locale=locale, currency=currency, timezone=timezone
        )
        verb = "created" if created else "already exists, unchanged"
        self.stdout.write(f"tenant {tenant.slug}: {verb}")
