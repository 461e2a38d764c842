"""Loading and removing the demo tenants. The demo accounts are created here and nowhere else."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone

from demo.accounts import DEMO2_STAFF, DEMO_PASSWORD, DEMO_STAFF, PORTAL_USER
from demo.generator import (
    DEMO_COMPANY,
    SCALES,
    SECOND_COMPANY,
    SECOND_SCALE,
    Company,
    Generator,
    Scale,
)
from tenants.models import Membership, Role, Tenant, User
from tenants.services import tenant_create, user_add_to_tenant

SECOND_TENANT = "demo2"


class DemoError(Exception):
    """The demo cannot be loaded as asked, with a one-line reason."""


@dataclass
class DemoResult:
    tenants: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    events: dict[str, dict] = field(default_factory=dict)
    inbound: dict[str, object] = field(default_factory=dict)
    seconds: float = 0.0


def _tenant_models() -> list[type[models.Model]]:
    """Every model with a ``tenant`` foreign key, children before the rows they point to."""
    owned = [
        m
        for m in apps.get_models()
        if any(
            f.name == "tenant" and f.many_to_one and f.related_model is Tenant
            for f in m._meta.concrete_fields
        )
    ]
    depends = {
        m: {
            f.related_model
            for f in m._meta.concrete_fields
            if f.many_to_one and f.related_model in owned and f.related_model is not m
        }
        for m in owned
    }
    ordered: list[type[models.Model]] = []
    visiting: set = set()

    def visit(model):  # a model is deleted after every model that points to it
        if model in ordered or model in visiting:
            return
        visiting.add(model)
        for other in owned:
            if model in depends[other]:
                visit(other)
        ordered.append(model)

    for model in sorted(owned, key=lambda m: m._meta.label):
        visit(model)
    return ordered


def demo_tenant_purge(*, tenant: Tenant) -> None:
    """Deletes a demo tenant with its rows and the users that belonged only to it.

    Bulk ``DELETE ... WHERE tenant_id`` per table instead of the ORM's cascade, which would load
    every id of a million-line history into memory.
    """
    from customers.models import PortalAccount

    user_ids = set(Membership.objects.filter(tenant=tenant).values_list("user_id", flat=True))
    user_ids |= set(PortalAccount.objects.filter(tenant=tenant).values_list("user_id", flat=True))
    with transaction.atomic(), connection.cursor() as cursor:
        for model in _tenant_models():
            table = model._meta.db_table
            for file_field in [
                f for f in model._meta.concrete_fields if isinstance(f, models.FileField)
            ]:
                for name in (
                    model.objects.filter(tenant=tenant)
                    .exclude(**{file_field.name: ""})
                    .values_list(file_field.name, flat=True)
                    .iterator()
                ):
                    default_storage.delete(name)
            for m2m in model._meta.local_many_to_many:
                through = m2m.remote_field.through
                if through._meta.auto_created:
                    source = m2m.m2m_column_name()
                    cursor.execute(
                        f'DELETE FROM "{through._meta.db_table}" WHERE "{source}" IN '
                        f'(SELECT id FROM "{table}" WHERE tenant_id = %s)',
                        [tenant.pk],
                    )
            cursor.execute(f'DELETE FROM "{table}" WHERE tenant_id = %s', [tenant.pk])
        User.objects.filter(
            pk__in=user_ids, memberships__isnull=True, portal_account__isnull=True
        ).delete()
        Tenant.objects.filter(pk=tenant.pk).delete()


def _skip_foreign_key_triggers() -> bool:
    """On PostgreSQL, when the role may, skip the per-row foreign-key triggers for the rest of
    the transaction: the loader writes consistent rows by construction (SQLite, which the tests
    use, still checks every key at commit), and a million deferred checks would double the
    load time. Returns whether they are skipped."""
    if connection.vendor != "postgresql" or os.environ.get("CARNET_DEMO_CHECK_KEYS") == "1":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
        if not (row and row[0]):
            return False
        cursor.execute("SET LOCAL session_replication_role = replica")
    return True


def _staff(tenant: Tenant, accounts, password_hash: str) -> dict[str, User]:
    staff: dict[str, User] = {}
    for email, role, first, last in accounts:
        local = email.partition("@")[0]
        email = f"{local}@{tenant.slug}.example"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create(
                email=email, first_name=first, last_name=last, password=password_hash
            )
        elif user.password != password_hash:
            user.password = password_hash
            user.save(update_fields=["password"])
        user_add_to_tenant(email=email, tenant=tenant, role=role)
        staff[role] = user
    return staff


def _load_company(
    *,
    slug: str,
    company: Company,
    scale: Scale,
    seed: int,
    today: dt.date,
    accounts,
    portal_email: str | None,
    password_hash: str,
) -> tuple[Tenant, Generator]:
    tenant, _ = tenant_create(
        slug=slug, name=company.name, locale=company.locale, currency="EUR", timezone="Europe/Paris"
    )
    staff = _staff(tenant, accounts, password_hash)
    generator = Generator(
        tenant=tenant,
        company=company,
        scale=scale,
        seed=seed,
        today=today,
        staff=staff,
        portal_email=portal_email,
        password_hash=password_hash,
    )
    counts = generator.run()
    tenant.settings = {
        **tenant.settings,
        "demo": {
            "generated_by": "generate_demo",
            "scale": scale.name,
            "seed": seed,
            "today": str(today),
            "events": generator.events,
            "counts": counts,
        },
    }
    tenant.save(update_fields=["settings"])
    return tenant, generator


def demo_load(
    *,
    slug: str,
    scale: str = "small",
    seed: int = 42,
    today: dt.date | None = None,
    reset: bool = False,
    inbound: bool = True,
) -> DemoResult:
    """Creates the demo tenant ``slug`` (and, for ``demo``, the second company ``demo2``)."""
    started = time.monotonic()
    if scale not in SCALES:
        raise DemoError(f"unknown scale {scale!r} (one of: {', '.join(SCALES)})")
    today = today or timezone.localdate()
    slugs = [slug] + ([SECOND_TENANT] if slug == "demo" else [])
    existing = list(Tenant.objects.filter(slug__in=slugs))
    if existing and not reset:
        names = ", ".join(sorted(t.slug for t in existing))
        raise DemoError(
            f"tenant {names} exists already: use --reset to delete it and load the demo again"
        )
    for tenant in existing:
        if not (tenant.settings or {}).get("demo"):
            raise DemoError(
                f"tenant {tenant.slug} was not created by generate_demo: refusing to delete it"
            )
    password_hash = make_password(
        DEMO_PASSWORD
    )  # hashed once: PBKDF2 per user would dominate small loads
    result = DemoResult(tenants=slugs)
    with transaction.atomic():
        _skip_foreign_key_triggers()
        for tenant in existing:
            demo_tenant_purge(tenant=tenant)
        portal_email = PORTAL_USER if slug == "demo" else f"buyer@customer.{slug}.example"
        tenant, generator = _load_company(
            slug=slug,
            company=DEMO_COMPANY,
            scale=SCALES[scale],
            seed=seed,
            today=today,
            accounts=DEMO_STAFF,
            portal_email=portal_email,
            password_hash=password_hash,
        )
        result.counts[slug] = tenant.settings["demo"]["counts"]
        result.events[slug] = generator.events
        if slug == "demo":
            second, second_generator = _load_company(
                slug=SECOND_TENANT,
                company=SECOND_COMPANY,
                scale=SECOND_SCALE,
                seed=seed,
                today=today,
                accounts=DEMO2_STAFF,
                portal_email=None,
                password_hash=password_hash,
            )
            # The demo administrator also works for the second company: the tenant switcher shows.
            user_add_to_tenant(email=DEMO_STAFF[0][0], tenant=second, role=Role.ADMIN)
            result.counts[SECOND_TENANT] = second.settings["demo"]["counts"]
    if connection.vendor == "postgresql":  # fresh statistics, or the first dashboards plan badly
        with connection.cursor() as cursor:
            for model in _tenant_models():
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')
    if inbound:
        from demo.inbound import demo_inbound_load

        result.inbound = demo_inbound_load(tenant=tenant, generator=generator)
    result.seconds = time.monotonic() - started
    return result


def demo_counts_line(counts: dict[str, int]) -> str:
    wanted = ["Customer", "Product", "Order", "OrderLine", "DeliveryNote", "Invoice"]
    totals = defaultdict(int, counts)
    return ", ".join(f"{totals[name]:,} {name}" for name in wanted)
