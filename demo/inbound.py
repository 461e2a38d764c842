"""Inbound documents waiting in the order desk's queue: PDF purchase orders by email, a fax
scan (TIFF), a plain-text email order and a PO from a company that is not a customer yet.

They go through the real ingestion pipeline (store raw → split → read/OCR → extract → match →
decide), so what the order desk sees is what the pipeline made of them. Each carries something
for a person to look at: an old price, a part number nobody knows, a fax scan, an unknown sender.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import random
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from django.db import transaction
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from demo.generator import TZ, Cust, Generator
from demo.names import ascii_slug
from ingestion.models import Channel

logger = logging.getLogger(__name__)

SUPPLIER_ADDRESS = ["Vauban Industrial Supplies", "27 rue de l'Industrie", "59000 Lille", "France"]

WORDS = {
    "fr": {
        "title": "BON DE COMMANDE",
        "no": "N°",
        "date": "Date",
        "delivery": "Livraison souhaitée",
        "supplier": "Fournisseur",
        "ship": "Adresse de livraison",
        "ref": "Réf.",
        "desc": "Désignation",
        "qty": "Qté",
        "unit": "Unité",
        "price": "P.U. HT",
        "amount": "Montant HT",
        "total": "Total HT",
        "tax": "TVA 20 %",
        "gross": "Total TTC",
        "sign": "Le service achats",
        "date_fmt": "%d/%m/%Y",
    },
    "de": {
        "title": "BESTELLUNG",
        "no": "Nr.",
        "date": "Datum",
        "delivery": "Liefertermin",
        "supplier": "Lieferant",
        "ship": "Lieferanschrift",
        "ref": "Art.-Nr.",
        "desc": "Bezeichnung",
        "qty": "Menge",
        "unit": "ME",
        "price": "Preis",
        "amount": "Betrag",
        "total": "Summe netto",
        "tax": None,
        "gross": None,
        "sign": "Einkauf",
        "date_fmt": "%d.%m.%Y",
    },
    "en": {
        "title": "PURCHASE ORDER",
        "no": "No.",
        "date": "Date",
        "delivery": "Required by",
        "supplier": "Vendor",
        "ship": "Ship to",
        "ref": "Item",
        "desc": "Description",
        "qty": "Qty",
        "unit": "UoM",
        "price": "Unit price",
        "amount": "Amount",
        "total": "Net total",
        "tax": None,
        "gross": None,
        "sign": "Purchasing department",
        "date_fmt": "%m/%d/%Y",
    },
}


def _money(cents: int, language: str) -> str:
    text = f"{cents / 100:,.2f}"  # 1,234.56
    if language == "fr":
        return text.replace(",", "\u202f").replace(".", ",")
    if language == "de":
        return text.replace(",", "X").replace(".", ",").replace("X", ".")
    return text


def po_pdf(
    *,
    language: str,
    buyer: dict,
    ship_to: dict,
    po_number: str,
    order_date: dt.date,
    delivery: dt.date,
    lines: list[dict],
    currency: str,
) -> bytes:
    """A one-page purchase order as a buyer's ERP would print it."""
    w = WORDS[language]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    pdf.setTitle(f"{w['title']} {po_number}")
    y = height - 20 * mm
    pdf.setFont("Helvetica-Bold", 13)
    pdf.drawString(20 * mm, y, buyer["name"])
    pdf.setFont("Helvetica", 9)
    for k, text in enumerate(
        [buyer["street"], f"{buyer['postal_code']} {buyer['city']}", buyer.get("extra", "")]
    ):
        pdf.drawString(20 * mm, y - (5 + 4.5 * k) * mm, text)
    pdf.setFont("Helvetica-Bold", 15)
    pdf.drawRightString(width - 20 * mm, y, w["title"])
    pdf.setFont("Helvetica", 10)
    pdf.drawRightString(width - 20 * mm, y - 6 * mm, f"{w['no']} {po_number}")
    pdf.drawRightString(
        width - 20 * mm, y - 11 * mm, f"{w['date']}: {order_date.strftime(w['date_fmt'])}"
    )
    pdf.drawRightString(
        width - 20 * mm, y - 16 * mm, f"{w['delivery']}: {delivery.strftime(w['date_fmt'])}"
    )
    y -= 36 * mm
    pdf.setFont("Helvetica-Bold", 9)
    pdf.drawString(20 * mm, y, w["supplier"])
    pdf.drawString(110 * mm, y, w["ship"])
    pdf.setFont("Helvetica", 9)
    ship_lines = [
        ship_to["name"],
        ship_to["street"],
        f"{ship_to['postal_code']} {ship_to['city']}",
        ship_to["country"],
    ]
    for k, (left, right) in enumerate(zip(SUPPLIER_ADDRESS, ship_lines, strict=True)):
        pdf.drawString(20 * mm, y - (5 + 4.5 * k) * mm, left)
        pdf.drawString(110 * mm, y - (5 + 4.5 * k) * mm, right)
    y -= 34 * mm
    columns = [
        (20, w["ref"], "l"),
        (48, w["desc"], "l"),
        (136, w["qty"], "r"),
        (150, w["unit"], "l"),
        (172, w["price"], "r"),
        (192, w["amount"], "r"),
    ]
    pdf.setFont("Helvetica-Bold", 9)
    for x, label, align in columns:
        (pdf.drawString if align == "l" else pdf.drawRightString)(x * mm, y, label)
    pdf.line(20 * mm, y - 2 * mm, 192 * mm, y - 2 * mm)
    pdf.setFont("Helvetica", 9)
    total = 0
    for line in lines:
        y -= 6.5 * mm
        amount = line["quantity"] * line["price"]
        total += amount
        values = [
            line["ref"],
            line["description"][:52],
            str(line["quantity"]),
            line["unit"],
            _money(line["price"], language),
            _money(amount, language),
        ]
        for (x, _, align), value in zip(columns, values, strict=True):
            (pdf.drawString if align == "l" else pdf.drawRightString)(x * mm, y, value)
    pdf.line(20 * mm, y - 3 * mm, 192 * mm, y - 3 * mm)
    y -= 9 * mm
    pdf.setFont("Helvetica-Bold", 10)
    pdf.drawRightString(172 * mm, y, w["total"])
    pdf.drawRightString(192 * mm, y, f"{_money(total, language)} {currency}")
    if w["tax"]:
        tax = round(total * 0.2)
        pdf.setFont("Helvetica", 10)
        pdf.drawRightString(172 * mm, y - 5 * mm, w["tax"])
        pdf.drawRightString(192 * mm, y - 5 * mm, f"{_money(tax, language)} {currency}")
        pdf.setFont("Helvetica-Bold", 10)
        pdf.drawRightString(172 * mm, y - 10 * mm, w["gross"])
        pdf.drawRightString(192 * mm, y - 10 * mm, f"{_money(total + tax, language)} {currency}")
    pdf.setFont("Helvetica-Oblique", 9)
    pdf.drawString(20 * mm, 30 * mm, w["sign"])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def fax_tiff(pdf: bytes, *, sender_fax: str, when: dt.datetime, seed: int) -> bytes:
    """The PDF as a receiving fax machine stores it: 204x196 dpi, 1 bit, slightly skewed and
    speckled, with the sender's header line across the top."""
    import pypdfium2
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=200 / 72).to_pil().convert("L")
    finally:
        document.close()
    image = image.rotate(
        rng.uniform(-0.8, 0.8), expand=False, fillcolor=255, resample=Image.BICUBIC
    )
    draw = ImageDraw.Draw(image)
    header = f"{when:%d/%m/%Y %H:%M}   FROM: {sender_fax}   TO: +33 3 20 55 41 00   P.001/001"
    draw.text((40, 8), header, fill=0)
    pixels = image.load()
    for _ in range(image.width * image.height // 900):
        pixels[rng.randrange(image.width), rng.randrange(image.height)] = 0
    image = image.resize((int(image.width * 204 / 200), int(image.height * 196 / 200)))
    bw = image.point(lambda v: 0 if v < 170 else 255, mode="1")
    out = io.BytesIO()
    bw.save(out, format="TIFF", compression="group4", dpi=(204, 196))
    return out.getvalue()


def email_bytes(
    *,
    sender: str,
    subject: str,
    body: str,
    when: dt.datetime,
    attachment: tuple[str, bytes] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "orders@vauban-supplies.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1])
    message.set_content(body)
    if attachment:
        message.add_attachment(
            attachment[1], maintype="application", subtype="pdf", filename=attachment[0]
        )
    return bytes(message)


def _lines(
    generator: Generator, cust: Cust, day: dt.date, *, with_aliases: bool, count: int = 4
) -> list[dict]:
    lines = []
    for pindex, usual, _ in cust.basket[:count]:
        prod = generator.products[pindex]
        lines.append(
            {
                "ref": cust.aliases.get(pindex, prod.sku) if with_aliases else prod.sku,
                "sku": prod.sku,
                "description": prod.spec.description,
                "quantity": usual,
                "unit": prod.spec.unit,
                "price": generator.unit_price(cust, pindex, day, usual),
            }
        )
    return lines


def _address(generator: Generator, cust: Cust) -> dict:
    return cust.ship_tos[0][1]


def _contact(cust: Cust) -> str:
    return (
        f"achats@{cust.domain}"
        if cust.country in ("FR", "BE")
        else f"purchasing@{cust.domain}"
        if cust.country in ("GB", "US")
        else f"einkauf@{cust.domain}"
    )


def build_inbound(generator: Generator) -> list[dict]:
    """The documents, as (channel, filename, raw bytes, received_at, customer or None, what to look at)."""
    rng = generator.rng("inbound")
    today = generator.today
    now = timezone.now().astimezone(TZ)
    received = [now - dt.timedelta(minutes=m) for m in (95, 70, 52, 31, 12)]
    special = {id(c) for c in generator.roles.values()}
    pool = [c for c in generator.customers if id(c) not in special and c.stop is None]

    def choose(condition) -> Cust:
        fitting = [c for c in pool if condition(c)] or pool
        cust = rng.choice(fitting)
        pool.remove(cust)
        return cust

    delivery = generator.supplier.add(today, 5)
    docs = []

    # 1. A French customer emails a PDF: one line still at last year's price.
    fr = choose(lambda c: c.country == "FR" and c.aliases and len(c.basket) >= 3)
    lines = _lines(generator, fr, today, with_aliases=True)
    old = lines[1]
    old["price"] = generator.products[fr.basket[1][0]].prices[(fr.currency, today.year - 1)]
    po = generator._po_number(fr, today, rng)
    pdf = po_pdf(
        language="fr",
        buyer=fr.ship_tos[0][1] | {"name": fr.name},
        ship_to=_address(generator, fr),
        po_number=po,
        order_date=today,
        delivery=delivery,
        lines=lines,
        currency=fr.currency,
    )
    raw = email_bytes(
        sender=_contact(fr),
        subject=f"Commande {po}",
        when=received[0],
        body="Bonjour,\n\nVeuillez trouver ci-joint notre commande.\n\nCordialement,\n"
        "Le service achats",
        attachment=(f"BC_{po}.pdf", pdf),
    )
    docs.append(
        {
            "channel": Channel.EMAIL,
            "filename": f"commande-{po}.eml",
            "raw": raw,
            "received_at": received[0],
            "customer": fr,
            "expect": f"price of {old['sku']} is last year's",
        }
    )

    # 2. A German customer's PDF with a part number that is in no alias table.
    de = (
        choose(lambda c: c.country == "DE" and len(c.basket) >= 3)
        if any(c.country == "DE" for c in pool)
        else choose(lambda c: True)
    )
    language = "de" if de.country == "DE" else "en"
    lines = _lines(generator, de, today, with_aliases=True, count=3)
    unknown = generator.products[
        rng.choice(
            [i for i in range(len(generator.products)) if i not in {p for p, _, _ in de.basket}]
        )
    ]
    lines.append(
        {
            "ref": f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
            "sku": unknown.sku,
            # the buyer's own words for it, which name none of our products: only the person
            # who knows the customer can say which one it is
            "description": "Sonderteil laut Zeichnung"
            if language == "de"
            else "Special part as per drawing",
            "quantity": unknown.spec.typical,
            "unit": unknown.spec.unit,
            "price": unknown.prices[(de.currency, today.year)],
        }
    )
    po = generator._po_number(de, today, rng)
    pdf = po_pdf(
        language=language,
        buyer=de.ship_tos[0][1] | {"name": de.name},
        ship_to=_address(generator, de),
        po_number=po,
        order_date=today,
        delivery=delivery,
        lines=lines,
        currency=de.currency,
    )
    raw = email_bytes(
        sender=_contact(de),
        subject=f"Bestellung {po}",
        when=received[1],
        body="Sehr geehrte Damen und Herren,\n\nanbei unsere Bestellung.\n\nMit freundlichen Grüßen\n"
        "Einkauf",
        attachment=(f"Bestellung_{po}.pdf", pdf),
    )
    docs.append(
        {
            "channel": Channel.EMAIL,
            "filename": f"bestellung-{po}.eml",
            "raw": raw,
            "received_at": received[1],
            "customer": de,
            "expect": f"unknown part number {lines[-1]['ref']}",
        }
    )

    # 3. A fax from a customer that still faxes.
    fx = choose(lambda c: c.base_channel == "fax" and c.country in ("FR", "BE"))
    lines = _lines(generator, fx, today, with_aliases=True, count=3)
    po = generator._po_number(fx, today, rng)
    pdf = po_pdf(
        language="fr",
        buyer=fx.ship_tos[0][1] | {"name": fx.name},
        ship_to=_address(generator, fx),
        po_number=po,
        order_date=today,
        delivery=delivery,
        lines=lines,
        currency=fx.currency,
    )
    tiff = fax_tiff(
        pdf,
        sender_fax=f"+33 3 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)}",
        when=received[2],
        seed=generator.seed,
    )
    docs.append(
        {
            "channel": Channel.FAX,
            "filename": f"fax-{received[2]:%Y%m%d-%H%M}.tif",
            "raw": tiff,
            "received_at": received[2],
            "customer": fx,
            "expect": "fax scan (OCR)",
        }
    )

    # 4. A British customer types the order in the email body.
    gb = choose(lambda c: c.country in ("GB", "US"))
    lines = _lines(generator, gb, today, with_aliases=False, count=3)
    po = generator._po_number(gb, today, rng)
    body = (
        "Hi team,\n\nCould you please send us the following, PO "
        + po
        + ":\n\n"
        + "\n".join(
            f"- {line['quantity']} x {line['sku']} ({line['description']})" for line in lines
        )
        + f"\n\nDelivery to our usual address by {delivery:%d %B}, please.\n\nMany thanks,\nPurchasing"
    )
    raw = email_bytes(sender=_contact(gb), subject=f"Order {po}", body=body, when=received[3])
    docs.append(
        {
            "channel": Channel.EMAIL,
            "filename": f"order-{po}.eml",
            "raw": raw,
            "received_at": received[3],
            "customer": gb,
            "expect": "order typed in the email body",
        }
    )

    # 5. A company that is not a customer yet sends its first order.
    prospect = {
        "name": "Brasserie Saint-Amand SAS",
        "street": "14 rue des Brasseurs",
        "postal_code": "59230",
        "city": "Saint-Amand-les-Eaux",
        "country": "FR",
    }
    film = [p for p in generator.products if p.spec.family in ("film", "tape", "boxes")][
        :3
    ] or generator.products[:3]
    lines = [
        {
            "ref": p.sku,
            "sku": p.sku,
            "description": p.spec.description,
            "quantity": p.spec.typical,
            "unit": p.spec.unit,
            "price": p.prices[("EUR", today.year)],
        }
        for p in film
    ]
    pdf = po_pdf(
        language="fr",
        buyer=prospect,
        ship_to=prospect,
        po_number="CMD-0001",
        order_date=today,
        delivery=delivery,
        lines=lines,
        currency="EUR",
    )
    raw = email_bytes(
        sender=f"contact@{ascii_slug('brasserie saint amand')}.fr",
        subject="Première commande",
        body="Bonjour,\n\nSuite à votre visite, voici notre première commande.\n\nBien à vous",
        when=received[4],
        attachment=("commande.pdf", pdf),
    )
    docs.append(
        {
            "channel": Channel.EMAIL,
            "filename": "premiere-commande.eml",
            "raw": raw,
            "received_at": received[4],
            "customer": None,
            "expect": "sender is not a customer yet",
        }
    )
    return docs


def demo_inbound_load(*, tenant, generator: Generator) -> dict:
    """Stores the documents and runs them through the ingestion pipeline, each in its own
    transaction like the worker would. Returns what became of them."""
    from ingestion.pipeline import message_process
    from ingestion.services import message_store
    from orders.models import Order

    summary: dict[str, object] = {"messages": 0, "orders": {}, "failed": []}
    for doc in build_inbound(generator):
        try:
            with transaction.atomic():
                message = message_store(
                    tenant=tenant,
                    channel=doc["channel"],
                    raw=doc["raw"],
                    filename=doc["filename"],
                    received_at=doc["received_at"],
                    metadata={"demo": doc["expect"]},
                    queue=False,
                )
            message_process(message_id=message.pk, sync=True)
            summary["messages"] += 1
        except Exception as exc:  # the demo still loads; the report says which document failed
            logger.exception("demo inbound document %s failed", doc["filename"])
            summary["failed"].append(f"{doc['filename']}: {type(exc).__name__}: {exc}")
    statuses: dict[str, int] = {}
    for status in (
        Order.objects.for_tenant(tenant)
        .filter(source_document__isnull=False)
        .values_list("status", flat=True)
    ):
        statuses[status] = statuses.get(status, 0) + 1
    summary["orders"] = statuses
    return summary
