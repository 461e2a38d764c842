"""Handing validated orders to the tenant's ERP through its connector.

Webhook: the order as JSON, POSTed with ``X-Carnet-Signature: sha256=<hex HMAC-SHA256 of the
body with the connector's secret>``; a 2xx answer is the ERP's acknowledgment. File drop: the
order written as ``<number>.json`` and ``<number>.csv`` (written to a temporary name, then
renamed, so the ERP never reads half a file) in the tenant's folder; the file being written is
the acknowledgment. Every attempt is stored as an ExportAttempt; the order moves to
``exported`` only on success. The Celery task ``orders.tasks.order_export`` retries transient
failures with exponential backoff and jitter, then marks the export failed for a person.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import os
import time
import urllib.error
import urllib.request
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ingestion.crypto import SecretUnreadable
from orders.models import (
    ConnectorKind,
    ErpConnector,
    ExportAttempt,
    ExportStatus,
    Order,
    OrderStatus,
)
from orders.services import OrderError, order_event_record, order_transition
from orders.webhooks import webhook_opener, webhook_url_check

SIGNATURE_HEADER = "X-Carnet-Signature"
EXCERPT_CHARS = 500
# Statuses from which a successful export moves the order to ``exported``.
EXPORTABLE_STATUSES = (OrderStatus.VALIDATED,)


class TransientExportError(Exception):
    """The ERP did not acknowledge this time (network, timeout, non-2xx): worth retrying."""


def _decimal_str(value) -> str | None:
    return None if value is None else format(value, "f")


def _price_str(value) -> str | None:
    """A unit price with four places as ERPs take them ("3.4500"), more only when it has them
    (a price per 1000 is 0.02775 a piece)."""
    if value is None:
        return None
    four = value.quantize(Decimal("0.0001"))
    return format(four if four == value else value.normalize(), "f")


def order_lines_for_payload(order: Order):
    """The order's lines with their products: the prefetched ones when a list prefetched them."""
    if "lines" in getattr(order, "_prefetched_objects_cache", {}):
        return order.lines.all()
    return order.lines.select_related("product")


def order_export_payload(*, order: Order) -> dict:
    """The order as the ERP receives it (decimals as strings, dates ISO 8601)."""
    customer = order.customer
    return {
        "event": "order.validated",
        "tenant": order.tenant.slug,
        "id": order.pk,
        "number": order.number,
        "type": order.order_type,
        "channel": order.channel,
        "customer_code": customer.code if customer else None,
        "customer_name": customer.name if customer else None,
        "po_number": order.po_number or None,
        "order_date": order.order_date.isoformat() if order.order_date else None,
        "requested_delivery_date": (
            order.requested_delivery_date.isoformat() if order.requested_delivery_date else None
        ),
        "currency": order.currency,
        "ship_to": order.ship_to_address or None,
        "notes": order.notes,
        "lines": [
            {
                "position": line.position,
                "sku": line.product.sku if line.product else None,
                "customer_sku": line.customer_sku or None,
                "description": line.description,
                "quantity": _decimal_str(line.quantity),
                "unit": line.unit,
                "unit_price": _price_str(line.unit_price),
                "line_total": _decimal_str(line.line_total),
                "requested_date": line.requested_date.isoformat() if line.requested_date else None,
            }
            for line in order_lines_for_payload(order)
        ],
        "total": _decimal_str(order.total_amount),
        "validated_at": order.validated_at.isoformat() if order.validated_at else None,
    }


CSV_COLUMNS = [
    "order_number",
    "customer_code",
    "po_number",
    "order_date",
    "requested_delivery_date",
    "currency",
    "ship_to_name",
    "ship_to_street",
    "ship_to_postal_code",
    "ship_to_city",
    "ship_to_country",
    "position",
    "sku",
    "customer_sku",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "line_total",
]


def order_export_csv(payload: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    ship_to = payload["ship_to"] or {}
    for line in payload["lines"]:
        writer.writerow(
            [
                payload["number"],
                payload["customer_code"] or "",
                payload["po_number"] or "",
                payload["order_date"] or "",
                payload["requested_delivery_date"] or "",
                payload["currency"],
                ship_to.get("name", ""),
                ship_to.get("street", ""),
                ship_to.get("postal_code", ""),
                ship_to.get("city", ""),
                ship_to.get("country", ""),
                line["position"],
                line["sku"] or "",
                line["customer_sku"] or "",
                line["description"],
                line["quantity"],
                line["unit"],
                line["unit_price"] or "",
                line["line_total"] or "",
            ]
        )
    return out.getvalue()


def signature(*, secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def drop_root(tenant) -> Path:
    root = Path(getattr(settings, "CARNET_ERP_DROP_ROOT", Path(settings.MEDIA_ROOT) / "erp-drop"))
    return root / tenant.slug


def connector_folder(connector: ErpConnector) -> Path:
    """The connector's folder, confined to the tenant's part of the drop root."""
    base = drop_root(connector.tenant).resolve()
    target = (base / connector.folder.strip().lstrip("/")).resolve()
    if target != base and base not in target.parents:
        raise OrderError("The export folder must stay inside the tenant's drop folder.")
    return target


def _send_webhook(connector: ErpConnector, body: bytes, order: Order) -> tuple[int, str]:
    webhook_url_check(connector.webhook_url)  # the URL may predate the guard, or DNS changed
    request = urllib.request.Request(
        connector.webhook_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Carnet-ERP-export/1",
            SIGNATURE_HEADER: signature(secret=connector.signing_secret(), body=body),
            "X-Carnet-Event": "order.validated",
            "X-Carnet-Order": order.number,
        },
    )
    try:
        with webhook_opener().open(request, timeout=connector.timeout_seconds) as response:
            return response.status, response.read(EXCERPT_CHARS * 4).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read(EXCERPT_CHARS * 4).decode("utf-8", "replace")


def _write_atomically(path: Path, content: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(content, encoding="utf-8")
    os.replace(temporary, path)


def order_export_attempt(*, order_id: int) -> ExportAttempt | None:
    """One attempt to export the order. Returns None when there is nothing to do (already
    exported, not validated, no active connector); raises TransientExportError on failure after
    storing the attempt."""
    order = Order.objects.select_related("tenant", "customer").get(pk=order_id)
    if order.export_status == ExportStatus.SUCCEEDED or order.status not in EXPORTABLE_STATUSES:
        return None
    connector = ErpConnector.objects.for_tenant(order.tenant).filter(active=True).first()
    if connector is None:
        return None
    payload = order_export_payload(order=order)
    number = order.export_attempts.count() + 1
    attempt = ExportAttempt(
        tenant_id=order.tenant_id, order=order, kind=connector.kind, number=number
    )
    started = time.monotonic()
    try:
        if connector.kind == ConnectorKind.WEBHOOK:
            attempt.target = connector.webhook_url
            body = json.dumps(payload, ensure_ascii=False).encode()
            attempt.status_code, excerpt = _send_webhook(connector, body, order)
            attempt.response_excerpt = excerpt[:EXCERPT_CHARS]
            attempt.succeeded = 200 <= attempt.status_code < 300
            if not attempt.succeeded:
                attempt.error = f"The ERP answered HTTP {attempt.status_code}."
        else:
            folder = connector_folder(connector)
            folder.mkdir(parents=True, exist_ok=True)
            attempt.target = str(folder)
            _write_atomically(
                folder / f"{order.number}.json", json.dumps(payload, ensure_ascii=False, indent=2)
            )
            _write_atomically(folder / f"{order.number}.csv", order_export_csv(payload))
            attempt.succeeded = True
    except (OSError, OrderError, ValueError, SecretUnreadable) as error:
        attempt.error = f"{type(error).__name__}: {error}"[:2000]
    attempt.duration_ms = int((time.monotonic() - started) * 1000)
    with transaction.atomic():
        attempt.save()
        if attempt.succeeded:
            Order.objects.filter(pk=order.pk).update(
                export_status=ExportStatus.SUCCEEDED, updated_at=timezone.now()
            )
            order_transition(
                order=order,
                to=OrderStatus.EXPORTED,
                reason="The ERP acknowledged the order.",
                data={"attempt": attempt.number, "target": attempt.target},
            )
        elif order.export_status != ExportStatus.PENDING:
            Order.objects.filter(pk=order.pk).update(export_status=ExportStatus.PENDING)
    if not attempt.succeeded:
        raise TransientExportError(attempt.error)
    return attempt


@transaction.atomic
def order_export_give_up(*, order_id: int, error: str) -> None:
    """Every attempt failed: the order is listed among failed exports for a person to retry."""
    order = Order.objects.select_for_update().get(pk=order_id)
    if order.export_status == ExportStatus.SUCCEEDED:
        return
    order.export_status = ExportStatus.FAILED
    order.save(update_fields=["export_status", "updated_at"])
    order_event_record(order=order, kind="export_failed", reason=error)


def order_export_retry(*, order: Order, actor) -> None:
    """A person asks for the export again (from the order page or the failed exports list)."""
    if order.status not in EXPORTABLE_STATUSES or order.export_status == ExportStatus.SUCCEEDED:
        raise OrderError("Only a validated order that was not exported yet can be exported.")
    if not ErpConnector.objects.for_tenant(order.tenant_id).filter(active=True).exists():
        raise OrderError("No active ERP connector is configured.")
    from orders import tasks

    with transaction.atomic():
        Order.objects.filter(pk=order.pk).update(export_status=ExportStatus.PENDING)
        order.export_status = ExportStatus.PENDING
        order_event_record(order=order, kind="export_retried", actor=actor)
        tasks.order_export.delay_on_commit(order.pk)


@transaction.atomic
def erp_connector_save(*, tenant, form, new_secret: str = "") -> ErpConnector:
    """Saves the settings page's validated connector form; the secret is stored encrypted."""
    connector = form.save(commit=False)
    connector.tenant = tenant
    if new_secret:
        connector.set_secret(new_secret)
    connector.save()
    return connector
