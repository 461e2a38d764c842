"""Documents that reach an order desk but are not orders (no truth file)."""

from __future__ import annotations

import datetime as dt
import io
import random
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .fmt import fmt_num, money_round
from .masterdata import SUPPLIER


def _pdf(story, pagesize=A4) -> bytes:
    buf = io.BytesIO()
    SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=40,
        rightMargin=40,
        topMargin=40,
        bottomMargin=40,
        invariant=1,
    ).build(story)
    return buf.getvalue()


def _p(text: str, size: float = 9, bold: bool = False) -> Paragraph:
    return Paragraph(
        text.replace("\n", "<br/>"),
        ParagraphStyle(
            "n",
            fontName="Helvetica-Bold" if bold else "Helvetica",
            fontSize=size,
            leading=size * 1.25,
        ),
    )


def _grid(data, widths) -> Table:
    t = Table(data, colWidths=widths)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
                           ("FONT", (0, 0), (-1, 0), "Helvetica-Bold"), ("FONTSIZE", (0, 0), (-1, -1), 8.5)]))  # fmt: skip
    return t


def invoice(rng: random.Random, world) -> bytes:
    """A carrier's invoice addressed to us; it quotes an order number of ours."""
    cust = next(c for c in world.customers if c.name.startswith("Transports Giraud"))
    d = dt.date(2026, rng.randint(1, 11), rng.randint(1, 28))
    rows = [["Date", "Désignation", "Réf. expédition", "Poids (kg)", "Montant HT"]]
    total = 0
    for _ in range(rng.randint(4, 9)):
        amount = money_round(rng.uniform(45, 480))
        total += amount
        dd = d - dt.timedelta(days=rng.randint(1, 25))
        rows.append([dd.strftime("%d/%m/%Y"), f"Transport Chassieu -> {rng.choice(['Lyon', 'Grenoble', 'Dijon', 'Valence', 'Lille'])}",
                     f"EXP{rng.randint(100000, 999999)}", fmt_num(rng.randint(80, 2400), "fr", 0), fmt_num(amount, "fr")])  # fmt: skip
    vat = money_round(total * 20 / 100)
    story = [_p(cust.name, 14, True), _p(f"{cust.address.street}\n{cust.address.postal_code} {cust.address.city}\nTVA {cust.vat_number}", 9),
             Spacer(1, 14), _p(f"FACTURE N° FA-{d.year}-{rng.randint(1000, 9999)}", 16, True), _p(f"Date : {d.strftime('%d/%m/%Y')}   Échéance : 30 jours fin de mois", 9),
             _p(f"Votre commande n° {rng.randint(4500000000, 4500099999)}", 9), Spacer(1, 10),
             _p("Facturé à :\n" + SUPPLIER["name"] + "\n" + SUPPLIER["address"].street + "\n69680 Chassieu", 9), Spacer(1, 14),
             _grid(rows, [60, 200, 90, 70, 80]), Spacer(1, 10),
             _grid([["Total HT", fmt_num(total, "fr")], ["TVA 20 %", fmt_num(vat, "fr")], ["Total TTC", fmt_num(total + vat, "fr")]], [120, 80]),
             Spacer(1, 14), _p("Paiement par virement : IBAN FR76 1027 8073 0000 0205 8790 142 - BIC CMCIFR2A. Pénalités de retard : 3 fois le taux d'intérêt légal.", 8)]  # fmt: skip
    return _pdf(story)


def delivery_note(rng: random.Random, world) -> bytes:
    """A delivery note (Lieferschein) from one of our own vendors: items, quantities, no prices."""
    d = dt.date(2026, rng.randint(1, 11), rng.randint(1, 28))
    rows = [["Pos.", "Artikel-Nr.", "Bezeichnung", "Menge", "ME"]]
    for i, p in enumerate(rng.sample(world.products, rng.randint(3, 8)), start=1):
        rows.append(
            [
                str(i),
                f"{rng.randint(100000, 999999)}",
                p.desc_de[:60],
                str(rng.choice([10, 20, 50, 100, 240])),
                "Stk",
            ]
        )
    story = [_p("Klebetechnik Rhein-Main GmbH", 14, True), _p("Otto-Hahn-Straße 9\n63303 Dreieich\nUSt-IdNr. DE811223344", 9), Spacer(1, 14),
             _p("LIEFERSCHEIN", 16, True), _p(f"Lieferschein-Nr. LS-{rng.randint(100000, 999999)}   Datum: {d.strftime('%d.%m.%Y')}", 9),
             _p(f"Ihre Bestellung Nr. PO-N-{rng.randint(10000, 99999)} vom {(d - dt.timedelta(days=6)).strftime('%d.%m.%Y')}", 9), Spacer(1, 10),
             _p("Lieferanschrift:\n" + SUPPLIER["name"] + "\n" + SUPPLIER["address"].street + "\n69680 Chassieu\nFrankreich", 9), Spacer(1, 12),
             _grid(rows, [35, 70, 280, 50, 40]), Spacer(1, 14),
             _p(f"Anzahl Packstücke: {rng.randint(1, 6)}   Gewicht: {rng.randint(40, 600)} kg   Spediteur: DB Schenker", 9),
             Spacer(1, 30), _p("Ware erhalten: ____________________   Datum/Unterschrift", 9)]  # fmt: skip
    return _pdf(story)


def trade_confirmation(rng: random.Random, world) -> bytes:
    d = dt.date(2026, rng.randint(1, 11), rng.randint(1, 28))
    qty = rng.choice([100, 250, 500, 1000])
    price = money_round(rng.uniform(20, 180))
    rows = [["Trade date", "Settlement", "Action", "Quantity", "Security", "Price", "Principal"],
            [d.strftime("%m/%d/%Y"), (d + dt.timedelta(days=2)).strftime("%m/%d/%Y"), "BUY", f"{qty:,}",
             rng.choice(["ACME INDUSTRIAL CORP", "GLOBAL PACKAGING INC", "NORTHWIND TRADERS"]), f"{price:,.2f}", f"{price * qty:,.2f}"]]  # fmt: skip
    story = [_p("Fabrikam Securities LLC", 14, True), _p("200 Park Avenue, New York, NY 10166", 9), Spacer(1, 14), _p("TRADE CONFIRMATION", 16, True),
             _p(f"Account: {rng.randint(10000000, 99999999)}   Confirmation No.: {rng.randint(114000, 129999)}", 9), Spacer(1, 10),
             _grid(rows, [65, 65, 45, 55, 150, 55, 80]), Spacer(1, 10),
             _p(f"Commission: $9.95   SEC fee: $0.{rng.randint(10, 99)}   Net amount: ${price * qty + 10:,.2f}", 9), Spacer(1, 10),
             _p("We are pleased to confirm the above transaction subject to the terms on the reverse side. Please review and report any discrepancy within 10 days.", 8)]  # fmt: skip
    return _pdf(story, LETTER)


def newsletter(rng: random.Random) -> bytes:
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = formataddr(("Packaging Europe Weekly", "news@packaging-europe-weekly.example"))
    msg["To"] = SUPPLIER["email"]
    msg["Subject"] = (
        "Offres de la semaine : -20 % sur les films étirables, commandez avant vendredi !"
    )
    when = dt.datetime(
        2026, rng.randint(1, 11), rng.randint(1, 28), 7, 30, tzinfo=ZoneInfo("Europe/Paris")
    )
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<nl-{rng.randint(10**8, 10**9)}@packaging-europe-weekly.example>"
    msg["List-Unsubscribe"] = "<https://packaging-europe-weekly.example/unsubscribe?u=8842>"
    items = [
        ("Film étirable 500 mm 23 µm", "4,90 €"),
        ("Ruban adhésif PP 48 mm x 66 m", "0,99 €"),
        ("Gants nitrile boîte de 100", "4,50 €"),
    ]
    text = (
        "Cette semaine chez Packaging Europe :\n\n"
        + "\n".join(f"- {a} : {b} au lieu de ..." for a, b in items)
        + (
            "\n\nCommandez en ligne avant vendredi sur notre boutique.\nSalon Emballage Paris 2026 : réservez votre badge.\n\n"
            "Vous recevez cet e-mail car vous êtes abonné. Se désinscrire : https://packaging-europe-weekly.example/unsubscribe"
        )
    )
    msg.set_content(text)
    rows = "".join(
        f"<tr><td>{a}</td><td><b>{b}</b></td><td><a href='https://packaging-europe-weekly.example/p/{i}'>Commander</a></td></tr>"
        for i, (a, b) in enumerate(items)
    )
    msg.add_alternative(f"<html><body><h1>Offres de la semaine</h1><table>{rows}</table><p>Salon Emballage Paris 2026</p>"
                        "<p style='font-size:8pt'>Se désinscrire</p></body></html>", subtype="html")  # fmt: skip
    for part in msg.walk():
        if part.is_multipart():
            part.set_boundary(f"----=_NL_{rng.randbytes(8).hex()}")
    return msg.as_bytes(policy=policy.SMTP)


def out_of_office(rng: random.Random, world) -> bytes:
    c = rng.choice([c for c in world.customers if c.lang == "de"])
    name, email = c.contacts[0]
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = formataddr((name, email))
    msg["To"] = c.sales_rep_email
    msg["Subject"] = "Automatische Antwort: Ihre Auftragsbestätigung"
    msg["Date"] = format_datetime(
        dt.datetime(2026, 8, rng.randint(3, 21), 9, 12, tzinfo=ZoneInfo("Europe/Berlin"))
    )
    msg["Message-ID"] = f"<ooo-{rng.randint(10**8, 10**9)}@{email.split('@')[1]}>"
    msg["Auto-Submitted"] = "auto-replied"
    msg.set_content(f"Vielen Dank für Ihre Nachricht. Ich bin bis zum 24.08.2026 nicht im Büro. Bestellungen und Rückfragen richten Sie bitte an "
                    f"einkauf@{c.email_domains[0]}.\n\nMit freundlichen Grüßen\n{name}\n{c.name}\n")  # fmt: skip
    return msg.as_bytes(policy=policy.SMTP)


def make_negatives(rng: random.Random, world):
    from .build import Generated

    return [
        Generated("neg-invoice.pdf", invoice(rng, world), None, "negative", "invoice"),
        Generated(
            "neg-delivery-note.pdf", delivery_note(rng, world), None, "negative", "delivery-note"
        ),
        Generated("neg-newsletter.eml", newsletter(rng), None, "negative", "newsletter"),
        Generated(
            "neg-trade-confirmation.pdf",
            trade_confirmation(rng, world),
            None,
            "negative",
            "trade-confirmation",
        ),
        Generated(
            "neg-out-of-office.eml", out_of_office(rng, world), None, "negative", "out-of-office"
        ),
    ]
