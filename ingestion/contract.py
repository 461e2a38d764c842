"""The order as ``ingest --json`` prints it (``shared/spec/CONTRACTS.md``): keep it exactly.

Decimals are strings with ``.`` and no trailing-zero noise (``"12"``, ``"3.45"``, ``"41.40"``:
an amount with cents keeps two places); dates ISO 8601; unknown values ``null``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ingestion.decision.rules import (
    HEADER_CONFIDENCE_FIELDS,
    LINE_CONFIDENCE_FIELDS,
    field_confidence,
)
from ingestion.extraction.totals import total_from_grand_total
from ingestion.matching.draft import UNSTATED_CURRENCY

SHIP_TO_KEYS = ("name", "street", "postal_code", "city", "country")


def decimal_str(value, *, money: bool = False) -> str | None:
    """``Decimal("12.000") -> "12"``; with ``money`` a fractional amount keeps two places."""
    if value is None or value == "":
        return None
    value = Decimal(str(value))
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    text = format(value.normalize(), "f")
    if money and len(text.split(".")[1]) < 2:
        text = format(value.quantize(Decimal("0.01")), "f")
    return text


def date_str(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def contract_status(order, *, duplicate: bool = False) -> str:
    from orders.models import OrderStatus

    if duplicate:
        return "duplicate"
    if order.status == OrderStatus.REJECTED:
        return "rejected"
    if order.auto_approved and order.status not in (
        OrderStatus.CANCELLED,
        OrderStatus.NEEDS_REVIEW,
    ):
        return "auto_approved"
    return "needs_review"


def ship_to_json(order) -> dict:
    data = dict(order.ship_to_address or {})
    if not any(data.get(k) for k in SHIP_TO_KEYS) and order.ship_to_id:
        data = order.ship_to.as_dict()
    return {k: (data.get(k) or None) for k in SHIP_TO_KEYS}


def line_json(line) -> dict:
    amount = None
    if line.unit_price is not None:
        amount = (line.extraction or {}).get("stated_line_total")
        if amount is None:
            amount = line.line_total if line.line_total else line.quantity * line.unit_price
    return {
        "sku": line.product.sku if line.product_id else None,
        "customer_sku": line.customer_sku or None,
        "description": line.description or None,
        "quantity": decimal_str(line.quantity),
        "unit": line.unit or None,
        "unit_price": decimal_str(line.unit_price, money=True),
        "line_total": decimal_str(amount, money=True),
    }


def order_total(order, lines: list) -> Decimal | None:
    """The net goods total: as stated, else the sum of the lines when they all carry a price.

    A document's total is what it states (CONTRACTS): a document that prints no total has
    none, even when its lines carry prices; only the net worked out from a printed grand total
    less its tax counts as stated. An order with no document (API, portal) is its lines' sum."""
    if order.stated_total is not None:
        return order.stated_total
    fields = (order.extraction or {}).get("fields")
    if fields:
        rule = (fields.get("total") or {}).get("rule") or ""
        if not total_from_grand_total(rule):
            return None
    if lines and all(line.unit_price is not None for line in lines):
        return sum((Decimal(line_json(line)["line_total"]) for line in lines), Decimal("0"))
    return None


def stated_currency(order, lines: list, total: Decimal | None) -> str | None:
    """The order's currency, unless the document states none and prices nothing: then it is
    unknown (null), though the order is booked in its customer's (``Order.currency``)."""
    rule = (((order.extraction or {}).get("fields") or {}).get("currency") or {}).get("rule")
    if (
        rule == UNSTATED_CURRENCY
        and total is None
        and all(line.unit_price is None for line in lines)
    ):
        return None
    return order.currency or None


def confidence_json(order, lines: list) -> dict:
    extraction = order.extraction or {}
    out: dict[str, float] = {}
    for key, name in HEADER_CONFIDENCE_FIELDS:
        if key == "customer":
            value = (extraction.get("customer") or {}).get("confidence")
        else:
            value = field_confidence(extraction, key)
        if value is not None:
            out[name] = round(float(value), 3)
    line_values = []
    for line in lines:
        data = line.extraction or {}
        for _key, name, _contract in LINE_CONFIDENCE_FIELDS:
            value = (
                (data.get("product") or {}).get("confidence")
                if name == "product"
                else field_confidence(data, name)
            )
            if value is not None:
                line_values.append(float(value))
    if line_values:
        out["lines"] = round(min(line_values), 3)
    return out


def issue_json(item: dict) -> dict:
    return {
        "code": item.get("code"),
        "field": item.get("field") or None,
        "message": item.get("message", ""),
        "blocking": bool(item.get("blocking", True)),
    }


def order_contract_json(order, *, duplicate: bool = False) -> dict:
    """One order of the ``orders`` list; ``duplicate`` when it is shown for a file received again."""
    lines = list(order.lines.select_related("product").order_by("position", "pk"))
    total = order_total(order, lines)
    data = {
        "id": order.pk,
        "status": contract_status(order, duplicate=duplicate),
        "customer_code": order.customer.code if order.customer_id else None,
        "po_number": order.po_number or None,
        "order_date": date_str(order.order_date),
        "requested_delivery_date": date_str(order.requested_delivery_date),
        "currency": stated_currency(order, lines, total),
        "ship_to": ship_to_json(order),
        "lines": [line_json(line) for line in lines],
        "total": decimal_str(total, money=True),
        "issues": [issue_json(i) for i in (order.issues or [])],
        "confidence": confidence_json(order, lines),
    }
    if order.stated_grand_total is not None:
        data["grand_total"] = decimal_str(order.stated_grand_total, money=True)
    return data


def document_contract_orders(*, document) -> list[dict]:
    """The ``orders`` list for one input file.

    A document (or message) received before answers with the orders of the first copy,
    each with status ``duplicate``; no order is made twice.
    """
    from ingestion.drafting import document_original

    original = document_original(document)
    if original is not None:
        return [order_contract_json(o, duplicate=True) for o in original.orders.order_by("pk")]
    return [order_contract_json(o) for o in document.orders.order_by("pk")]
