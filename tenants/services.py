from __future__ import annotations

from django.db import transaction

from tenants.models import Membership, Role, Tenant, User, UserKind


class TenantError(Exception):
    """A tenant or membership operation that cannot be done, with a one-line reason."""


@transaction.atomic
def tenant_create(
    *,
    slug: str,
    name: str,
    locale: str = "en",
    currency: str = "EUR",
    timezone: str = "Europe/Paris",
) -> tuple[Tenant, bool]:
    """Creates the tenant, or returns the existing one unchanged (idempotent by slug)."""
    existing = Tenant.objects.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    tenant = Tenant.objects.create(
        slug=slug, name=name, locale=locale, currency=currency, timezone=timezone
    )
    return tenant, True


@transaction.atomic
def user_add_to_tenant(
    *,
    email: str,
    tenant: Tenant,
    role: str,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
) -> Membership:
    if role not in Role.values:
        raise TenantError(f"unknown role {role!r} (one of: {', '.join(Role.values)})")
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=password, first_name=first_name, last_name=last_name
        )
    elif user.kind != UserKind.STAFF:
        raise TenantError(f"{email} is a customer portal account and cannot join a tenant's staff")
    elif password:
        user.set_password(password)
        user.save(update_fields=["password"])
    membership, created = Membership.objects.get_or_create(
        user=user, tenant=tenant, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership
