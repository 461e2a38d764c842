"""generate_demo as a command: refusal, --if-missing, --reset, determinism (tiny scale)."""

import datetime as dt
import shutil

import pytest
from django.core.management import CommandError, call_command

from demo.selectors import demo_fingerprint
from ingestion.models import InboundMessage, MessageStatus
from orders.models import Order, OrderStatus
from tenants.models import Membership, Tenant, User
from tests.conftest import require_service

pytestmark = pytest.mark.django_db

TINY = ["--scale", "tiny", "--today", "2026-11-27", "--no-inbound"]


def _load(slug, *extra):
    call_command("generate_demo", "--tenant", slug, *TINY, *extra)
    return Tenant.objects.get(slug=slug)


def test_a_second_run_refuses_with_a_clear_message():
    tenant = _load("acme-demo")
    orders = Order.objects.for_tenant(tenant).count()
    with pytest.raises(CommandError, match="tenant acme-demo exists already: use --reset"):
        _load("acme-demo")
    assert Order.objects.for_tenant(tenant).count() == orders


def test_if_missing_leaves_an_existing_tenant_alone(capsys):
    tenant = _load("acme-demo")
    fingerprint = demo_fingerprint(tenant=tenant)
    _load("acme-demo", "--if-missing")
    assert "already loaded: nothing to do" in capsys.readouterr().out
    assert demo_fingerprint(tenant=tenant) == fingerprint


def test_the_same_seed_gives_the_same_business_and_reset_leaves_no_trace():
    first = demo_fingerprint(tenant=_load("acme-demo", "--seed", "7"))
    users = User.objects.count()
    second = demo_fingerprint(tenant=_load("acme-demo", "--seed", "7", "--reset"))
    assert second == first
    assert User.objects.count() == users
    assert Tenant.objects.filter(slug="acme-demo").count() == 1
    other = demo_fingerprint(tenant=_load("acme-demo", "--seed", "8", "--reset"))
    assert other != first


def test_reset_refuses_a_tenant_the_demo_did_not_create():
    call_command("create_tenant", "real-co", "--name", "Real Company")
    with pytest.raises(
        CommandError, match="real-co was not created by generate_demo: refusing to delete it"
    ):
        _load("real-co", "--reset")
    assert Tenant.objects.filter(slug="real-co").exists()


def test_staff_of_another_demo_tenant_use_its_own_domain():
    tenant = _load("acme-demo")
    emails = set(Membership.objects.filter(tenant=tenant).values_list("user__email", flat=True))
    assert "admin@acme-demo.example" in emails
    assert all(email.endswith("@acme-demo.example") for email in emails)


def test_inbound_documents_wait_in_the_order_desk_queue():
    require_service(shutil.which("tesseract") is not None, "tesseract (to read the demo fax)")
    call_command(
        "generate_demo", "--tenant", "acme-demo", "--scale", "tiny", "--today", "2026-11-27"
    )
    tenant = Tenant.objects.get(slug="acme-demo")
    messages = InboundMessage.objects.for_tenant(tenant)
    assert sorted(messages.values_list("channel", flat=True)) == [
        "email",
        "email",
        "email",
        "email",
        "fax",
    ]
    assert set(messages.values_list("status", flat=True)) == {MessageStatus.PROCESSED}
    # Each PDF carries a reason for a person to look: an old price, an unknown part number,
    # an unknown sender. How well the fax reads depends on the OCR: it only has to give an order.
    from_pdfs = Order.objects.for_tenant(tenant).filter(source_document__kind="pdf")
    assert list(from_pdfs.values_list("status", flat=True)) == [OrderStatus.NEEDS_REVIEW] * 3
    assert from_pdfs.filter(customer=None).count() == 1  # the prospect is nobody's customer yet
    from_fax = Order.objects.for_tenant(tenant).filter(source_document__kind="image")
    assert from_fax.exclude(status=OrderStatus.REJECTED).count() == 1


@pytest.mark.parametrize("today", ["2027-01-03", "2026-08-15"])
def test_injected_events_are_planted_whatever_the_day(today):
    call_command(
        "generate_demo",
        "--tenant",
        "acme-demo",
        "--scale",
        "tiny",
        "--today",
        today,
        "--no-inbound",
    )
    tenant = Tenant.objects.get(slug="acme-demo")
    events = tenant.settings["demo"]["events"]
    orders = Order.objects.for_tenant(tenant)
    stopped = (
        orders.filter(customer__code=events["stopped_customer"]["customer"])
        .order_by("-order_date")
        .first()
    )
    assert str(stopped.order_date) == events["stopped_customer"]["last_order"]
    assert (dt.date.fromisoformat(today) - stopped.order_date).days >= 21
    spike = orders.get(number=events["quantity_spike"]["order"])
    assert (
        spike.lines.get(product__sku=events["quantity_spike"]["sku"]).quantity
        == events["quantity_spike"]["quantity"]
    )
    missing = orders.get(number=events["missing_item"]["order"])
    assert not missing.lines.filter(product__sku=events["missing_item"]["sku"]).exists()
