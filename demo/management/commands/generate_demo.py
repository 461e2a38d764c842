from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.accounts import DEMO2_STAFF, DEMO_PASSWORD, DEMO_STAFF
from tenants.models import Tenant
from tenants.services import tenant_create, user_add_to_tenant


class Command(BaseCommand):
    help = "Creates the demo tenants, their accounts and a believable business."

    def add_arguments(self, parser):
        parser.add_argument("--tenant", default="demo")
        parser.add_argument("--scale", choices=["small", "large"], default="small")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--if-missing", action="store_true", help="Do nothing when the tenant exists."
        )
        parser.add_argument("--reset", action="store_true", help="Delete the tenant's data first.")

    def handle(self, *args, tenant, scale, seed, if_missing, reset, **options):
        if Tenant.objects.filter(slug=tenant).exists() and not reset:
            if if_missing:
                self.stdout.write(f"demo tenant {tenant} already loaded")
                return
            raise CommandError(f"tenant {tenant!r} exists already: use --reset to load it again")
        with transaction.atomic():
            if reset:
                Tenant.objects.filter(slug=tenant).delete()
            demo, _ = tenant_create(
                slug=tenant, name="Demo Industrial Supplies", locale="en", currency="EUR"
            )
            for email, role, first, last in DEMO_STAFF:
                local, _, domain = email.partition("@")
                email = f"{local}@{tenant}.example" if tenant != "demo" else email
                user_add_to_tenant(
                    email=email,
                    tenant=demo,
                    role=role,
                    password=DEMO_PASSWORD,
                    first_name=first,
                    last_name=last,
                )
            if tenant == "demo":
                demo2, _ = tenant_create(slug="demo2", name="Second Demo Packaging", locale="fr")
                for email, role, first, last in DEMO2_STAFF:
                    user_add_to_tenant(
                        email=email,
                        tenant=demo2,
                        role=role,
                        password=DEMO_PASSWORD,
                        first_name=first,
                        last_name=last,
                    )
                # The demo admin also works for the second company, to show the tenant switcher.
                user_add_to_tenant(email="admin@demo.example", tenant=demo2, role="admin")
        self.stdout.write(
            self.style.SUCCESS(f"demo tenant {tenant} loaded (scale {scale}, seed {seed})")
        )
