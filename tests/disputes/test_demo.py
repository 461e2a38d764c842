"""The demo history has disputes of every type, deterministic for a seed and a day (tiny scale)."""

import datetime as dt

import pytest
from django.test import override_settings

from demo.services import demo_load, demo_tenant_purge
from disputes.models import Dispute, DisputeEvent, DisputeStatus, DisputeType
from tenants.models import Tenant

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo_tiny(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        demo_load(slug="disputes-demo", scale="tiny", seed=42, today=TODAY, inbound=False)
    yield
    with django_db_blocker.unblock():
        for tenant in Tenant.objects.filter(slug="disputes-demo"):
            demo_tenant_purge(tenant=tenant)


@pytest.fixture
def demo(demo_tiny, db):
    return Tenant.objects.get(slug="disputes-demo")


def test_every_type_of_dispute_is_in_the_history(demo):
    types = set(Dispute.objects.for_tenant(demo).values_list("type", flat=True))
    assert types == set(DisputeType.values)


def test_disputes_are_counted_and_numbered_without_gaps(demo):
    disputes = Dispute.objects.for_tenant(demo)
    assert demo.settings["demo"]["counts"]["Dispute"] == disputes.count()
    by_year: dict[str, list[int]] = {}
    for number in disputes.values_list("number", flat=True):
        _, year, value = number.split("-")
        by_year.setdefault(year, []).append(int(value))
    for values in by_year.values():
        assert sorted(values) == list(range(1, len(values) + 1))


def test_old_disputes_are_settled_and_every_one_has_its_history(demo):
    disputes = Dispute.objects.for_tenant(demo)
    old = disputes.filter(opened_at__date__lt=TODAY - dt.timedelta(days=60))
    assert (
        old.exclude(
            status__in=[DisputeStatus.CLOSED, DisputeStatus.RESOLVED, DisputeStatus.REJECTED]
        ).count()
        == 0
    )
    assert disputes.filter(status__in=[DisputeStatus.OPEN, DisputeStatus.IN_PROGRESS]).exists()
    for dispute in disputes:
        events = list(DisputeEvent.objects.filter(dispute=dispute).order_by("created_at", "pk"))
        assert events[0].kind == "opened"
        moves = [e for e in events if e.kind == "status_changed"]
        assert (moves[-1].to_status if moves else DisputeStatus.OPEN) == dispute.status
        assert dispute.order.customer_id == dispute.customer_id
        assert all(line.order_id == dispute.order_id for line in dispute.lines.all())


def test_the_demo_is_deterministic(demo):
    first = list(
        Dispute.objects.for_tenant(demo)
        .order_by("number")
        .values_list("number", "type", "status", "order__number", "amount_claimed")
    )
    demo_tenant_purge(tenant=demo)
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        demo_load(slug="disputes-demo", scale="tiny", seed=42, today=TODAY, inbound=False)
    again = Tenant.objects.get(slug="disputes-demo")
    second = list(
        Dispute.objects.for_tenant(again)
        .order_by("number")
        .values_list("number", "type", "status", "order__number", "amount_claimed")
    )
    assert second == first
