"""The shared body of the master-data import commands (CONTRACTS.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from customers.imports import ImportReport
from tenants.models import Tenant

ImportService = Callable[..., ImportReport]


class ImportCommand(BaseCommand):
    service: ImportService
    what = "rows"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--tenant", required=True, help="the tenant's slug")
        parser.add_argument("file", help="CSV file, UTF-8, comma-separated, header row")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, write nothing"
        )

    def handle(self, *args, **options) -> None:
        tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"unknown tenant {options['tenant']!r}")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror or error}")
        report = type(self).service(tenant=tenant, data=data, dry_run=options["dry_run"])
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(f"{path.name}: {report.refusal_reason()}")
        if options["dry_run"]:
            self.stdout.write("dry run: nothing was written")
