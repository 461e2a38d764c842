"""``python manage.py generate_demo --tenant SLUG [--scale tiny|small|large] [--seed N] [--if-missing] [--reset]``"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from demo.accounts import DEMO_PASSWORD
from demo.generator import SCALES
from demo.services import DemoError, demo_counts_line, demo_load
from tenants.models import Tenant


class Command(BaseCommand):
    help = "Creates a demo tenant (and, for 'demo', the second company 'demo2') with a believable business."

    def add_arguments(self, parser):
        parser.add_argument("--tenant", default="demo")
        parser.add_argument(
            "--scale",
            choices=list(SCALES),
            default="small",
            help="tiny (tests), small (make run, the default) or large (benchmarks)",
        )
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="the last day of the history (YYYY-MM-DD); default: today",
        )
        parser.add_argument(
            "--if-missing", action="store_true", help="do nothing when the tenant exists"
        )
        parser.add_argument(
            "--reset", action="store_true", help="delete the demo tenant first, then load it"
        )
        parser.add_argument(
            "--no-inbound",
            action="store_true",
            help="skip the documents waiting in the order desk queue (no OCR needed)",
        )

    def handle(self, *args, tenant, scale, seed, today, if_missing, reset, no_inbound, **options):
        if if_missing and not reset and Tenant.objects.filter(slug=tenant).exists():
            self.stdout.write(f"demo tenant {tenant} already loaded: nothing to do")
            return
        try:
            result = demo_load(
                slug=tenant,
                scale=scale,
                seed=seed,
                today=today,
                reset=reset,
                inbound=not no_inbound,
            )
        except DemoError as error:
            raise CommandError(str(error)) from None
        for slug in result.tenants:
            self.stdout.write(f"{slug}: {demo_counts_line(result.counts.get(slug, {}))}")
        if result.inbound:
            self.stdout.write(
                f"inbound: {result.inbound['messages']} messages, orders by status "
                f"{result.inbound['orders']}"
            )
            for failure in result.inbound["failed"]:
                self.stderr.write(f"inbound document failed: {failure}")
        self.stdout.write(
            self.style.SUCCESS(
                f"demo tenant {tenant} loaded (scale {scale}, seed {seed}) in {result.seconds:.1f} s; "
                f"password for every demo account: {DEMO_PASSWORD}"
            )
        )
