"""Locale-aware formatting of dates, numbers and money, and document labels in EN/FR/DE."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
TWO = Decimal("0.01")

MONTHS = {
    "en": [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ],
    "fr": [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
        "août", "septembre", "octobre", "novembre", "décembre",
    ],
    "de": [
        "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
        "August", "September", "Oktober", "November", "Dezember",
    ],
}  # fmt: skip

# Date styles a writer in a given country uses (the first ones are the most common).
DATE_STYLES = {
    "FR": ["dmy_slash", "dmy_slash", "long_fr", "iso", "dmy_short"],
    "BE": ["dmy_slash", "dmy_slash", "long_fr", "dmy_dot", "iso"],
    "DE": ["dmy_dot", "dmy_dot", "long_de", "iso", "dmy_dot_short"],
    "GB": ["dmy_slash", "long_en_uk", "d_mon_y", "iso"],
    "US": ["mdy_slash", "mdy_slash", "short_en_us", "long_en_us", "iso"],
}
# Number styles per country: fr = 1 234,56 ; de = 1.234,56 ; en = 1,234.56
NUMBER_STYLES = {
    "FR": ["fr", "fr", "fr_nbsp", "plain_comma"],
    "BE": ["fr", "de", "plain_comma"],
    "DE": ["de", "de", "plain_comma"],
    "GB": ["en", "en", "plain_dot"],
    "US": ["en", "en", "plain_dot"],
}
CURRENCY_SYMBOL = {"EUR": "€", "GBP": "£", "USD": "$"}


def fmt_date(d: dt.date, style: str, lang: str = "en") -> str:
    if style == "dmy_slash":
        return d.strftime("%d/%m/%Y")
    if style == "mdy_slash":
        return d.strftime("%m/%d/%Y")
    if style == "dmy_dot":
        return d.strftime("%d.%m.%Y")
    if style == "dmy_dot_short":
        return d.strftime("%d.%m.%y")
    if style == "dmy_short":
        return d.strftime("%d/%m/%y")
    if style == "iso":
        return d.isoformat()
    if style == "long_fr":
        day = "1er" if d.day == 1 else str(d.day)
        return f"{day} {MONTHS['fr'][d.month - 1]} {d.year}"
    if style == "long_de":
        return f"{d.day}. {MONTHS['de'][d.month - 1]} {d.year}"
    if style == "long_en_uk":
        return f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}"
    if style == "long_en_us":
        return f"{MONTHS['en'][d.month - 1]} {d.day}, {d.year}"
    if style == "short_en_us":
        return f"{MONTHS['en'][d.month - 1][:3]} {d.day}, {d.year}"
    if style == "d_mon_y":
        return f"{d.day:02d}-{MONTHS['en'][d.month - 1][:3]}-{d.year}"
    raise ValueError(style)


def _group(int_part: str, sep: str) -> str:
    out = []
    while len(int_part) > 3:
        out.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    out.insert(0, int_part)
    return sep.join(out)


def fmt_num(value: Decimal, style: str, decimals: int | None = 2) -> str:
    """Format a Decimal. decimals=None keeps the value's own digits (for quantities)."""
    value = Decimal(value)
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    else:
        value = value.normalize()
        if value == value.to_integral():
            value = value.quantize(Decimal(1))
    neg = value < 0
    text = format(abs(value), "f")
    int_part, _, frac = text.partition(".")
    thousands, point = {
        "fr": (" ", ","),
        "fr_nbsp": (NBSP, ","),
        "de": (".", ","),
        "en": (",", "."),
        "plain_comma": ("", ","),
        "plain_dot": ("", "."),
    }[style]
    out = _group(int_part, thousands) if thousands else int_part
    if frac:
        out += point + frac
    return ("-" if neg else "") + out


def fmt_money(value: Decimal, currency: str, style: str, how: str, decimals: int = 2) -> str:
    """how: 'none' (bare number), 'sym_before' ($1,234.56), 'sym_after' (1 234,56 €),
    'code_before' (EUR 1.234,56), 'code_after' (1.234,56 EUR)."""
    num = fmt_num(value, style, decimals)
    sym = CURRENCY_SYMBOL[currency]
    if how == "none":
        return num
    if how == "sym_before":
        return f"{sym}{num}" if currency != "EUR" else f"€ {num}"
    if how == "sym_after":
        return f"{num} {sym}"
    if how == "code_before":
        return f"{currency} {num}"
    if how == "code_after":
        return f"{num} {currency}"
    raise ValueError(how)


def money_round(v: Decimal) -> Decimal:
    return Decimal(v).quantize(TWO, rounding=ROUND_HALF_UP)


def dec_str(v: Decimal | None) -> str | None:
    """Truth decimal string: '.' separator, no exponent, trailing zeros kept as printed."""
    if v is None:
        return None
    return format(Decimal(v), "f")


# Label variants per key and language; a document picks one variant per key.
LABELS: dict[str, dict[str, list[str]]] = {
    "po_title": {
        "en": ["PURCHASE ORDER", "Purchase Order", "PURCHASE ORDER", "Order"],
        "fr": ["BON DE COMMANDE", "Bon de commande", "COMMANDE", "Commande fournisseur"],
        "de": ["BESTELLUNG", "Bestellung", "Auftrag", "Einkaufsbestellung"],
    },
    "po_no": {
        "en": [
            "PO No.",
            "PO Number",
            "P.O. #",
            "Purchase Order No.",
            "Order No.",
            "PO#",
            "Order number",
        ],
        "fr": [
            "N° de commande",
            "N° commande",
            "Commande n°",
            "Réf. commande",
            "Bon de commande n°",
            "N° BC",
        ],
        "de": ["Bestellnummer", "Bestell-Nr.", "Bestellung Nr.", "Bestellnr.", "Beleg-Nr."],
    },
    "order_date": {
        "en": ["Date", "Order date", "PO Date", "Date of order", "Issued"],
        "fr": ["Date", "Date de commande", "Date commande", "Émise le"],
        "de": ["Datum", "Bestelldatum", "Belegdatum", "Datum der Bestellung"],
    },
    "delivery_date": {
        "en": [
            "Delivery date",
            "Requested delivery",
            "Required by",
            "Req. Date",
            "Deliver by",
            "Need by",
        ],
        "fr": [
            "Date de livraison",
            "Livraison souhaitée",
            "Date de livraison souhaitée",
            "À livrer le",
            "Délai",
        ],
        "de": [
            "Lieferdatum",
            "Liefertermin",
            "Wunschtermin",
            "Anlieferung am",
            "Gewünschter Liefertermin",
        ],
    },
    "ship_to": {
        "en": ["Ship to", "SHIP TO", "Deliver to", "Delivery address", "Ship-To Address"],
        "fr": ["Livrer à", "Adresse de livraison", "Lieu de livraison", "Livraison"],
        "de": ["Lieferanschrift", "Lieferadresse", "Anlieferadresse", "Warenempfänger"],
    },
    "bill_to": {
        "en": ["Bill to", "BILL TO", "Invoice to", "Invoice address", "Buyer"],
        "fr": ["Facturer à", "Adresse de facturation", "Facturation", "Client"],
        "de": ["Rechnungsanschrift", "Rechnungsadresse", "Rechnungsempfänger", "Besteller"],
    },
    "vendor": {
        "en": ["Vendor", "VENDOR", "Supplier", "To"],
        "fr": ["Fournisseur", "FOURNISSEUR", "À l'attention de"],
        "de": ["Lieferant", "LIEFERANT", "An"],
    },
    "pos": {
        "en": ["Line", "Item", "#", "Ln"],
        "fr": ["Ligne", "N°", "Pos."],
        "de": ["Pos.", "Pos", "Position"],
    },
    "our_ref": {
        "en": ["Supplier ref.", "Vendor item", "Your part no.", "Mfr part #", "Supplier code"],
        "fr": ["Réf. fournisseur", "Votre réf.", "Réf. fourn.", "Code article fournisseur"],
        "de": ["Ihre Art.-Nr.", "Lieferanten-Art.-Nr.", "Art.-Nr. Lieferant", "Ihre Artikelnummer"],
    },
    "cust_ref": {
        "en": ["Our part no.", "Item code", "Part #", "Item #", "Material"],
        "fr": ["Notre réf.", "Réf. interne", "Code article", "Réf."],
        "de": ["Unsere Art.-Nr.", "Material", "Materialnummer", "Artikel-Nr."],
    },
    "ref": {
        "en": ["Item", "Item code", "Part number", "Product code", "Ref."],
        "fr": ["Référence", "Réf.", "Code article", "Article"],
        "de": ["Artikel-Nr.", "Art.-Nr.", "Artikel", "Material"],
    },
    "gtin": {
        "en": ["EAN", "GTIN", "Barcode"],
        "fr": ["EAN", "Code EAN", "GTIN"],
        "de": ["EAN", "EAN-Code", "GTIN"],
    },
    "desc": {
        "en": ["Description", "DESCRIPTION", "Item description", "Product"],
        "fr": ["Désignation", "Description", "Libellé", "Désignation article"],
        "de": ["Bezeichnung", "Beschreibung", "Artikelbezeichnung", "Text"],
    },
    "qty": {
        "en": ["Qty", "QTY", "Quantity", "Qty ordered", "Order Qty"],
        "fr": ["Qté", "Quantité", "Qté cdée", "Qté"],
        "de": ["Menge", "Bestellmenge", "Anz.", "Menge"],
    },
    "unit": {
        "en": ["Unit", "UoM", "U/M", "UOM"],
        "fr": ["Unité", "U.", "UV"],
        "de": ["ME", "Einheit", "Mengeneinheit"],
    },
    "price": {
        "en": ["Unit price", "Price", "Unit Cost", "Price each", "Rate"],
        "fr": ["PU HT", "Prix unitaire", "P.U. HT", "Prix unit. HT", "Prix net"],
        "de": ["Einzelpreis", "Preis", "E-Preis", "Preis/ME", "Stückpreis"],
    },
    "gross_price": {
        "en": ["List price", "Gross price"],
        "fr": ["PU brut", "Prix brut"],
        "de": ["Bruttopreis", "Listenpreis"],
    },
    "disc": {
        "en": ["Disc. %", "Discount", "Disc%"],
        "fr": ["Remise %", "Rem.", "Remise"],
        "de": ["Rabatt %", "Rab.", "Rabatt"],
    },
    "net": {
        "en": ["Net price", "Net unit"],
        "fr": ["PU net", "Prix net"],
        "de": ["Nettopreis", "Netto/ME"],
    },
    "amount": {
        "en": ["Amount", "Total", "Line total", "Ext. Price", "Extended"],
        "fr": ["Montant HT", "Total HT", "Montant", "Total ligne"],
        "de": ["Gesamtpreis", "Betrag", "Gesamt", "Positionswert", "Summe"],
    },
    "subtotal": {
        "en": ["Subtotal", "SUBTOTAL", "Net total", "Total net", "Goods total"],
        "fr": ["Total HT", "Sous-total", "Montant HT", "Total marchandises HT"],
        "de": ["Nettobetrag", "Zwischensumme", "Summe netto", "Warenwert netto"],
    },
    "vat": {
        "en": ["VAT", "Tax", "Sales tax"],
        "fr": ["TVA", "T.V.A."],
        "de": ["MwSt.", "USt.", "zzgl. MwSt."],
    },
    "shipping": {
        "en": ["Shipping", "Freight", "Shipping & handling", "Carriage"],
        "fr": ["Frais de port", "Port", "Transport"],
        "de": ["Versandkosten", "Fracht", "Frachtkosten"],
    },
    "total": {
        "en": ["TOTAL", "Total", "Grand total", "Total due", "Order total"],
        "fr": ["Total TTC", "TOTAL TTC", "Net à payer", "Montant TTC"],
        "de": ["Gesamtbetrag", "Endbetrag", "Brutto", "Gesamtsumme"],
    },
    "page": {"en": ["Page"], "fr": ["Page"], "de": ["Seite"]},
    "of": {"en": ["of"], "fr": ["sur", "/"], "de": ["von"]},
    "notes": {
        "en": ["Notes", "Remarks", "Special instructions", "Comments"],
        "fr": ["Remarques", "Observations", "Commentaires", "Instructions"],
        "de": ["Bemerkungen", "Hinweise", "Anmerkungen"],
    },
    "payment_terms": {
        "en": ["Payment terms", "Terms"],
        "fr": ["Conditions de paiement", "Règlement"],
        "de": ["Zahlungsbedingungen", "Zahlungsziel"],
    },
    "contact": {
        "en": ["Buyer", "Contact", "Requested by", "Purchaser"],
        "fr": ["Acheteur", "Contact", "Demandeur", "Suivi par"],
        "de": ["Einkäufer", "Ansprechpartner", "Sachbearbeiter", "Besteller"],
    },
    "vendor_no": {
        "en": ["Vendor no.", "Supplier ID", "Vendor #"],
        "fr": ["N° fournisseur", "Code fournisseur"],
        "de": ["Lieferanten-Nr.", "Lieferantennummer", "Kreditor"],
    },
    "customer_no": {
        "en": ["Account no.", "Customer no.", "Your ref. for us"],
        "fr": ["N° client", "Votre code client", "Code client"],
        "de": ["Kunden-Nr.", "Kundennummer", "Unsere Kd.-Nr."],
    },
    "vat_no": {
        "en": ["VAT No.", "VAT reg.", "Tax ID"],
        "fr": ["N° TVA", "TVA intracom.", "N° TVA intracommunautaire"],
        "de": ["USt-IdNr.", "USt-ID", "UID"],
    },
    "currency": {"en": ["Currency"], "fr": ["Devise", "Monnaie"], "de": ["Währung"]},
    "incoterms": {
        "en": ["Incoterms", "Delivery terms", "F.O.B."],
        "fr": ["Incoterm", "Conditions de livraison"],
        "de": ["Lieferbedingung", "Incoterms"],
    },
    "cost_centre": {
        "en": ["Cost centre", "Dept."],
        "fr": ["Centre de coût", "Service"],
        "de": ["Kostenstelle", "Abteilung"],
    },
    "quote_ref": {
        "en": ["Quote ref.", "Your quotation"],
        "fr": ["Réf. devis", "Votre offre"],
        "de": ["Ihr Angebot", "Angebots-Nr."],
    },
    "phone": {"en": ["Tel.", "Phone"], "fr": ["Tél.", "Tél"], "de": ["Tel.", "Telefon"]},
    "carried_forward": {
        "en": ["Carried forward", "Continued"],
        "fr": ["À reporter", "Suite page suivante"],
        "de": ["Übertrag", "Fortsetzung"],
    },
}

TERMS_TEXT = {
    "en": [
        "Please confirm this order within 48 hours, quoting our PO number on all delivery notes and invoices.",
        "Deliveries accepted Monday to Friday, 7:00-15:00. Goods must be palletised and labelled with our PO number.",
        "This order is subject to our general terms and conditions of purchase available on request.",
        "Partial deliveries only after prior agreement with the buyer.",
        "Invoices without our PO number will be returned unpaid.",
    ],
    "fr": [
        "Merci de nous retourner un accusé de réception de commande sous 48 h.",
        "Livraison du lundi au vendredi de 8h à 12h et de 13h30 à 16h. Prendre RDV 24h avant avec le magasin.",
        "Rappeler impérativement notre n° de commande sur le bon de livraison et la facture.",
        "Nos conditions générales d'achat s'appliquent à la présente commande.",
        "Toute livraison partielle doit être validée par le service achats.",
    ],
    "de": [
        "Bitte senden Sie uns eine Auftragsbestätigung innerhalb von 2 Werktagen.",
        "Warenannahme Mo-Fr 7:00-14:30 Uhr. Bitte Bestellnummer auf Lieferschein und Rechnung angeben.",
        "Es gelten unsere Allgemeinen Einkaufsbedingungen.",
        "Teillieferungen nur nach Rücksprache mit dem Einkauf.",
        "Anlieferung nur auf Europaletten, Lademittel werden getauscht.",
    ],
}

PAYMENT_TERMS = {
    "en": ["Net 30 days", "30 days EOM", "Net 60", "2% 10, net 30", "Net 45 days"],
    "fr": [
        "30 jours fin de mois",
        "45 jours fin de mois",
        "Virement à 30 jours",
        "60 jours date de facture",
    ],
    "de": [
        "30 Tage netto",
        "14 Tage 2 % Skonto, 30 Tage netto",
        "60 Tage netto",
        "Zahlbar innerhalb 30 Tagen",
    ],
}
