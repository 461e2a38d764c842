"""Orders as spreadsheets: CSV (';' or ',', cp1252 or UTF-8) and XLSX, with a header block
(PO number, dates, delivery address) above a table whose column names vary."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .orders import Order, make_order

COLUMN_NAMES = {
    "en": {
        "cust_ref": ["Our part #", "Item code", "Part No", "Material", "Customer item"],
        "our_ref": [
            "Supplier part",
            "Vendor item #",
            "Supplier ref",
            "Your part number",
            "Vendor SKU",
        ],
        "gtin": ["EAN", "GTIN", "Barcode"],
        "desc": ["Description", "Item description", "Product", "Article"],
        "qty": ["Qty", "Quantity", "Qty ordered", "Order qty", "QTY"],
        "unit": ["UOM", "Unit", "U/M"],
        "price": ["Unit price", "Unit cost", "Price", "Price/unit"],
        "amount": ["Total", "Line value", "Amount", "Ext. price"],
        "pos": ["Line", "#", "Ln"],
    },
    "fr": {
        "cust_ref": ["Notre réf.", "Code article", "Réf. interne", "Article"],
        "our_ref": ["Réf. fournisseur", "Réf fourn", "Votre référence", "Code fournisseur"],
        "gtin": ["EAN", "Code EAN", "Gencod"],
        "desc": ["Désignation", "Libellé", "Description", "Désignation article"],
        "qty": ["Qté", "Quantité", "Qté commandée", "Quantite"],
        "unit": ["Unité", "UV", "U"],
        "price": ["PU HT", "Prix unitaire", "Prix", "P.U."],
        "amount": ["Montant HT", "Total HT", "Montant", "Total ligne"],
        "pos": ["Ligne", "N°", "Pos"],
    },
    "de": {
        "cust_ref": ["Unsere Art.-Nr.", "Materialnummer", "Artikel", "Material"],
        "our_ref": [
            "Lief.-Art.-Nr.",
            "Ihre Artikelnummer",
            "Artikelnummer Lieferant",
            "Lieferanten-Artikel",
        ],
        "gtin": ["EAN", "EAN-Code", "GTIN"],
        "desc": ["Bezeichnung", "Artikelbezeichnung", "Beschreibung", "Text"],
        "qty": ["Menge", "Bestellmenge", "Anzahl", "Stück"],
        "unit": ["ME", "Einheit", "Mengeneinheit"],
        "price": ["Preis", "Einzelpreis", "EP netto", "Preis/ME"],
        "amount": ["Gesamt", "Gesamtpreis", "Betrag", "Wert"],
        "pos": ["Pos", "Pos.", "Position"],
    },
}
HEADER_LABELS = {
    "en": {"title": "PURCHASE ORDER", "po": ["PO number", "PO #", "Order No"], "date": ["Date", "Order date"], "ddate": ["Delivery date", "Required by"],
           "ship": ["Delivery address", "Ship to"], "cust": ["Customer", "Company"], "cur": ["Currency"], "total": "Total"},
    "fr": {"title": "BON DE COMMANDE", "po": ["N° de commande", "N° commande", "Commande n°"], "date": ["Date", "Date de commande"],
           "ddate": ["Date de livraison", "Livraison souhaitée"], "ship": ["Adresse de livraison", "Livrer à"], "cust": ["Client", "Société"],
           "cur": ["Devise"], "total": "Total HT"},
    "de": {"title": "BESTELLUNG", "po": ["Bestellnummer", "Bestell-Nr."], "date": ["Datum", "Bestelldatum"], "ddate": ["Lieferdatum", "Liefertermin"],
           "ship": ["Lieferanschrift", "Lieferadresse"], "cust": ["Kunde", "Firma"], "cur": ["Währung"], "total": "Summe netto"},
}  # fmt: skip

FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def sheet_order(rng: random.Random, world, customer=None) -> Order:
    customer = customer or rng.choice(world.customers)
    n = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 45])
    policy = rng.choice(["customer", "customer", "sku", "both", "mixed", "gtin"])
    return make_order(
        rng,
        customer,
        world.by_sku,
        n_lines=n,
        ref_policy=policy,
        with_prices=rng.random() < 0.8,
        money_how="none",
    )


def _columns(o: Order, rng: random.Random) -> list[str]:
    modes = {ln.ref_mode for ln in o.lines}
    cols = []
    if rng.random() < 0.4:
        cols.append("pos")
    if modes & {"customer", "both"}:
        cols.append("cust_ref")
    if modes & {"sku", "both"} or ("cust_ref" not in cols and modes - {"desc", "gtin"}):
        cols.append("our_ref")
    if "gtin" in modes or rng.random() < 0.15:
        cols.append("gtin")
    cols.append("desc")
    cols.append("qty")
    if rng.random() < 0.6:
        cols.append("unit")
    if o.has_prices:
        cols.append("price")
        if rng.random() < 0.6:
            cols.append("amount")
    if rng.random() < 0.3 and "desc" in cols:  # some buyers put the description last
        cols.remove("desc")
        cols.append("desc")
    return cols


def _cell(o: Order, ln, col: str):
    """Raw typed value of a cell: Decimal for numbers, str otherwise."""
    if col == "pos":
        return ln.pos
    if col == "cust_ref":
        return ln.customer_sku or ""
    if col == "our_ref":
        return ln.sku if ln.ref_mode in ("sku", "both") else ""
    if col == "gtin":
        return ln.product.gtin if ln.ref_mode != "desc" else ""
    if col == "desc":
        return ln.description
    if col == "qty":
        return ln.quantity
    if col == "unit":
        return ln.unit_label
    if col == "price":
        return ln.unit_price
    if col == "amount":
        return ln.amount
    raise ValueError(col)


def _ship_text(o: Order) -> list[str]:
    a = o.ship_to
    if a.country == "US":
        city = f"{a.city}, {a.state} {a.postal_code}"
    elif a.country == "GB":
        city = f"{a.city} {a.postal_code}"
    else:
        city = f"{a.postal_code} {a.city}"
    return [a.name, a.street, city]


def _header_block(o: Order, rng: random.Random, *, typed_dates: bool) -> list[list]:
    h = HEADER_LABELS[o.lang]
    rows: list[list] = []
    if rng.random() < 0.6:
        rows.append([h["title"]])
    if rng.random() < 0.5:
        rows.append([rng.choice(h["cust"]), o.customer.name])
    rows.append([rng.choice(h["po"]), o.po_number])
    rows.append([rng.choice(h["date"]), o.order_date if typed_dates else o.d(o.order_date)])
    if o.delivery_date:
        rows.append(
            [rng.choice(h["ddate"]), o.delivery_date if typed_dates else o.d(o.delivery_date)]
        )
    if o.has_prices and rng.random() < 0.7:
        rows.append([rng.choice(h["cur"]), o.currency])
    elif o.has_prices:
        o.traits.append("currency not stated: truth holds the customer's currency")
    if o.ship_to != o.bill_to or rng.random() < 0.6:
        ship = _ship_text(o)
        if rng.random() < 0.5:
            rows.append([rng.choice(h["ship"]), ", ".join(ship)])
        else:
            rows.append([rng.choice(h["ship"]), ship[0]])
            rows += [["", x] for x in ship[1:]]
    else:
        o.traits.append("no delivery address in the sheet: ship-to is the customer's main address")
    rows.append([])
    return rows


def render_xlsx(o: Order, rng: random.Random) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = rng.choice(
        {"fr": ["Commande", "Feuil1"], "en": ["Order", "Sheet1"], "de": ["Bestellung", "Tabelle1"]}[
            o.lang
        ]
    )
    typed_dates = rng.random() < 0.6
    date_fmt = {"US": "mm/dd/yyyy", "DE": "dd.mm.yyyy"}.get(o.customer.country, "dd/mm/yyyy")
    if o.customer.country == "DE" and rng.random() < 0.3:
        date_fmt = "yyyy-mm-dd"
    for row in _header_block(o, rng, typed_dates=typed_dates):
        ws.append(row)
        r = ws.max_row
        if row and len(row) == 1:
            ws.cell(r, 1).font = Font(bold=True, size=14)
        elif row:
            ws.cell(r, 1).font = Font(bold=True)
            if isinstance(row[1], dt.date):
                ws.cell(r, 2).number_format = date_fmt
    cols = _columns(o, rng)
    names = COLUMN_NAMES[o.lang]
    ws.append([rng.choice(names[c]) for c in cols])
    hdr = ws.max_row
    fill = PatternFill("solid", fgColor=rng.choice(["DDEBF7", "E2EFDA", "FFF2CC", "D9D9D9"]))
    for i in range(1, len(cols) + 1):
        ws.cell(hdr, i).font = Font(bold=True)
        ws.cell(hdr, i).fill = fill
    text_numbers = rng.random() < 0.15  # some exports write numbers as text
    for ln in o.lines:
        vals = []
        for c in cols:
            v = _cell(o, ln, c)
            if c in ("qty", "price", "amount"):
                if text_numbers:
                    v = o.q(v) if c == "qty" else o.n(v, ln.price_decimals if c == "price" else 2)
                else:
                    v = int(v) if v == v.to_integral() and c == "qty" else float(v)
            elif c == "gtin" and v and rng.random() < 0.5:
                v = int(v)  # Excel turns an EAN into a number
            vals.append(v)
        ws.append(vals)
        r = ws.max_row
        for i, c in enumerate(cols, start=1):
            if c in ("price", "amount") and not text_numbers:
                ws.cell(r, i).number_format = (
                    "#,##0.00" if c == "amount" or ln.price_decimals == 2 else "#,##0.0000"
                )
            if c == "gtin":
                ws.cell(r, i).number_format = "0"
    if o.has_prices and "amount" in cols and rng.random() < 0.7:
        row = [""] * len(cols)
        row[cols.index("amount") - 1] = HEADER_LABELS[o.lang]["total"]
        row[cols.index("amount")] = float(o.subtotal)
        o.total_printed = True
        ws.append(row)
        ws.cell(ws.max_row, cols.index("amount") + 1).number_format = "#,##0.00"
        ws.cell(ws.max_row, cols.index("amount") + 1).font = Font(bold=True)
    for i, c in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = 48 if c == "desc" else 15
        if c == "desc":
            for row in ws.iter_rows(min_row=hdr + 1, min_col=i, max_col=i):
                row[0].alignment = Alignment(wrap_text=False)
    ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width or 0, 22)
    fixed = dt.datetime(2026, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = o.contact[0]
    wb.properties.lastModifiedBy = o.contact[0]
    buf = io.BytesIO()
    wb.save(buf)
    if typed_dates:
        o.traits.append("dates are real Excel date cells")
    if text_numbers:
        o.traits.append("numbers stored as text in the local format")
    return _normalise_zip(buf.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so that the bytes depend only on the content."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps "modified" with the current time whatever we set
                import re

                content = re.sub(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>",
                                 b'<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>', content)  # fmt: skip
            zi = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, content)
    return out.getvalue()


def render_csv(o: Order, rng: random.Random) -> tuple[bytes, str]:
    sep = ";" if o.num_style not in ("en", "plain_dot") else rng.choice([",", ";"])
    encoding = rng.choice(["utf-8", "cp1252", "utf-8-sig"])
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n" if rng.random() < 0.6 else "\n")
    cols = _columns(o, rng)
    width = len(cols)
    for row in _header_block(o, rng, typed_dates=False):
        w.writerow(row + [""] * (width - len(row)) if rng.random() < 0.5 else row)
    names = COLUMN_NAMES[o.lang]
    w.writerow([rng.choice(names[c]) for c in cols])
    for ln in o.lines:
        row = []
        for c in cols:
            v = _cell(o, ln, c)
            if c == "qty":
                v = o.q(v)
            elif c == "price":
                v = o.n(v, ln.price_decimals)
            elif c == "amount":
                v = o.n(v, 2)
            row.append(v)
        w.writerow(row)
    text = buf.getvalue()
    return text.encode(encoding, errors="replace"), f"{sep!r} {encoding}"


def make_sheet(rng: random.Random, world, idx: int):
    from .build import Generated

    o = sheet_order(rng, world)
    if rng.random() < 0.5:
        data = render_xlsx(o, rng)
        name = f"{idx:04d}-order.xlsx"
        layout = "sheet-xlsx"
    else:
        data, how = render_csv(o, rng)
        name = f"{idx:04d}-order.csv"
        layout = "sheet-csv"
        o.traits.append(f"CSV {how}")
    return Generated(name, data, o.truth("upload", "sheet", layout), "sheet", layout)
