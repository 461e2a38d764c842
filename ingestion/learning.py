"""What a person's correction of a drafted order teaches Carnet.

The order desk calls :func:`order_learn_from_correction` after saving a correction, with the
order as it was before and after, both in the shape of ``ingest --json``
(:func:`ingestion.contract.order_contract_json`; missing keys mean "not corrected"):

- a line whose product was set or changed, and that carries the customer's part number,
  teaches an alias (``CustomerProductAlias`` with ``learned=True``);
- a corrected header field (PO number, dates, customer number) teaches where this customer's
  documents print it: the engine's ``learn_from_correction`` turns it into layout hints, kept
  on ``Customer.layout_hints`` and used first on the next document of this customer; header
  fields named in ``confirmed`` (the desk approving a doubtful field as read) strengthen theirs;
- a corrected customer teaches the sender's address (``CustomerSender``);
- with ``remember_prices``, a price that differs from the price list and that the person kept
  becomes the customer's own price (a ``PriceList`` for that customer).
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal, InvalidOperation
from email.utils import parseaddr

from django.db import transaction

from orders.services import order_event_record

logger = logging.getLogger(__name__)

HINT_FIELDS = ("po_number", "order_date", "requested_delivery_date", "customer_number")
DATE_FIELDS = ("order_date", "requested_delivery_date")
LEARNED_PRICE_LIST = "Prices agreed on orders"


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _changed(before: dict, after: dict, key: str) -> bool:
    return key in after and after.get(key) != before.get(key)


@transaction.atomic
def order_learn_from_correction(
    *,
    order,
    before: dict,
    after: dict,
    actor=None,
    remember_prices: bool = False,
    confirmed: tuple[str, ...] = (),
) -> dict:
    """Learn from one correction; returns what was learned (also recorded as an event)."""
    from customers.models import Customer

    customer = order.customer
    if after.get("customer_code") and (customer is None or customer.code != after["customer_code"]):
        customer = (
            Customer.objects.for_tenant(order.tenant_id).filter(code=after["customer_code"]).first()
        )
    learned: dict = {"aliases": [], "hints": [], "senders": [], "prices": []}
    if customer is None:
        return learned
    if _changed(before, after, "customer_code"):
        learned["senders"] = _learn_sender(order=order, customer=customer)
    learned["aliases"] = _learn_aliases(order=order, customer=customer, before=before, after=after)
    learned["hints"] = _learn_layout_hints(
        order=order, customer=customer, before=before, after=after
    )
    if remember_prices:
        learned["prices"] = _learn_prices(order=order, customer=customer, after=after)
    if any(learned.values()):
        order_event_record(order=order, kind="learned", actor=actor, data=learned)
    return learned


def _pair_lines(before: dict, after: dict) -> list[tuple[dict, dict]]:
    """Lines before and after, paired by position, or by part number when lines were added or removed."""
    old, new = list(before.get("lines") or []), list(after.get("lines") or [])
    if len(old) == len(new):
        return list(zip(old, new, strict=True))
    by_part = {line.get("customer_sku"): line for line in old if line.get("customer_sku")}
    return [(by_part.get(line.get("customer_sku"), {}), line) for line in new]


def _learn_aliases(*, order, customer, before: dict, after: dict) -> list[dict]:
    from catalog.models import CustomerProductAlias, Product

    out = []
    for old, new in _pair_lines(before, after):
        sku, part = new.get("sku"), (new.get("customer_sku") or "").strip()
        if not sku or not part or sku == part or sku == old.get("sku"):
            continue
        product = Product.objects.for_tenant(order.tenant_id).filter(sku=sku).first()
        if product is None:
            continue
        alias = (
            CustomerProductAlias.objects.for_tenant(order.tenant_id)
            .filter(customer=customer, customer_sku__iexact=part)
            .first()
        )
        if alias is None:
            CustomerProductAlias.objects.create(
                tenant_id=order.tenant_id,
                customer=customer,
                customer_sku=part[:80],
                product=product,
                learned=True,
            )
        elif alias.product_id != product.pk or not alias.learned:
            alias.product, alias.learned = product, True
            alias.save(update_fields=["product", "learned"])
        else:
            continue
        out.append({"customer_sku": part, "sku": sku})
    return out


def _learn_layout_hints(*, order, customer, before: dict, after: dict, confirmed=()) -> list[str]:
    # Fields the person changed, and fields the person confirmed as they were (on approval: a
    # confirmation strengthens the hint; an unrelated edit confirms nothing).
    corrected = {}
    for name in HINT_FIELDS:
        if after.get(name) in (None, "") or not (
            _changed(before, after, name) or name in confirmed
        ):
            continue
        corrected[name] = _date(after[name]) if name in DATE_FIELDS else str(after[name]).strip()
    document = order.source_document
    if not corrected or document is None or not document.layout or not document.extraction:
        return []
    from ingestion.extraction.hints import learn_from_correction
    from ingestion.extraction.model import ExtractedOrder
    from ingestion.layout import Layout

    extracted = ExtractedOrder.from_json(document.extraction)
    layout = Layout.from_json(document.layout)
    hints = learn_from_correction(
        extracted, corrected, layout, hints=dict(customer.layout_hints or {})
    )
    if hints is None or hints == (customer.layout_hints or {}):
        return []
    customer.layout_hints = hints
    customer.save(update_fields=["layout_hints", "updated_at"])
    return sorted(corrected)


def _learn_sender(*, order, customer) -> list[str]:
    from customers.models import CustomerSender, SenderKind

    document = order.source_document
    sender = parseaddr(document.message.sender if document else "")[1].lower()
    if not sender or "@" not in sender:
        return []
    if (
        CustomerSender.objects.for_tenant(order.tenant_id)
        .filter(kind=SenderKind.ADDRESS, value=sender)
        .exists()
    ):
        return []
    CustomerSender.objects.create(
        tenant_id=order.tenant_id, customer=customer, kind=SenderKind.ADDRESS, value=sender
    )
    return [sender]


def _learn_prices(*, order, customer, after: dict) -> list[dict]:
    from catalog.models import PriceList, PriceListItem, Product
    from ingestion.decision.prices import expected_unit_price

    out = []
    price_list = None
    for line in after.get("lines") or []:
        price, sku = _decimal(line.get("unit_price")), line.get("sku")
        if price is None or not sku:
            continue
        product = Product.objects.for_tenant(order.tenant_id).filter(sku=sku).first()
        if product is None:
            continue
        expected, _source = expected_unit_price(
            product=product, customer=customer, on_date=order.order_date
        )
        if expected is not None and expected == price:
            continue
        if price_list is None:
            price_list, _ = PriceList.objects.get_or_create(
                tenant_id=order.tenant_id,
                customer=customer,
                name=LEARNED_PRICE_LIST,
                defaults={"currency": order.currency or customer.currency},
            )
        PriceListItem.objects.update_or_create(
            tenant_id=order.tenant_id,
            price_list=price_list,
            product=product,
            min_quantity=Decimal("0"),
            defaults={"unit_price": price},
        )
        out.append({"sku": sku, "unit_price": format(price, "f")})
    return out
