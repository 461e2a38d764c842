from decimal import Decimal

from orders.models import ExportAttempt, ExportStatus, OrderStatus
from orders.services import order_create
from tests.factories import ContactFactory, CustomerFactory, ProductFactory
from tests.urlmap import FOREIGN_MARKER, register, register_foreign


def _order(tenant, status=OrderStatus.NEEDS_REVIEW, name="Customer"):
    customer = CustomerFactory(tenant=tenant, name=name)
    ContactFactory(customer=customer)
    product = ProductFactory(
        tenant=tenant, list_price=Decimal("2.50"), description=f"{name} product"
    )
    return order_create(
        tenant=tenant,
        customer=customer,
        channel="email",
        status=status,
        po_number=name,
        lines=[{"product": product, "quantity": 4}],
    )


@register("orders:detail")
@register("orders:edit")
@register("orders:validate")
@register("orders:hold")
@register("orders:cancel")
@register("orders:pdf")
def order(tenant) -> dict:
    return {"pk": _order(tenant).pk}


@register("orders:resend_acknowledgment")
@register("orders:retry_export")
def validated_order(tenant) -> dict:
    return {"pk": _order(tenant, status=OrderStatus.VALIDATED).pk}


@register_foreign("orders")
def foreign_orders(tenant) -> None:
    failed = _order(tenant, status=OrderStatus.VALIDATED, name=f"{FOREIGN_MARKER} order")
    failed.export_status = ExportStatus.FAILED
    failed.save()
    ExportAttempt.objects.create(tenant=tenant, order=failed, kind="webhook", error=FOREIGN_MARKER)


@register("api-order")
def api_order(tenant) -> dict:
    return {"pk": _order(tenant).pk}
