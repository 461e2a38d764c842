import getpass

from django.core.management.base import BaseCommand, CommandError

from tenants.models import Role, Tenant
from tenants.services import TenantError, user_add_to_tenant


class Command(BaseCommand):
    help = "Creates a staff user (or adds an existing one) in a tenant with a role."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--tenant", required=True)
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument(
            "--password", help="Asked interactively when omitted and a terminal is attached."
        )

    def handle(self, *args, email, tenant, role, password, **options):
        tenant_obj = Tenant.objects.filter(slug=tenant).first()
        if tenant_obj is None:
            raise CommandError(f"unknown tenant {tenant!r}")
        if password is None and self.stdin_is_tty():
            password = getpass.getpass("Password: ")
        try:
            membership = user_add_to_tenant(
                email=email, tenant=tenant_obj, role=role, password=password
            )
        except TenantError as error:
            raise CommandError(str(error))
        self.stdout.write(f"{membership.user.email}: {membership.role} in {tenant_obj.slug}")

    @staticmethod
    def stdin_is_tty() -> bool:
        import sys

        return sys.stdin is not None and sys.stdin.isatty()
