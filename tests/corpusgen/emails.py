"""Orders sent by email (.eml, RFC 5322): free text, HTML tables, PDF or XLSX attachments."""

from __future__ import annotations

import datetime as dt
import html
import io
import random
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from zoneinfo import ZoneInfo

from .masterdata import SUPPLIER, Customer
from .orders import Order, make_order
from .pdf_layouts import LAYOUTS

TZ = {
    "FR": "Europe/Paris",
    "BE": "Europe/Brussels",
    "DE": "Europe/Berlin",
    "GB": "Europe/London",
    "US": "America/Chicago",
}

GREET = {
    "fr": ["Bonjour,", "Bonjour Madame, Monsieur,", "Bonjour à tous,", "Bonjour {rep},"],
    "en": ["Hello,", "Hi,", "Good morning,", "Dear {rep},", "Hi {rep},"],
    "de": ["Guten Tag,", "Sehr geehrte Damen und Herren,", "Hallo {rep},", "Guten Morgen,"],
}
INTRO = {
    "fr": ["merci de nous livrer :", "pourriez-vous nous expédier les articles suivants :", "veuillez trouver ci-dessous notre commande :",
           "nous souhaitons commander :"],
    "en": ["please ship the following:", "please could you send us:", "we would like to order the following items:",
           "please find our order below:"],
    "de": ["bitte liefern Sie uns:", "wir bestellen hiermit folgende Artikel:", "bitte senden Sie uns folgende Positionen:",
           "anbei unsere Bestellung:"],
}  # fmt: skip
THANKS = {
    "fr": ["Merci d'avance,", "Cordialement,", "Bien cordialement,", "Merci et bonne journée,"],
    "en": ["Thanks,", "Kind regards,", "Many thanks,", "Best regards,"],
    "de": [
        "Vielen Dank und freundliche Grüße",
        "Mit freundlichen Grüßen",
        "Viele Grüße",
        "Danke und Gruß",
    ],
}
ATTACHED = {
    "fr": ["Veuillez trouver ci-joint notre bon de commande n° {po}.", "Ci-joint notre commande {po}, merci de nous envoyer un AR.",
           "Vous trouverez en pièce jointe la commande {po}."],
    "en": ["Please find attached our purchase order {po}.", "Attached is PO {po}. Please confirm receipt and delivery date.",
           "Please see the attached order {po}."],
    "de": ["anbei erhalten Sie unsere Bestellung {po}.", "im Anhang finden Sie die Bestellung Nr. {po} mit der Bitte um Auftragsbestätigung.",
           "beigefügt unsere Bestellung {po}."],
}  # fmt: skip
DISCLAIMER = {
    "fr": "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de ses destinataires. "
    "Toute utilisation non conforme à sa destination est interdite. Si vous avez reçu ce message par erreur, merci de le détruire "
    "et d'en avertir immédiatement l'expéditeur.",
    "en": "This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, "
    "please notify the sender and delete it. Please consider the environment before printing this e-mail.",
    "de": "Diese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen. Wenn Sie nicht der richtige Adressat sind "
    "oder diese E-Mail irrtümlich erhalten haben, informieren Sie bitte sofort den Absender und vernichten Sie diese Mail.",
}
TITLES = {"fr": ["Acheteur", "Responsable achats", "Assistante logistique", "Magasinier"], "en": ["Buyer", "Purchasing Manager", "Procurement"],
          "de": ["Einkauf", "Einkäufer", "Leitung Einkauf", "Disposition"]}  # fmt: skip
SUBJECT = {
    "fr": [
        "Commande {po}",
        "Bon de commande {po}",
        "Cde {po}",
        "Nouvelle commande - {po}",
        "commande",
    ],
    "en": ["Purchase Order {po}", "PO {po}", "New order {po}", "Order {po}", "order"],
    "de": ["Bestellung {po}", "Bestellung Nr. {po}", "Neue Bestellung {po}", "Bestellung"],
}
DELIVERY_SENTENCE = {
    "fr": [
        "Livraison souhaitée le {d}.",
        "Merci de livrer pour le {d} au plus tard.",
        "Date de livraison : {d}",
    ],
    "en": ["Required delivery date: {d}.", "We need this by {d}.", "Please deliver on {d}."],
    "de": [
        "Liefertermin: {d}",
        "Bitte liefern Sie bis spätestens {d}.",
        "Gewünschter Liefertermin ist der {d}.",
    ],
}
ASAP = {
    "fr": "Livraison dès que possible svp.",
    "en": "Delivery asap please.",
    "de": "Bitte schnellstmöglich liefern.",
}
SHIP_SENTENCE = {
    "fr": "À livrer à l'adresse suivante :",
    "en": "Please deliver to:",
    "de": "Lieferadresse:",
}
PO_SENTENCE = {
    "fr": "Notre n° de commande : {po}",
    "en": "Our PO number: {po}",
    "de": "Unsere Bestellnummer: {po}",
}
NO_PO_REMARK = {
    "fr": "(pas de n° de commande de notre côté)",
    "en": "(no PO number needed)",
    "de": "(ohne Bestellnummer)",
}
FWD = {
    "fr": "Bonjour,\n\nCommande reçue par mail de notre client, à saisir svp.\n\nMerci,\n{rep}",
    "en": "Hi team,\n\nplease key in the order below from our customer.\n\nThanks,\n{rep}",
    "de": "Hallo zusammen,\n\nbitte die folgende Bestellung erfassen.\n\nDanke,\n{rep}",
}


def _ref(line) -> str:
    if line.ref_mode in ("customer", "both"):
        return line.customer_sku
    if line.ref_mode == "sku":
        return line.sku
    if line.ref_mode == "gtin":
        return line.product.gtin
    return ""


def _free_line(o: Order, line, rng: random.Random, style: int) -> str:
    q, u, ref, desc = o.q(line.quantity), line.unit_label, _ref(line), line.description
    price = (
        f" {({'fr': 'à', 'en': '@', 'de': 'à'}[o.lang])} {o.m(line.unit_price, 'sym_after' if o.currency == 'EUR' else 'sym_before', line.price_decimals)}"
        if line.unit_price is not None
        else ""
    )
    refword = {"fr": "réf", "en": "", "de": "Art.-Nr."}[o.lang]
    if not ref:  # description only
        return f"- {q} {u} {desc}{price}"
    if style == 0:
        return f"- {q} x {refword + ' ' if refword else ''}{ref} ({desc}){price}"
    if style == 1:
        return f"{q} {u} {ref} - {desc}{price}"
    if style == 2:
        return f"* {ref} : {q} {u}{price}" if o.lang == "fr" else f"* {ref}: {q} {u}{price}"
    return f"{ref}  {desc}  {q} {u}{price}"


def _inline_line(o: Order, line) -> str:
    """A one-line order written as a sentence: "merci de nous livrer 12 x réf A-778."."""
    q, u, ref = o.q(line.quantity), line.unit_label, _ref(line)
    price = ""
    if line.unit_price is not None:
        money = o.m(
            line.unit_price,
            "sym_after" if o.currency == "EUR" else "sym_before",
            line.price_decimals,
        )
        price = {
            "fr": f" au prix de {money} HT",
            "en": f" at {money} each",
            "de": f" zum Preis von {money} netto",
        }[o.lang]
    if not ref:
        what = line.description
        return {"fr": f"Merci de nous livrer {q} {u} {what}{price}.", "en": f"Please ship {q} {u} {what}{price}.",
                "de": f"Bitte liefern Sie uns {q} {u} {what}{price}."}[o.lang]  # fmt: skip
    return {"fr": f"Merci de nous livrer {q} x réf {ref}{price}.", "en": f"Please ship {q} {u} of {ref}{price}.",
            "de": f"Bitte liefern Sie {q} {u} Art.-Nr. {ref}{price}."}[o.lang]  # fmt: skip


def _signature(o: Order, rng: random.Random, name: str, email: str) -> str:
    c = o.customer
    lines = ["--" if rng.random() < 0.5 else "", name, rng.choice(TITLES[o.lang]), c.name, c.address.street,
             _city_line(c.address),
             f"Tel. {c.phone}", email]  # fmt: skip
    if rng.random() < 0.5:
        lines.append(f"www.{c.email_domains[0]}")
    return "\n".join(x for x in lines if x is not None)


def _city_line(a) -> str:
    if a.country == "US":
        return f"{a.city}, {a.state} {a.postal_code}"
    if a.country == "GB":
        return f"{a.city} {a.postal_code}"
    return f"{a.postal_code} {a.city}"


def _ship_block(o: Order) -> list[str]:
    a = o.ship_to
    return [a.name, a.street, _city_line(a)]


def _sender(o: Order, rng: random.Random) -> tuple[str, str]:
    name, email = o.contact
    c = o.customer
    if len(c.email_domains) > 1 and rng.random() < 0.4:
        email = email.split("@")[0] + "@" + c.email_domains[1]
    return name, email


def _msg_id(rng: random.Random, domain: str) -> str:
    return f"<{rng.randbytes(8).hex().upper()}.{rng.randint(1000, 9999)}@{domain}>"


def _finish(msg: EmailMessage, rng: random.Random) -> bytes:
    for part in msg.walk():
        if part.is_multipart():
            part.set_boundary(f"----=_NextPart_{rng.randbytes(6).hex()}_{rng.randbytes(4).hex()}")
    return msg.as_bytes(policy=policy.SMTP)


def _base(
    o: Order, rng: random.Random, subject: str, sent: dt.datetime, sender: tuple[str, str]
) -> EmailMessage:
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = formataddr(sender)
    to = rng.choice([SUPPLIER["email"], o.customer.sales_rep_email])
    msg["To"] = (
        formataddr(("Norvell - Service commandes", to))
        if to == SUPPLIER["email"] and rng.random() < 0.5
        else to
    )
    if rng.random() < 0.3:
        msg["Cc"] = o.customer.sales_rep_email if to == SUPPLIER["email"] else SUPPLIER["email"]
    msg["Subject"] = subject
    msg["Date"] = format_datetime(sent)
    msg["Message-ID"] = _msg_id(rng, sender[1].split("@")[1])
    if rng.random() < 0.5:
        msg["X-Mailer"] = rng.choice(
            ["Microsoft Outlook 16.0", "Apple Mail (2.3774.500.171)", "Mozilla Thunderbird 128.3.1"]
        )
    return msg


def _sent_at(o: Order, rng: random.Random) -> dt.datetime:
    t = dt.time(rng.randint(6, 18), rng.randint(0, 59), rng.randint(0, 59))
    return dt.datetime.combine(o.order_date, t, tzinfo=ZoneInfo(TZ[o.customer.country]))


def _rep_name(o: Order) -> str:
    return SUPPLIER["rep_names"][o.customer.sales_rep_email]


def _rep_first(o: Order) -> str:
    return _rep_name(o).split()[0]


def _body_lines(o: Order, rng: random.Random, *, with_po_in_body: bool) -> list[str]:
    out = []
    if with_po_in_body and o.po_number:
        out += [PO_SENTENCE[o.lang].format(po=o.po_number), ""]
    if o.delivery_date:
        out.append(rng.choice(DELIVERY_SENTENCE[o.lang]).format(d=o.d(o.delivery_date)))
    elif rng.random() < 0.5:
        out.append(ASAP[o.lang])
    if o.ship_to != o.bill_to:
        out += ["", SHIP_SENTENCE[o.lang], *_ship_block(o)]
    return out


def _subject(o: Order, rng: random.Random) -> str:
    if not o.po_number:
        return rng.choice([t for t in SUBJECT[o.lang] if "{po}" not in t])
    return rng.choice(SUBJECT[o.lang]).format(po=o.po_number)


# ------------------------------------------------------------------ variants
def _freetext(o: Order, rng: random.Random) -> EmailMessage:
    sender = _sender(o, rng)
    style = rng.randint(0, 3)
    greet = rng.choice(GREET[o.lang]).format(rep=_rep_first(o))
    subject = _subject(o, rng)
    po_in_subject = bool(o.po_number) and o.po_number in subject
    if len(o.lines) == 1 and rng.random() < 0.6:
        body = [greet, "", _inline_line(o, o.lines[0]), ""]
    else:
        body = [greet, "", rng.choice(INTRO[o.lang]), ""]
        body += [_free_line(o, ln, rng, style) for ln in o.lines]
        body.append("")
    body += _body_lines(o, rng, with_po_in_body=not po_in_subject or rng.random() < 0.4)
    if o.po_number is None:
        body.append(NO_PO_REMARK[o.lang])
    body += [
        "",
        rng.choice(THANKS[o.lang]),
        "",
        _signature(o, rng, *sender),
        "",
        DISCLAIMER[o.lang] if rng.random() < 0.6 else "",
    ]
    msg = _base(o, rng, subject, _sent_at(o, rng), sender)
    msg.set_content("\n".join(body).rstrip() + "\n")
    return msg


def _html(o: Order, rng: random.Random) -> EmailMessage:
    sender = _sender(o, rng)
    subject = _subject(o, rng)
    from .fmt import LABELS

    lab = {
        k: rng.choice(LABELS[k][o.lang])
        for k in (
            "ref",
            "desc",
            "qty",
            "unit",
            "price",
            "amount",
            "po_no",
            "delivery_date",
            "ship_to",
        )
    }
    cols = ["ref", "desc", "qty", "unit"] + (["price", "amount"] if o.has_prices else [])
    head = "".join(
        f'<th style="border:1px solid #999;padding:3px 6px;background:#dde4ee">{html.escape(lab[c])}</th>'
        for c in cols
    )
    rows = []
    text_rows = []
    for ln in o.lines:
        vals = {
            "ref": _ref(ln),
            "desc": ln.description,
            "qty": o.q(ln.quantity),
            "unit": ln.unit_label,
        }
        if o.has_prices:
            vals["price"] = o.m(ln.unit_price, "none", ln.price_decimals)
            vals["amount"] = o.m(ln.amount, "none")
        rows.append(
            "<tr>"
            + "".join(
                f'<td style="border:1px solid #999;padding:3px 6px{";text-align:right" if c in ("qty", "price", "amount") else ""}">{html.escape(vals[c])}</td>'
                for c in cols
            )
            + "</tr>"
        )
        text_rows.append("\t".join(vals[c] for c in cols))
    if o.has_prices:
        o.total_printed = True
        rows.append(f'<tr><td colspan="{len(cols) - 1}" style="text-align:right;padding:3px 6px"><b>Total {o.currency}</b></td>'
                    f'<td style="text-align:right;padding:3px 6px"><b>{html.escape(o.m(o.subtotal, "none"))}</b></td></tr>')  # fmt: skip
    greet = rng.choice(GREET[o.lang]).format(rep=_rep_first(o))
    intro = rng.choice(INTRO[o.lang])
    info = []
    if o.po_number:
        info.append(f"<b>{html.escape(lab['po_no'])}:</b> {html.escape(o.po_number)}")
    if o.delivery_date:
        info.append(
            f"<b>{html.escape(lab['delivery_date'])}:</b> {html.escape(o.d(o.delivery_date))}"
        )
    if o.ship_to != o.bill_to:
        info.append(
            f"<b>{html.escape(lab['ship_to'])}:</b><br>"
            + "<br>".join(html.escape(x) for x in _ship_block(o))
        )
    sig = _signature(o, rng, *sender)
    disclaimer = DISCLAIMER[o.lang]
    thanks = rng.choice(THANKS[o.lang])
    html_body = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style>p.MsoNormal{{margin:0;font-family:Calibri,sans-serif;font-size:11pt}}</style></head>
<body lang="{o.lang.upper()}"><div class="WordSection1">
<p class="MsoNormal">{html.escape(greet)}</p><p class="MsoNormal">&nbsp;</p>
<p class="MsoNormal">{html.escape(intro)}</p><p class="MsoNormal">&nbsp;</p>
<p class="MsoNormal">{"<br>".join(info)}</p><p class="MsoNormal">&nbsp;</p>
<table style="border-collapse:collapse;font-family:Calibri,sans-serif;font-size:10pt"><tr>{head}</tr>
{chr(10).join(rows)}
</table>
<p class="MsoNormal">&nbsp;</p><p class="MsoNormal">{html.escape(thanks)}</p><p class="MsoNormal">&nbsp;</p>
<p class="MsoNormal" style="color:#1f3864">{"<br>".join(html.escape(x) for x in sig.splitlines())}</p>
<p class="MsoNormal" style="font-size:7.5pt;color:gray">{html.escape(disclaimer)}</p>
</div></body></html>"""
    text = "\n".join([greet, "", intro, ""] + [x.replace("<b>", "").replace("</b>", "").replace("<br>", "\n") for x in info]
                     + ["", "\t".join(lab[c] for c in cols)] + text_rows
                     + ([f"Total {o.currency}: {o.m(o.subtotal, 'none')}"] if o.has_prices else [])
                     + ["", thanks, "", sig, "", disclaimer])  # fmt: skip
    msg = _base(o, rng, subject, _sent_at(o, rng), sender)
    msg.set_content(html.unescape(text) + "\n")
    msg.add_alternative(html_body, subtype="html")
    return msg


def _logo_png(rng: random.Random, customer: Customer) -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new(
        "RGB", (160, 48), (rng.randint(0, 120), rng.randint(40, 140), rng.randint(80, 200))
    )
    ImageDraw.Draw(im).text((8, 16), customer.name[:22], fill=(255, 255, 255))
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def _terms_pdf(o: Order) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as rl_canvas

    from .fmt import TERMS_TEXT

    buf = io.BytesIO()
    cv = rl_canvas.Canvas(buf, pagesize=A4, invariant=1)
    title = {
        "fr": "Conditions générales d'achat",
        "en": "General Terms and Conditions of Purchase",
        "de": "Allgemeine Einkaufsbedingungen",
    }[o.lang]
    cv.setFont("Helvetica-Bold", 14)
    cv.drawString(60, 780, f"{o.customer.name} - {title}")
    cv.setFont("Helvetica", 9)
    y = 750
    for i in range(1, 16):
        cv.drawString(60, y, f"{i}. {TERMS_TEXT[o.lang][i % len(TERMS_TEXT[o.lang])]}")
        y -= 16
    cv.showPage()
    cv.save()
    return buf.getvalue()


def _attachment(o: Order, rng: random.Random, kind: str, layout: str) -> EmailMessage:
    sender = _sender(o, rng)
    subject = _subject(o, rng)
    greet = rng.choice(GREET[o.lang]).format(rep=_rep_first(o))
    body = [greet, "", rng.choice(ATTACHED[o.lang]).format(po=o.po_number), ""]
    if rng.random() < 0.3:
        body.append({"fr": "Merci de respecter la date de livraison indiquée.", "en": "Please note the delivery address on the order.",
                     "de": "Bitte beachten Sie die Lieferadresse."}[o.lang])  # fmt: skip
    body += [
        "",
        rng.choice(THANKS[o.lang]),
        "",
        _signature(o, rng, *sender),
        "",
        DISCLAIMER[o.lang] if rng.random() < 0.6 else "",
    ]
    msg = _base(o, rng, subject, _sent_at(o, rng), sender)
    msg.set_content("\n".join(body).rstrip() + "\n")
    if rng.random() < 0.3:
        msg.add_related(
            _logo_png(rng, o.customer),
            maintype="image",
            subtype="png",
            cid="<image001.png@01DB1234.5678ABCD>",
            filename="image001.png",
        )
    po = o.po_number
    if kind == "pdf":
        data = LAYOUTS[layout].render(o, rng)
        fname = rng.choice([f"PO_{po}.pdf", f"{ {'fr': 'Commande', 'en': 'PurchaseOrder', 'de': 'Bestellung'}[o.lang]}_{po}.pdf".replace(" ", ""),
                            f"BC {po}.pdf".replace("/", "-"), f"scan_{o.order_date:%Y%m%d}_{rng.randint(100, 999)}.pdf"]).replace("/", "-")  # fmt: skip
        msg.add_attachment(data, maintype="application", subtype="pdf", filename=fname)
        if rng.random() < 0.2:
            tname = {
                "fr": "CGA.pdf",
                "en": "Terms_and_Conditions.pdf",
                "de": "AEB_Einkaufsbedingungen.pdf",
            }[o.lang]
            msg.add_attachment(_terms_pdf(o), maintype="application", subtype="pdf", filename=tname)
            o.traits.append(
                "a second PDF attachment holds the buyer's terms of purchase, not an order"
            )
        o.traits.append(f"order is the attached PDF ({layout})")
    else:
        from .sheets import render_xlsx

        data = render_xlsx(o, rng)
        fname = rng.choice(
            [f"Commande {po}.xlsx", f"PO-{po}.xlsx", f"Bestellung_{po}.xlsx", "order.xlsx"]
        ).replace("/", "-")
        msg.add_attachment(
            data,
            maintype="application",
            subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename=fname,
        )
        o.traits.append("order is the attached XLSX sheet")
    return msg


def _forwarded(inner: EmailMessage, o: Order, rng: random.Random) -> EmailMessage:
    rep = o.customer.sales_rep_email
    rep_name = _rep_name(o)
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = formataddr((rep_name, rep))
    msg["To"] = SUPPLIER["email"]
    msg["Subject"] = ("TR: " if o.lang == "fr" else "WG: " if o.lang == "de" else "Fwd: ") + str(
        inner["Subject"]
    )
    sent = _sent_at(o, rng) + dt.timedelta(hours=2)
    msg["Date"] = format_datetime(sent)
    msg["Message-ID"] = _msg_id(rng, SUPPLIER["domain"])
    header = {"fr": "-------- Message transféré --------\nDe : {f}\nDate : {d}\nÀ : {t}\nObjet : {s}",
              "en": "---------- Forwarded message ---------\nFrom: {f}\nDate: {d}\nTo: {t}\nSubject: {s}",
              "de": "-------- Weitergeleitete Nachricht --------\nVon: {f}\nDatum: {d}\nAn: {t}\nBetreff: {s}"}[o.lang]  # fmt: skip
    inner_body = inner.get_body(("plain",)).get_content()
    text = (
        FWD[o.lang].format(rep=rep_name)
        + "\n\n"
        + header.format(f=inner["From"], d=inner["Date"], t=inner["To"], s=inner["Subject"])
        + "\n\n"
        + inner_body
    )
    msg.set_content(text)
    return msg


def make_email(rng: random.Random, world, idx: int):
    from .build import Generated

    customer = rng.choice(world.customers)
    variant = rng.choices(["freetext", "html", "pdf", "xlsx"], [0.35, 0.2, 0.3, 0.15])[0]
    if variant in ("freetext", "html"):
        n_lines = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6, 8])
        policy_ = rng.choice(
            ["customer", "customer", "sku", "mixed", "desc"]
            if variant == "freetext"
            else ["customer", "sku", "mixed"]
        )
        o = make_order(rng, customer, world.by_sku, n_lines=n_lines, ref_policy=policy_, with_prices=rng.random() < (0.35 if variant == "freetext" else 0.7),
                       with_delivery_date=rng.random() < 0.6)  # fmt: skip
        if rng.random() < 0.1:
            o.po_number = None
            o.traits.append("no PO number given")
        if o.ship_to == o.bill_to:
            o.traits.append("no address in the email: ship-to is the customer's main address")
        if not o.has_prices:
            o.traits.append("no price and no currency: the truth's currency is null")
        o.traits.append("order date is the email's Date header")
        msg = _freetext(o, rng) if variant == "freetext" else _html(o, rng)
        layout = f"email-{variant}"
        if variant == "freetext" and rng.random() < 0.12:
            msg = _forwarded(msg, o, rng)
            layout += "-forwarded"
            o.traits.append(
                "forwarded by our sales rep: the customer is in the quoted header, not the sender"
            )
    elif variant == "pdf":
        from .build import order_for_layout

        layout_name = rng.choice(list(LAYOUTS))
        o = order_for_layout(rng, world, layout_name, customer=customer, long=False)
        msg = _attachment(o, rng, variant, layout_name)
        layout = f"email-pdf-attachment-{layout_name}"
    else:
        from .sheets import sheet_order

        o = sheet_order(rng, world, customer)
        msg = _attachment(o, rng, variant, "")
        layout = "email-xlsx-attachment"
    data = _finish(msg, rng)
    return Generated(
        f"{idx:04d}-mail.eml", data, o.truth("email", "email", layout), "email", layout
    )
