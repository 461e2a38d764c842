"""From a read Document to draft Orders: extract → match → draft → check → decide.

``document_create_orders(*, document)`` is what the pipeline calls once a document's layout is
stored. It is safe to call twice: a document already drafted answers with its orders. Every
field written on the order keeps, in ``Order.extraction`` / ``OrderLine.extraction``, its
confidence, where it was read and the rule that read it, plus the ranked candidates of the
customer and product matching, so the order desk can see why and the rules can run again.

The steps before writing (extraction and matching) touch no database row beyond the master
data snapshot; the writes happen in one transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ingestion.decision.decide import Decision, Outcome, decide
from ingestion.decision.rules import order_check_rules
from ingestion.decision.settings import extraction_settings_for
from ingestion.extraction.geometry import document_lines
from ingestion.extraction.totals import total_printed
from ingestion.extraction.units import normalise_unit, unit_code
from ingestion.layout import Layout
from ingestion.masterdata import MasterDataView, masterdata_for
from ingestion.matching.draft import UNSTATED_CURRENCY
from ingestion.matching.masterdata import common_share, price_close
from ingestion.matching.quantities import (
    MEASURES,
    PACK_PRICE_FLOOR,
    content_in_its_unit,
    content_stated_twice,
    numbers_in,
    our_description,
    pack_stated_and_priced,
)
from ingestion.models import Channel, Document, DocumentKind, DocumentStatus
from orders.models import Order, OrderChannel, OrderLine, OrderStatus, OrderType
from orders.services import (
    order_event_record,
    order_next_number,
    order_recompute_totals,
    order_transition,
)

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
SHIP_TO_KEYS = ("name", "street", "postal_code", "city", "country")


# --- entry points ------------------------------------------------------------------------


def document_original(document: Document) -> Document | None:
    """The first copy of a document (or of its message) received before, else None."""
    seen: set[int] = set()
    current = document
    while current.duplicate_of_id and current.duplicate_of_id not in seen:
        seen.add(current.pk)
        current = current.duplicate_of
    if current is not document:
        return current
    message = document.message
    if message.duplicate_of_id:
        return (
            Document.objects.filter(message_id=message.duplicate_of_id, position=document.position)
            .order_by("pk")
            .first()
        )
    return None


def document_create_orders(*, document: Document) -> list[Order]:
    """The draft orders of a read document (none when it is a duplicate or nothing to order).

    A document already drafted answers with its orders; a copy of a document received before
    answers with the first copy's orders (each marked ``contract_duplicate`` for the contract)
    and makes none.
    """
    existing = list(Order.objects.filter(source_document=document).order_by("pk"))
    if existing:
        return existing
    original = document_original(document)
    if original is not None:
        orders = list(Order.objects.filter(source_document=original).order_by("pk"))
        for order in orders:
            order.contract_duplicate = True
        return orders
    if not document.layout:
        return []
    if document.kind == DocumentKind.EDI:  # parsed, not read: one draft per order message
        from ingestion.edi.drafting import edi_drafts_build

        drafts = edi_drafts_build(document=document)
    else:
        drafts = [document_draft_build(document=document)]
    draft = drafts[0]
    # The extraction as read, for the order desk and for learning from corrections.
    document.extraction = draft.extracted.to_json()
    document.save(update_fields=["extraction", "updated_at"])
    if document.kind != DocumentKind.EDI:
        _remember_addresses(document=document, draft=draft)
    if not _worth_an_order(document, draft):
        return []
    return [_draft_save(document=document, draft=each) for each in drafts]


def _remember_addresses(*, document: Document, draft: DocumentDraft) -> None:
    """Postal codes a recognised customer's order printed besides its own: the supplier's own
    address shows up that way (see ``ingestion.own_addresses``)."""
    from ingestion.matching.draft import AUTO_APPROVE_THRESHOLD
    from ingestion.own_addresses import remember_printed_postal_codes

    matched = draft.draft.customer
    if not matched.code or matched.confidence < AUTO_APPROVE_THRESHOLD:
        return
    extracted = draft.extracted
    record = draft.view.md.customer(matched.code)
    vendor = extracted.vendor
    customer_postals = {
        a.postal_code for a in (record.addresses if record else ()) if a.postal_code
    }
    # a labelled vendor block, else a block under our own name
    theirs = {"".join(p.split()).upper() for p in customer_postals}
    vendor_postal = (
        vendor.value.postal_code
        if vendor is not None and vendor.confidence >= 0.85 and vendor.value.postal_code
        else next((c for c in extracted.own_postal_codes if c not in theirs), None)
    )
    remember_printed_postal_codes(
        document.tenant_id,
        customer_code=matched.code,
        printed=tuple(extracted.postal_codes),
        customer_postals=customer_postals,
        vendor_postal=vendor_postal,
    )


# --- extraction and matching (no writes) ---------------------------------------------------


def _message_context(document: Document) -> dict:
    message = document.message
    metadata = {**(message.metadata or {}), **(document.metadata or {})}
    fax = metadata.get("fax_header") or {}
    known = message.known_customer_id
    if known is None and message.uploaded_by_id:
        from customers.models import PortalAccount

        known = (
            PortalAccount.objects.filter(
                tenant_id=document.tenant_id, user_id=message.uploaded_by_id
            )
            .values_list("customer_id", flat=True)
            .first()
        )
    return {
        "sender": (message.sender or "").strip(),
        "known_customer_id": known,
        "fax_number": fax.get("sender_number") or metadata.get("fax_number") or "",
        "channel": message.channel,
        "received_at": message.received_at,
        "sent_date": _sent_date(metadata.get("date"), message.received_at),
        "has_date_header": bool(metadata.get("date")),
    }


def _sent_date(header: str | None, received_at) -> dt.date | None:
    """The day the sender sent it: the email's Date header, else when we received it."""
    if header:
        try:
            sent = dt.datetime.fromisoformat(str(header))
        except ValueError:
            from email.utils import parsedate_to_datetime

            try:
                sent = parsedate_to_datetime(str(header))
            except (TypeError, ValueError):
                sent = None
        if sent is not None:
            return sent.date()  # the day in the sender's own time zone, as the sender wrote it
    return timezone.localdate(received_at) if received_at else None


def _extract(layout: Layout, *, hints: dict | None, locale: str, context: dict):
    from ingestion.extraction import extract_from_layout

    sent_date = context.get("sent_date")
    return extract_from_layout(
        layout,
        hints=hints or None,
        locale=locale,
        sent_date=sent_date,
        sender_email=_email_of(context.get("sender", "")) or None,
        own_names=context.get("own_names") or (),
    )


def _email_of(sender: str) -> str:
    from email.utils import parseaddr

    return parseaddr(sender)[1].lower()


@dataclass(frozen=True)
class DocumentDraft:
    """Extraction and matching of one document: the engine's draft plus what we add."""

    draft: object  # ingestion.matching.Draft
    view: MasterDataView
    hints_used: bool = False
    sources: tuple[str, ...] = ()  # how the pages were read: pdf_text, ocr, plain, sheet

    @property
    def extracted(self):
        return self.draft.extracted


def document_draft_build(*, document: Document) -> DocumentDraft:
    """Extract and match one document, nothing written. When the customer is recognised and
    has layout hints (or another language), the extraction runs again with them."""
    from ingestion.extraction import with_subject
    from ingestion.matching import build_draft
    from ingestion.matching.draft import with_lines_priced_as_ours

    tenant = document.tenant
    layout = Layout.from_json(document.layout)
    if document.kind == DocumentKind.BODY:
        layout = with_subject(layout, document.message.subject)
    from ingestion.own_addresses import own_names, own_postal_codes

    context = {**_message_context(document), "own_names": own_names(tenant)}
    view = masterdata_for(tenant)
    locale = tenant.locale or "en"

    match_args = {
        "own_postal_codes": own_postal_codes(tenant),
        "sender_email": _email_of(context["sender"]) or None,
        "fax_number": context["fax_number"] or None,
        "known_customer_code": view.customer_code(context["known_customer_id"]),
        "channel": context["channel"],
    }
    body_layout = _email_body_layout(document)
    body = (
        _extract(
            with_subject(body_layout, document.message.subject),
            hints=None,
            locale=locale,
            context=context,
        )
        if body_layout is not None and body_layout.pages
        else None
    )
    body_lines = document_lines(body_layout) if body is not None else []
    extracted = _with_the_email(
        _extract(layout, hints=None, locale=locale, context=context), body, body_lines
    )
    draft = build_draft(extracted, view.md, **match_args)
    hints_used = False
    customer_id = view.customer_ids.get(draft.customer.code) if draft.customer.code else None
    if customer_id:
        hints = view.layout_hints(customer_id)
        language = view.customer_language(customer_id) or locale
        if hints or language != locale:
            extracted = _with_the_email(
                _extract(layout, hints=hints, locale=language, context=context), body, body_lines
            )
            draft = build_draft(extracted, view.md, **match_args)
            hints_used = bool(hints)
    sources = tuple(sorted({str(page.source) for page in layout.pages}))
    draft = with_lines_priced_as_ours(draft, exact_cells=sources == ("sheet",))
    draft = _with_dates_the_email_settles(draft, context=context)
    draft = _with_sent_date_confirmed(draft, document=document, context=context, sources=sources)
    draft = _without_the_day_we_received_it(draft, context=context)
    draft = _with_po_confirmed_by_the_email(draft, document=document, body=body_layout)
    draft = _with_currency_of_earlier_orders(draft, document=document, view=view)
    draft = _with_po_prefix_of_earlier_orders(draft, document=document, view=view)
    return DocumentDraft(draft=draft, view=view, hints_used=hints_used, sources=sources)


def _with_dates_the_email_settles(draft, *, context: dict):
    """An order dated "12/03/2026" read 12 March, in an email sent on 3 December: the document
    writes months first (an Odoo printed in en_US for a British buyer). When only the other
    reading puts the order date on the days before the email was sent, the dates are read that
    way, the delivery date and the lines' dates with them."""
    from dataclasses import replace

    from ingestion.extraction.dates import swapped_day_month
    from ingestion.extraction.model import Field

    sent = context.get("sent_date")
    extracted = draft.extracted
    order_date = extracted.order_date
    if not context.get("has_date_header") or sent is None or order_date is None:
        return draft
    if order_date.rule == "sent_date" or order_date.value is None:
        return draft
    swapped = swapped_day_month(order_date.value)
    near = dt.timedelta(days=7)
    if (
        swapped is None
        or swapped == order_date.value
        or not sent - near <= swapped <= sent
        or sent - dt.timedelta(days=60) <= order_date.value <= sent + dt.timedelta(days=1)
    ):
        return draft

    def turned(f):
        day = swapped_day_month(f.value) if f is not None and f.value else None
        if day is None or day == f.value:
            return f
        return Field(day, min(f.confidence, 0.9), f.source, f.rule + "+mdy_sent")

    def lines_turned(lines):
        return tuple(
            replace(
                ln,
                requested_date=ln.requested_date
                and (swapped_day_month(ln.requested_date) or ln.requested_date),
            )
            for ln in lines
        )

    return replace(
        draft,
        lines=lines_turned(draft.lines),
        extracted=replace(
            extracted,
            order_date=turned(order_date),
            requested_delivery_date=turned(extracted.requested_delivery_date),
            lines=lines_turned(extracted.lines),
        ),
    )


def _with_sent_date_confirmed(draft, *, document: Document, context: dict, sources=()):
    """An email body that prints no date was written the day it was sent: the Date header is its
    order date, not a guess. So is a spreadsheet's or a digital PDF's that prints no date at
    all (on a scan, a date the reader missed is more likely)."""
    from dataclasses import replace

    from ingestion.extraction.dates import find_dates

    order_date = draft.extracted.order_date
    if order_date is None or order_date.rule != "sent_date" or not context.get("has_date_header"):
        return draft
    if document.kind != DocumentKind.BODY and not (
        document.kind in (DocumentKind.SHEET, DocumentKind.PDF)
        and sources
        and "ocr" not in sources
        and not any(find_dates(text) for text in draft.extracted.header_lines + _line_texts(draft))
    ):
        return draft
    confirmed = order_date.with_confidence(max(order_date.confidence, 0.8), "+email_date_header")
    return replace(draft, extracted=replace(draft.extracted, order_date=confirmed))


def _without_the_day_we_received_it(draft, *, context: dict):
    """A document that prints no order date and came with none (an upload, a fax, a sheet): its
    order date is unknown, not the day it reached us (that is the order's ``received_at``)."""
    from dataclasses import replace

    order_date = draft.extracted.order_date
    if order_date is None or order_date.rule != "sent_date" or context.get("has_date_header"):
        return draft
    return replace(draft, extracted=replace(draft.extracted, order_date=None))


EARLIER_ORDERS = 10  # how far back a customer's own currency is looked for


def _with_currency_of_earlier_orders(draft, *, document: Document, view: MasterDataView):
    """A document that writes no currency, from a customer whose master data names none: the
    currency its last orders were written in, when they all agree ("Prices as per your offer"
    from a Dutch buyer of a British supplier, whose every printed order is in euros). Without
    such orders the default stands (the customer's country's, or the price list's)."""
    from dataclasses import replace

    from ingestion.extraction.model import Field

    currency = draft.currency
    code = draft.customer.code
    record = view.md.customer(code) if code else None
    if (
        currency is None
        or not currency.rule.startswith("customer_currency")
        or record is None
        or record.currency
    ):
        return draft
    earlier = (
        Order.objects.filter(tenant_id=document.tenant_id, customer_id=view.customer_ids[code])
        .exclude(source_document=document)
        .order_by("-pk")
        .values_list("currency", "extraction__fields__currency__rule")[:EARLIER_ORDERS]
    )
    printed = {
        value for value, rule in earlier if rule and not rule.startswith("customer_currency")
    }
    if len(printed) != 1 or (currency.value in printed and currency.confidence >= 0.85):
        return draft  # none, several, or what we read already, and surely enough
    (value,) = printed
    if currency.rule == UNSTATED_CURRENCY:
        # an order that prices nothing is booked as the earlier ones; no figure waits on it
        return replace(draft, currency=replace(currency, value=value))
    return replace(draft, currency=Field(value=value, confidence=0.85, rule="customer_orders"))


# an order number's letters before its first digit: "CFF/2027/051" is "CFF"
_PO_PREFIX = re.compile(r"[A-Za-z]{2,}(?=\W?\d)")
PO_PREFIX_MISREAD = 0.7  # a scan's prefix one letter off the customer's usual: a person looks


def _with_po_prefix_of_earlier_orders(draft, *, document: Document, view: MasterDataView):
    """A scanned order number whose letters are one letter off those every earlier order of
    the customer begins with ("CFE/2027/051" from a buyer whose numbers are "CFF/2027/…"): the
    scan misread a letter. The usual letters are put back, for a person to confirm."""
    from dataclasses import replace

    po = draft.extracted.po_number
    code = draft.customer.code
    if po is None or not po.value or "ocr" not in po.rule or not code:
        return draft
    value = str(po.value)
    m = _PO_PREFIX.match(value)
    if m is None:
        return draft
    earlier = list(
        Order.objects.filter(tenant_id=document.tenant_id, customer_id=view.customer_ids[code])
        .exclude(source_document=document)
        .exclude(po_number="")
        .order_by("-pk")
        .values_list("po_number", flat=True)[:EARLIER_ORDERS]
    )
    prefixes = {p.group(0).upper() for number in earlier if (p := _PO_PREFIX.match(number))}
    if len(prefixes) != 1:
        return draft
    (usual,) = prefixes
    read = m.group(0).upper()
    if read == usual or len(read) != len(usual):
        return draft
    if sum(a != b for a, b in zip(read, usual, strict=True)) != 1:
        return draft
    fixed = po.with_confidence(min(po.confidence, PO_PREFIX_MISREAD), "+customer_prefix")
    fixed = replace(fixed, value=usual + value[m.end() :])
    return replace(draft, extracted=replace(draft.extracted, po_number=fixed))


def _email_body_layout(document: Document) -> Layout | None:
    """The body of the email an attachment came with, as read (None for any other document,
    or a body not read yet)."""
    message = document.message
    if message.channel != Channel.EMAIL or document.kind == DocumentKind.BODY:
        return None
    body = (
        Document.objects.filter(
            tenant_id=document.tenant_id, message=message, kind=DocumentKind.BODY
        )
        .exclude(layout={})
        .values_list("layout", flat=True)
        .first()
    )
    return Layout.from_json(body) if body else None


# the body of an email says what its attachment leaves out, or changes it: "Ci-joint notre
# commande, livraison semaine 49 svp", "please deliver to our site at …"
_FROM_THE_EMAIL = ("po_number", "requested_delivery_date", "ship_to")
EMAIL_DISAGREES = 0.5


def _same_value(name: str, a, b) -> bool:
    from ingestion.matching.masterdata import norm_code

    if name == "po_number":
        return norm_code(str(a)) == norm_code(str(b))
    if name == "ship_to":  # the same place: the same postal code
        code = norm_code(a.postal_code or "")
        return bool(code) and code == norm_code(b.postal_code or "")
    return a == b


def _with_the_email(extracted, body, body_lines=()):
    """An attachment's PO number, delivery date and ship-to completed or checked by the email
    it came with. What the attachment leaves out, the email gives; where both say the same, it
    is surer; where they differ, the email's word (written last: "livrer sur le chantier …")
    is taken, for a person to confirm, except the PO number, which the attachment prints. The
    email's changes to the attachment's lines ("Pos. 3 bitte NICHT liefern") are made, for a
    person to confirm."""
    from dataclasses import replace

    from ingestion.extraction.amendments import amended_by_its_email

    if body is None:
        return extracted
    extracted = amended_by_its_email(extracted, list(body_lines)) or extracted
    changes = {}
    for name in _FROM_THE_EMAIL:
        own, said = getattr(extracted, name), getattr(body, name)
        if said is None or said.value in (None, ""):
            continue
        if name == "ship_to" and not said.value.postal_code:
            # "Livraison à notre entrepôt de Saint-Priest, merci de confirmer": a place named
            # in passing, no address to send the goods to
            continue
        if own is None or own.value in (None, ""):
            changes[name] = said.with_confidence(said.confidence, "+email_body")
        elif _same_value(name, own.value, said.value):
            raised = max(own.confidence, min(0.95, said.confidence))
            changes[name] = own.with_confidence(raised, "+email_body_agrees")
        elif (
            name == "requested_delivery_date"
            and said.rule.endswith("+by")
            and own.value <= said.value
        ):
            # "livraison impérativement avant le vendredi 18 décembre" over the attachment's
            # 14 December: the day asked for keeps within the email's limit
            continue
        elif name == "po_number":
            changes[name] = own.with_confidence(
                min(own.confidence, EMAIL_DISAGREES), "+email_body_differs"
            )
        else:
            changes[name] = said.with_confidence(
                min(said.confidence, EMAIL_DISAGREES), "+email_body_differs"
            )
    return replace(extracted, **changes) if changes else extracted


def _with_po_confirmed_by_the_email(draft, *, document: Document, body: Layout | None):
    """An attachment's order number that its email also writes ("Veuillez trouver ci-joint
    notre bon de commande n° BC26-9205"), or that its file is named after, was read right twice
    over: a scan's doubtful reading of it is settled."""
    from dataclasses import replace

    po = draft.extracted.po_number
    if po is None or not po.value or po.confidence >= 0.9:
        return draft
    value = str(po.value).strip()
    if len(re.sub(r"[^0-9A-Za-z]", "", value)) < 4 or not re.search(r"\d", value):
        return draft
    if body is not None:
        text = "\n".join([document.message.subject or "", body.text])
        if re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text, re.IGNORECASE):
            confirmed = po.with_confidence(0.9, "+written_in_the_email")
            return replace(draft, extracted=replace(draft.extracted, po_number=confirmed))
    # the file named after its order ("dubois_commande_DE-26-233.pdf", "PO_4500098812.pdf")
    name = document.filename or ""
    if document.kind != DocumentKind.BODY and re.search(
        rf"(?<![A-Za-z0-9-]){re.escape(value)}(?![A-Za-z0-9-])", name, re.IGNORECASE
    ):
        confirmed = po.with_confidence(0.9, "+in_the_file_name")
        return replace(draft, extracted=replace(draft.extracted, po_number=confirmed))
    return draft


def _line_texts(draft) -> tuple[str, ...]:
    return tuple(ln.description or "" for ln in draft.extracted.lines)


def net_unit_price(line) -> Decimal | None:
    """The price of one unit, net of the line discount, as the document states it.

    The engine gives the net price per ``price_unit`` units. Should a reader hand over the gross
    price instead, the printed line total tells: the reading that multiplies out to the line
    total wins.
    """
    price = line.unit_price
    if price is None:
        return None
    per = line.price_unit if line.price_unit and line.price_unit > 1 else Decimal(1)
    if line.discount and line.quantity and line.line_total is not None:
        exponent = price.as_tuple().exponent
        places = max(2, -exponent) if isinstance(exponent, int) and exponent < 0 else 2
        net = (price * (Decimal(100) - line.discount) / Decimal(100)).quantize(
            Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
        )
        as_is = abs(line.quantity * price / per - line.line_total)
        discounted = abs(line.quantity * net / per - line.line_total)
        if discounted < as_is and discounted <= Decimal("0.02") * max(1, line.quantity / 100):
            price = net
    return price / per if per != 1 else price


# a line of an email body beside attachments that makes an order of its own is named this surely
BODY_LINE_SURE = 0.8
ATTACHMENT_KINDS = (DocumentKind.PDF, DocumentKind.IMAGE, DocumentKind.SHEET, DocumentKind.EDI)
SETTLED = (
    DocumentStatus.EXTRACTED,
    DocumentStatus.NOT_AN_ORDER,
    DocumentStatus.SET_ASIDE,
    DocumentStatus.DUPLICATE,
    DocumentStatus.FAILED,
    DocumentStatus.HANDLED,
)


def _worth_an_order(document: Document, draft: DocumentDraft) -> bool:
    """Whether this document makes an order (possibly a rejected one).

    The only document of its message always does: an order, or a rejected one for the desk to
    see. Among several, a part that is not an order makes none (the terms of purchase attached
    to a PO), and an email body next to attachments makes one only when every line names a
    product we know, surely: "please find attached our order n° 4711" is not a line of 4711 pieces.
    When every part is settled and none made an order, the last one makes a rejected order, so
    that nothing received goes unseen.
    """
    extracted = draft.extracted
    siblings = list(
        Document.objects.filter(message_id=document.message_id)
        .exclude(pk=document.pk)
        .exclude(status__in=[DocumentStatus.SET_ASIDE, DocumentStatus.DUPLICATE])
        .values_list("pk", "kind", "status")
    )
    if not siblings:
        return True
    if extracted.is_order and extracted.lines:
        if document.kind == DocumentKind.BODY and any(
            kind in ATTACHMENT_KINDS for _pk, kind, _s in siblings
        ):
            # (named for sure: "pour les cadres en kit : 200 pièces, donc 20 paquets de 10"
            # explains the attached order's line, a guess at a product is no line of its own)
            return all(
                line.match.sku and line.confidence >= BODY_LINE_SURE for line in draft.draft.lines
            )
        return True
    if all(status in SETTLED for _pk, _kind, status in siblings):
        return not Order.objects.filter(
            source_document_id__in=[pk for pk, _k, _s in siblings]
        ).exists()
    return False


# --- writing --------------------------------------------------------------------------------


def _plain(value):
    if hasattr(value, "to_json"):
        return value.to_json()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _field_json(f, confidence: float | None = None) -> dict | None:
    if f is None:
        return None
    value = f.confidence if confidence is None else confidence
    return {
        "value": _plain(f.value),
        "confidence": round(float(value), 4),
        "source": f.source,
        "rule": f.rule,
    }


def _header_fields(draft) -> dict:
    """Every header field with its confidence; the engine's draft confidences win where given
    (they fold in the customer's master data, e.g. a currency confirmed by the customer's)."""
    extracted = draft.extracted
    fields = {}
    for name in (
        "po_number",
        "order_date",
        "requested_delivery_date",
        "bill_to",
        "buyer",
        "customer_number",
        "vat_numbers",
        "contact",
        "payment_terms",
        "notes",
        "total",
        "grand_total",
        "tax_total",
    ):
        data = _field_json(getattr(extracted, name))
        if data is not None:
            fields[name] = data
    if draft.currency is not None:
        fields["currency"] = _field_json(draft.currency)
    if draft.ship_to is not None:
        fields["ship_to"] = _field_json(draft.ship_to)
    return fields


def _address_json(address, fallback_country: str | None) -> dict:
    if address is None:
        return {}
    data = {k: (getattr(address, k, None) or "") for k in SHIP_TO_KEYS}
    if getattr(address, "contact", None):
        data["contact"] = address.contact
    if not data["country"] and fallback_country:
        data["country"] = fallback_country
    return data if any(data.get(k) for k in SHIP_TO_KEYS) else {}


SHIP_TO_CONFIRMED = 0.9


def _printed_address_confirmed(field: dict | None, printed: dict, stored) -> bool:
    """A ship-to block (or a sentence's address: "Lieferadresse = Rechnungsadresse (Güterstrasse
    120, 4053 Basel)") read on the document that is one of the customer's own addresses (same
    postal code, same street): the master data vouches for the reading. A ship-to the engine
    defaulted (letterhead, main address) is not confirmed this way: the document may name
    another address the reading missed."""
    if field is None or stored is None:
        return False
    rule = field.get("rule", "")
    if not rule.startswith(("block", "label", "prose_address")):
        return False
    from ingestion.matching.text import name_similarity, norm_name

    street = norm_name(printed.get("street") or "")
    return bool(street) and name_similarity(norm_name(stored.street), street) >= 90


def _is_order(extracted) -> bool:
    """An order, as the engine classifies it; a text with neither a line nor a PO number (an
    out-of-office reply, "call me about my order") has nothing to draft and is not one."""
    if not extracted.is_order:
        return False
    return bool(extracted.lines or extracted.value("po_number"))


def _money(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _order_type(extracted) -> str:
    return OrderType.SAMPLE if extracted.document_type == "sample_order" else OrderType.STANDARD


@transaction.atomic
def _draft_save(*, document: Document, draft: DocumentDraft) -> Order:
    from customers.models import Customer

    tenant = document.tenant
    engine = draft.draft
    extracted = engine.extracted
    message = document.message
    view = draft.view
    customer_id = view.customer_ids.get(engine.customer.code) if engine.customer.code else None
    customer = (
        Customer.objects.for_tenant(tenant).filter(pk=customer_id).first() if customer_id else None
    )
    currency = (
        (engine.currency.value if engine.currency else None)
        or (customer.currency if customer else tenant.currency)
        or "EUR"
    )
    ship_to = _address_json(
        engine.ship_to.value if engine.ship_to else None,
        view.customer_country(customer.pk) if customer else None,
    )
    ship_to_address = view.find_address(customer.pk, ship_to) if customer and ship_to else None
    printed_ship_to = dict(ship_to)
    if ship_to_address is not None:
        ship_to.update(
            {k: v for k, v in ship_to_address.as_dict().items() if v and not ship_to.get(k)}
        )
    fields = _header_fields(engine)
    if _printed_address_confirmed(fields.get("ship_to"), printed_ship_to, ship_to_address):
        fields["ship_to"]["confidence"] = max(fields["ship_to"]["confidence"], SHIP_TO_CONFIRMED)
        fields["ship_to"]["rule"] += "+customer_address"

    order = Order.objects.create(
        tenant=tenant,
        number=order_next_number(tenant=tenant),
        customer=customer,
        channel=message.channel if message.channel in OrderChannel.values else OrderChannel.UPLOAD,
        order_type=_order_type(extracted),
        status=OrderStatus.RECEIVED,
        po_number=(extracted.value("po_number") or "")[:80],
        order_date=extracted.value("order_date"),
        requested_delivery_date=extracted.value("requested_delivery_date"),
        ship_to=ship_to_address,
        ship_to_address=ship_to,
        currency=str(currency)[:3],
        stated_total=_money(extracted.value("total"))
        if extracted.total is not None and total_printed(extracted.total.rule)
        else None,
        stated_grand_total=_money(extracted.value("grand_total")),
        notes=str(extracted.value("notes") or "")[:2000],
        source_document=document,
        received_at=message.received_at,
        created_by=message.uploaded_by,
        extraction={
            "document": {
                "id": document.pk,
                "is_order": _is_order(extracted),
                "type": extracted.document_type,
                "reason": extracted.not_order_reason
                or _("nothing to order: no line and no PO number"),
                "language": extracted.language,
                "warnings": list(extracted.warnings),
                "unread_lines": list(extracted.unread_lines),
                "prices_in_prose": list(extracted.prices_in_prose),
                "amendments": list(extracted.amendments),
                "hints_used": draft.hints_used,
                "sources": draft.sources,
                "price_titled": extracted.price_titled,
            },
            "customer": _customer_json(engine.customer, view),
            "fields": fields,
            "engine_confidence": {k: round(float(v), 4) for k, v in engine.confidence.items()},
            "engine_issues": list(engine.issues),
        },
    )
    rate = _share_of_our_prices(engine.lines, extracted.lines, view.md)
    for position, line in enumerate(engine.lines):
        _line_create(
            order=order,
            position=position,
            line=line,
            extracted=extracted.lines[position],
            view=view,
            rate=rate,
        )
    order_recompute_totals(order=order)
    order_event_record(
        order=order,
        kind="drafted",
        reason=_("Drafted from %(file)s")
        % {"file": document.filename or document.get_kind_display()},
        data={"document_id": document.pk, "hints_used": draft.hints_used},
    )
    return order_decide(order=order)


def _customer_json(match, view: MasterDataView) -> dict:
    candidates = []
    for code, score in match.candidates:
        record = view.md.customer(code)
        candidates.append(
            {
                "id": view.customer_ids.get(code),
                "code": code,
                "name": record.name if record else "",
                "score": score,
                "evidence": list(match.evidence.get(code, [])),
            }
        )
    # Two customers with close evidence: say so instead of picking one.
    ambiguous = (
        len(match.candidates) > 1
        and match.candidates[1][1] >= match.candidates[0][1] * 0.8
        and match.confidence < 0.9
    )
    return {
        "id": view.customer_ids.get(match.code) if match.code else None,
        "code": match.code,
        "confidence": round(float(match.confidence), 4),
        "method": match.rule,
        "ambiguous": bool(ambiguous),
        "candidates": candidates,
    }


def _product_json(match, view: MasterDataView) -> dict:
    candidates = []
    for sku, score in match.candidates:
        record = view.md.product(sku)
        candidates.append(
            {
                "id": view.product_ids.get(sku),
                "sku": sku,
                "description": record.description if record else "",
                "score": score,
                "evidence": list(match.evidence.get(sku, [])),
            }
        )
    return {
        "id": view.product_ids.get(match.sku) if match.sku else None,
        "sku": match.sku,
        "confidence": round(float(match.confidence), 4),
        "method": match.rule,
        # Candidates but no pick: the matcher saw several fits and would not guess.
        "ambiguous": match.sku is None and len(match.candidates) > 1,
        "candidates": candidates,
        "expected_price": _plain(match.expected_price),
    }


# a quantity converted into the product's unit ("3 cartons de 5 ramettes" booked as 15 reams)
# is an interpretation: below the quantity threshold, for a person to confirm once
PACK_CONVERSION = 0.8
# …sure when the price is ours (or the content said twice) and the converted count at that
# price is the line's printed amount
ADDS_UP_CONVERTED = 0.9
# a count in another unit than the product's with nothing to convert it: boxes or rolls?
UNIT_DIFFERS = 0.6
# Beyond these no order line goes (nor fits the line's decimal fields): a number read as the
# count or the price is a misreading, left for a person with the printed value kept
LARGEST_QUANTITY = Decimal("9999999")
LARGEST_AMOUNT = Decimal("999999999")


def _counts_another_unit(printed: str | None, ours: str | None) -> bool:
    """The line counts in a unit we know that is not the product's (boxes of a product sold
    by the roll, kilos of one sold by the tub)."""
    counted = normalise_unit(printed) if printed else None
    sold = (unit_code(ours) or ours.upper()) if ours else None
    first = re.match(
        r"\s*([^\W\d_]+)\.?(?:\s+(?:lt|laut|gem|gemass|selon|as\s+per|per)\b|$)", printed or ""
    )
    if counted is None and first and normalise_unit(first[1]) == sold:
        return False  # "kg lt. RV" (by the framework contract): kilos, as we sell them
    if counted is None and printed and sold in MEASURES:
        # "12 Schalen" of chocolate we sell by the kilo: a word we do not know counts it
        return bool(re.search(r"[^\W\d_]{2,}", printed))
    return bool(counted and sold and counted != sold)


# a line priced at this share of our price counts our units: a container's price would be a
# multiple of ours (two of ours at a 30 % discount are still 1.4 times our price)
OUR_PRICE_BAND = (Decimal("0.6"), Decimal("1.35"))


def _size_said_on_the_line(extracted, factor, unit_price, match) -> bool:
    """The line writes how many of ours one holds ("2 ctn (6 btl)"), its price is about ours
    (less a customer's discount) and its amount is the converted count's, not the printed
    one's: the line says the size twice."""
    if not factor or unit_price is None or not match.expected_price:
        return False
    size = factor if factor >= 1 else 1 / factor
    if size != size.to_integral() or size < 2:
        return False
    printed = net_unit_price(extracted)
    if (
        extracted.line_total is None
        or extracted.quantity is None
        or printed is None
        or abs(extracted.quantity * printed - extracted.line_total) <= Decimal("0.01")
    ):
        return False  # "2 boxes … 73.80 147.60": the amount holds for the boxes as well
    said = numbers_in(extracted.unit, extracted.description, extracted.raw_text)
    return size in said and (
        match.expected_price * PACK_PRICE_FLOOR
        <= unit_price
        <= match.expected_price * Decimal("1.005")
    )


def _our_unit_after_all(price, expected, printed: str | None, product) -> bool:
    """A count in another unit's word that is ours after all: priced as one of ours ("10
    Kanister" at 14,90 for our can at 14.90 sold by the piece), or, unpriced, counted in the
    container our own description names as the piece ("10 bidons" of our "… bidon 10 L"), or
    in pairs of what we sell by the piece (boots, gloves)."""
    if price is not None and expected:
        return OUR_PRICE_BAND[0] <= price / expected <= OUR_PRICE_BAND[1]
    if price is not None and product is not None and product.list_price:
        # priced in another currency than our list's ("20 Pak" at CHF 8.55 of our box of 100
        # at EUR 8.40): about one of ours, as a rate between near currencies keeps it
        return OUR_PRICE_BAND[0] <= price / product.list_price <= OUR_PRICE_BAND[1]
    if product is None or price is not None or (unit_code(product.unit) or "EA") != "EA":
        return False
    counted = normalise_unit(printed)
    if counted is None:
        return False
    # what our description counts inside the piece ("dispenser of 200 pairs") is no piece
    held = {normalise_unit(word) for word in _COUNTED_INSIDE.findall(product.description or "")}
    if counted in held:
        return False
    if counted == "PR":
        return True  # "4 Paar" of safety boots we sell by the piece: a pair is the piece
    return counted in {
        normalise_unit(word) for word in re.findall(r"[^\W\d_]+", product.description)
    }


_COUNTED_INSIDE = re.compile(r"\d+\s*([^\W\d_]+)")


def _list_price(md, sku: str | None) -> Decimal | None:
    product = md.product(sku) if sku else None
    return product.list_price if product is not None else None


def _share_of_our_prices(lines, extracted_lines, md) -> Decimal | None:
    """The share of our list price at which the order prices most lines it counts in our
    units (``common_share``): an exchange rate, or the customer's discount. A line converted
    from a pack priced at that share too is priced right (a German theatre's euros for a list
    in pounds, "Karton à 24 Rollen" at 13,22 the roll, as every other line stands to ours)."""
    shares = []
    for line, extracted in zip(lines, extracted_lines, strict=False):
        price = net_unit_price(extracted)
        ours = _list_price(md, line.match.sku)
        counted = line.match.quantity_in_product_unit
        if not price or not ours or (counted is not None and counted != extracted.quantity):
            continue
        shares.append((price, ours))
    return common_share(shares)


def _line_create(
    *,
    order: Order,
    position: int,
    line,
    extracted,
    view: MasterDataView,
    rate: Decimal | None = None,
) -> OrderLine:
    """One OrderLine from the engine's DraftLine ``line`` and the ExtractedLine it came from."""
    match = line.match
    confidences = dict(extracted.field_confidence or {})
    fields = {
        name: {
            "value": _plain(getattr(extracted, name, None)),
            "confidence": round(float(value), 4),
            "source": extracted.source,
            "rule": extracted.rule,
        }
        for name, value in confidences.items()
    }
    quantity = extracted.quantity
    unit = (extracted.unit or match.unit or "EA")[:40]
    unit_price = net_unit_price(extracted)
    converted = (
        match.quantity_in_product_unit is not None
        and quantity
        and match.quantity_in_product_unit != quantity
        and match.unit
    )
    if converted:
        # "2 cartons" of a product sold by the piece: the order counts pieces. A person
        # confirms the conversion once (the quantity's confidence is lowered below threshold).
        factor = match.quantity_in_product_unit / quantity
        quantity, unit = match.quantity_in_product_unit, match.unit[:40]
        # the price already for one of ours when the converted count gives the printed amount
        # ("8 Bündel à 25 St." at 0,41 the piece, 82,00)
        # …or when it is our list price to the cent ("2 Rollen (= 100 lfm) à € 1,15/lfm")
        per_ours = unit_price is not None and (
            (
                extracted.line_total is not None
                and abs(quantity * unit_price - extracted.line_total) <= Decimal("0.01")
            )
            or (
                match.expected_price is not None
                and price_close(unit_price, match.expected_price)
                and not price_close(unit_price / factor, match.expected_price)
            )
        )
        if unit_price is not None and not per_ours:
            unit_price = unit_price / factor
        # our list price per unit, to the cent, once converted: the price vouches for the
        # factor ("2 Box of 36" at 73.80 for a roll listed at 2.05)
        priced_right = (
            unit_price is not None
            and match.expected_price is not None
            and price_close(unit_price, match.expected_price)
        ) or (
            unit_price is not None
            and rate is not None
            and bool(ours := _list_price(view.md, match.sku))
            and price_close(unit_price, (ours * rate).quantize(Decimal("0.01")))
        )
        product = view.md.product(match.sku) if match.sku else None
        # or the line's container holds what ours does, both say so ("4 bidon 5L" of our
        # "bidon 5 L (prix au litre)"), or our description says the case holds that many
        # and the case's price is that many of ours, less a customer's discount ("2 CS" at
        # 45,00 of our "… (carton de 12)" at 3,90: 24 at 3,75)
        stated = product is not None and (
            content_stated_twice(extracted, match.unit, our_description(product), factor)
            or content_in_its_unit(extracted, match.unit, our_description(product), factor)
            or pack_stated_and_priced(
                factor, unit_price, match.expected_price, our_description(product)
            )
        )
        # the line's amount, which its count did not give, is the converted count at the
        # price: "2 cartons 9.80 /pce 490.00" is 50 at 9.80 (the table could not check it)
        adds_up = (
            (priced_right or stated or _size_said_on_the_line(extracted, factor, unit_price, match))
            and unit_price is not None
            and extracted.line_total is not None
            and abs(quantity * unit_price - extracted.line_total) <= Decimal("0.01")
        )
        if adds_up and "unit_price" in fields:
            fields["unit_price"] = {
                **fields["unit_price"],
                "confidence": max(fields["unit_price"]["confidence"], ADDS_UP_CONVERTED),
            }
        fields["quantity"] = {
            **fields.get("quantity", {}),
            "value": _plain(quantity),
            "confidence": max(confidences.get("quantity", PACK_CONVERSION), ADDS_UP_CONVERTED)
            if adds_up
            else confidences.get("quantity", PACK_CONVERSION)
            if priced_right or stated
            else min(PACK_CONVERSION, confidences.get("quantity", PACK_CONVERSION)),
            "rule": "pack_conversion+price"
            if priced_right
            else "pack_conversion+stated_twice"
            if stated
            else "pack_conversion",
            # the document's arithmetic holds whatever the factor: it cannot vouch for it
            "unit_in_doubt": not (priced_right or stated),
        }
    elif (
        _counts_another_unit(extracted.unit, match.unit)
        and "quantity" in fields
        and not _our_unit_after_all(
            unit_price, match.expected_price, extracted.unit, view.md.product(match.sku)
        )
    ):
        # "2 Box" of a product we sell by the roll, with nothing saying how many a box holds:
        # the count may be of boxes or of rolls, a person says which
        fields["quantity"] = {
            **fields["quantity"],
            "confidence": min(UNIT_DIFFERS, fields["quantity"]["confidence"]),
            "rule": f"{fields['quantity'].get('rule') or ''}+unit_differs",
            "unit_in_doubt": True,
        }
    if quantity is not None and abs(quantity) > LARGEST_QUANTITY:
        quantity = None  # a registration or phone number read as the count
    if (
        unit_price is not None
        and quantity is not None
        and abs(quantity * unit_price) > LARGEST_AMOUNT
    ):
        unit_price = None  # an amount no line of an order holds: a misreading
    if quantity is None:
        fields["quantity"] = {
            "value": None,
            "confidence": 0.0,
            "source": extracted.source,
            "rule": "missing",
        }
    return OrderLine.objects.create(
        tenant_id=order.tenant_id,
        order=order,
        position=position,
        product_id=view.product_ids.get(match.sku) if match.sku else None,
        customer_sku=(extracted.customer_sku or "")[:80],
        description=(extracted.description or "")[:500],
        quantity=quantity if quantity is not None else Decimal("0"),
        unit=unit,
        unit_price=unit_price,
        requested_date=extracted.requested_date,
        extraction={
            "fields": fields,
            "confidence": round(float(extracted.confidence), 4),
            "product": _product_json(match, view),
            "printed": {
                "sku": extracted.sku,
                "gtin": extracted.gtin,
                "unit": extracted.unit,
                "quantity": _plain(extracted.quantity),
                "unit_price": _plain(extracted.unit_price),
                "discount": _plain(extracted.discount),
                "price_unit": _plain(extracted.price_unit),
                "codes": list(extracted.codes),
                "raw_text": (extracted.raw_text or "")[:500],
            },
            "stated_line_total": None if converted else _plain(extracted.line_total),
            "source": extracted.source,
            "rule": extracted.rule,
        },
    )


def order_decide(*, order: Order) -> Order:
    """Run the rules over the order as stored and move it: validated (auto-approved, through
    ``orders.services.order_validate`` so the acknowledgment and the ERP export follow), needs
    review, or rejected. Records the issues and one event per move."""
    from orders.services import OrderError, order_reject, order_validate

    issues = order_check_rules(order=order)
    settings = extraction_settings_for(order.tenant)
    decision: Decision = decide(issues=issues, settings=settings)
    order.issues = issues
    earlier = [i["params"]["order_id"] for i in issues if i["code"] == "duplicate_po_number"]
    order.duplicate_of_id = earlier[0] if earlier else None  # the desk compares the two
    order.save(update_fields=["issues", "duplicate_of", "updated_at"])
    order_transition(
        order=order, to=OrderStatus.EXTRACTED, reason=_("Fields read from the document")
    )
    data = {"issues": [i["code"] for i in issues], "blocking": decision.reasons}
    if decision.outcome == Outcome.AUTO_APPROVE:
        try:
            order_validate(
                order=order,
                reason=_("Approved automatically: every field is confident and no rule blocks."),
                auto=True,
            )
        except OrderError as error:
            # the order services see a reason the rules did not: a person decides
            data["blocking"] = [f"order_validate: {error}"]
        else:
            order_event_record(order=order, kind="auto_approved", data=data)
            return order
    if decision.outcome == Outcome.REJECT:
        reason = order.extraction["document"].get("reason") or "?"
        return order_reject(
            order=order, actor=None, reason=_("Not an order: %(reason)s") % {"reason": reason}
        )
    order_transition(
        order=order,
        to=OrderStatus.NEEDS_REVIEW,
        reason=_("Sent to the order desk: %(codes)s") % {"codes": ", ".join(data["blocking"])},
        data=data,
    )
    return order
