"""Orders as the extraction leaves them, with a source document and rendered pages, for desk tests."""

from __future__ import annotations

import hashlib
import io
import uuid
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from ingestion.models import Document, DocumentKind, DocumentStatus, InboundMessage, PageImage
from orders.models import Order
from tests.factories import CustomerFactory, OrderFactory, OrderLineFactory, ProductFactory

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
PRICE_ISSUE = {
    "code": "price_mismatch",
    "field": "lines[0].unit_price",
    "blocking": True,
    "message": "price 3.60 differs from price list 3.45 (+4.3%)",
}


def png_bytes(width: int = 1240, height: int = 1754) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width // 10, height // 10), "white").resize((width, height)).save(
        buffer, "PNG"
    )
    return buffer.getvalue()


def document_with_page(tenant, *, words=None, channel="email", subject="PO 4500012345") -> Document:
    unique = uuid.uuid4().hex.encode()
    raw = (
        b"From: buyer@customer.example\r\nSubject: "
        + subject.encode()
        + b"\r\n\r\nsee attachment "
        + unique
    )
    message = InboundMessage.objects.create(
        tenant=tenant,
        channel=channel,
        sender="buyer@customer.example",
        subject=subject,
        received_at=timezone.now(),
        raw=ContentFile(raw, name="message.eml"),
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    pdf = b"%PDF-1.4 fake " + unique
    words = (
        words
        if words is not None
        else [
            ["PO", 40, 60, 58, 70, 1.0],
            ["4500012345", 62, 60, 120, 70, 1.0],
            ["GT-6MM-BK", 40, 200, 100, 210, 1.0],
            ["12", 300, 200, 312, 210, 1.0],
            ["3,60", 400, 200, 420, 210, 1.0],
        ]
    )
    document = Document.objects.create(
        tenant=tenant,
        message=message,
        kind=DocumentKind.PDF,
        filename="po.pdf",
        content_type="application/pdf",
        file=ContentFile(pdf, name="po.pdf"),
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        status=DocumentStatus.EXTRACTED,
        page_count=1,
        layout={
            "meta": {},
            "pages": [
                {
                    "number": 1,
                    "width": PAGE_W,
                    "height": PAGE_H,
                    "source": "pdf_text",
                    "rotation": 0,
                    "image_name": "",
                    "words": words,
                    "rulings": [],
                }
            ],
        },
    )
    PageImage.objects.create(
        tenant=tenant,
        document=document,
        number=1,
        image=ContentFile(png_bytes(), name="page-1.png"),
        width=1240,
        height=1754,
    )
    return document


def review_order(tenant, *, lines: int = 2, with_document: bool = True, **fields) -> Order:
    """A needs-review order with a price issue on the first line, like the extraction leaves one."""
    customer = fields.pop("customer", None) or CustomerFactory(tenant=tenant)
    order = OrderFactory(
        tenant=tenant,
        customer=customer,
        received_at=fields.pop("received_at", timezone.now()),
        source_document=document_with_page(tenant) if with_document else None,
        extraction={
            "fields": {
                "po_number": {
                    "value": "4500012345",
                    "confidence": 0.97,
                    "source": {"page": 1, "bbox": [62, 60, 120, 70]},
                    "rule": "label 'PO'",
                },
                "order_date": {"value": None, "confidence": 0.4, "rule": "no date found"},
            }
        },
        issues=fields.pop("issues", [PRICE_ISSUE]),
        **fields,
    )
    for i in range(lines):
        product = ProductFactory(tenant=tenant, list_price=Decimal("3.45"))
        OrderLineFactory(
            tenant=tenant,
            order=order,
            product=product,
            position=i + 1,
            quantity=Decimal("12"),
            unit_price=Decimal("3.60"),
            line_total=Decimal("43.20"),
            customer_sku=f"A-{i}",
            extraction={
                "source": {"page": 1, "bbox": [40, 200 + 12 * i, 560, 210 + 12 * i]},
                "fields": {
                    "unit_price": {
                        "confidence": 0.99,
                        "source": {"page": 1, "bbox": [400, 200, 420, 210]},
                    }
                },
                "candidates": [{"product_id": product.pk, "score": 0.93, "reason": "alias"}],
            },
        )
    from orders.services import order_recompute_totals

    order_recompute_totals(order=order)
    return order
