"""Order acknowledgments: an email to the customer's contacts, in the customer's language, with
the order summary and a PDF copy of the order."""

from __future__ import annotations

import io
from decimal import Decimal

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from orders.models import Order
from orders.services import order_event_record

ACKNOWLEDGMENT_LANGUAGES = ("en", "fr", "de")


def acknowledgment_language(order: Order) -> str:
    language = ((order.customer.language if order.customer else "") or order.tenant.locale or "en")[
        :2
    ].lower()
    return language if language in ACKNOWLEDGMENT_LANGUAGES else "en"


def acknowledgment_recipients(order: Order) -> list[str]:
    if order.customer is None:
        return []
    contacts = (
        order.customer.contacts.filter(receives_acknowledgments=True)
        .exclude(email="")
        .order_by("pk")
    )
    return list(dict.fromkeys(c.email for c in contacts))


def _money(value: Decimal | None, currency: str) -> str:
    if value is None:
        return ""
    return f"{number_format(value, 2, use_l10n=True, force_grouping=True)} {currency}"


def acknowledgment_pdf(*, order: Order, language: str | None = None) -> bytes:
    """A one-document PDF copy of the order, in the given language (the customer's by default)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    language = language or acknowledgment_language(order)
    buffer = io.BytesIO()
    with translation.override(language):
        styles = getSampleStyleSheet()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=18 * mm,
            bottomMargin=18 * mm,
            title=_("Order acknowledgment %(number)s") % {"number": order.number},
            author=order.tenant.name,
        )
        story = [
            Paragraph(order.tenant.name, styles["Title"]),
            Paragraph(
                _("Order acknowledgment %(number)s") % {"number": order.number}, styles["Heading2"]
            ),
        ]
        customer = order.customer
        facts = [
            (_("Customer"), f"{customer.code} {customer.name}" if customer else ""),
            (_("Your PO number"), order.po_number),
            (_("Order date"), date_format(order.order_date) if order.order_date else ""),
            (
                _("Requested delivery date"),
                date_format(order.requested_delivery_date) if order.requested_delivery_date else "",
            ),
            (_("Ship to"), ", ".join(v for v in (order.ship_to_address or {}).values() if v)),
        ]
        story.append(
            Table(
                [[k, v] for k, v in facts if v],
                colWidths=[55 * mm, None],
                style=[
                    ("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ],
            )
        )
        story.append(Spacer(1, 6 * mm))
        rows = [
            [_("Line"), _("Article"), _("Description"), _("Quantity"), _("Unit price"), _("Amount")]
        ]
        for line in order.lines.select_related("product"):
            rows.append(
                [
                    str(line.position),
                    line.product.sku if line.product else line.customer_sku,
                    Paragraph(line.description, styles["BodyText"]),
                    f"{line.quantity.normalize():f} {line.unit}",
                    _money(line.unit_price, order.currency),
                    _money(line.line_total, order.currency),
                ]
            )
        rows.append(["", "", "", "", _("Total"), _money(order.total_amount, order.currency)])
        table = Table(
            rows, colWidths=[12 * mm, 28 * mm, None, 24 * mm, 26 * mm, 28 * mm], repeatRows=1
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                    ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black),
                    ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                    ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
        if order.notes:
            story += [Spacer(1, 4 * mm), Paragraph(order.notes, styles["BodyText"])]
        document.build(story)
    return buffer.getvalue()


def order_acknowledgment_send(*, order: Order, actor=None) -> bool:
    """Sends the acknowledgment; records ``acknowledgment_sent`` or ``acknowledgment_skipped``."""
    order = Order.objects.select_related("tenant", "customer").get(pk=order.pk)
    recipients = acknowledgment_recipients(order)
    if not recipients:
        order_event_record(
            order=order,
            kind="acknowledgment_skipped",
            actor=actor,
            reason="The customer has no contact with an email address for acknowledgments.",
        )
        return False
    language = acknowledgment_language(order)
    lines = list(order.lines.select_related("product"))
    with translation.override(language):
        context = {
            "order": order,
            "lines": lines,
            "tenant": order.tenant,
            "customer": order.customer,
        }
        subject = render_to_string("orders/email/acknowledgment_subject.txt", context).strip()
        text = render_to_string("orders/email/acknowledgment.txt", context)
        html = render_to_string("orders/email/acknowledgment.html", context)
        filename = f"{order.number}.pdf"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        headers={"X-Carnet-Order": order.number},
    )
    message.attach_alternative(html, "text/html")
    message.attach(filename, acknowledgment_pdf(order=order, language=language), "application/pdf")
    message.send()
    with transaction.atomic():
        Order.objects.filter(pk=order.pk).update(acknowledged_at=timezone.now())
        order_event_record(
            order=order,
            kind="acknowledgment_sent",
            actor=actor,
            data={"to": recipients, "language": language},
        )
    return True
