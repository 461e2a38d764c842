"""Twelve purchase-order PDF layouts drawn with reportlab.

Each layout is a function (order, rng) -> PDF bytes, registered in LAYOUTS with the
constraints the order generator must respect (which references the lines use, whether
a discount column is printed)."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from .orders import Order
from .pdfkit import Doc, build_pdf, kv_table, numbered_canvas

GREY = colors.Color(0.85, 0.85, 0.85)
LIGHT = colors.Color(0.94, 0.94, 0.94)
DARK = colors.Color(0.2, 0.25, 0.3)


@dataclass(frozen=True)
class LayoutSpec:
    name: str
    render: Callable[[Order, random.Random], bytes]
    ref_policies: tuple[str, ...]
    discount: float = 0.0  # probability that the order has a discount column
    pos_step: int = 1
    letter_for_us: bool = True
    description: str = ""


def _pagesize(o: Order):
    return LETTER if o.customer.country == "US" else A4


def _page_label(doc: Doc) -> str:
    return f"{doc.L('page')} {{n}} {doc.L('of')} {{total}}"


def _items_table(doc: Doc, cols: list[str], widths: list[float], header: list[str], *, grid: str = "full",
                 long_desc: bool = False, money_cells: bool = False, pos_fmt: str = "{}", size: float = 8.5,
                 header_bg=GREY, header_fg=colors.black, zebra: bool = False, sub_rows: Callable | None = None) -> Table:  # fmt: skip
    o = doc.o
    right = {"qty", "price", "disc", "net", "amount", "qty_unit"}
    data = [
        [
            doc.P(h, size, bold=True, align=TA_RIGHT if c in right else 0, color=header_fg)
            for h, c in zip(header, cols, strict=True)
        ]
    ]
    for line in o.lines:
        row = []
        for c in cols:
            text = doc.line_cell(
                line, c, pos_fmt=pos_fmt, money_cells=money_cells, long_desc=long_desc
            )
            if c == "desc" and sub_rows:
                extra = sub_rows(line)
                if extra:
                    text = text + "\n" + extra
            row.append(doc.P(text, size, align=TA_RIGHT if c in right else 0))
        data.append(row)
    t = Table(data, colWidths=widths, repeatRows=1)
    st = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), header_bg),
          ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]  # fmt: skip
    if grid == "full":
        st.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
    elif grid == "horizontal":
        st += [
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
        ]
    elif grid == "header":
        st += [
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.black),
        ]
    elif grid == "box":
        st += [("BOX", (0, 0), (-1, -1), 0.8, colors.black), ("LINEAFTER", (0, 0), (-2, -1), 0.5, colors.black),
               ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black)]  # fmt: skip
    if zebra:
        for i in range(1, len(data)):
            if i % 2 == 0:
                st.append(("BACKGROUND", (0, i), (-1, i), LIGHT))
    t.setStyle(TableStyle(st))
    return t


def _totals(
    doc: Doc, width_label: float, width_val: float, *, boxed: bool = False, **kw
) -> Table | Spacer:
    rows = doc.totals_rows(**kw)
    if not rows:
        return Spacer(1, 4)
    data = [
        [doc.PR(k, 9, bold=i == len(rows) - 1), doc.PR(v, 9, bold=i == len(rows) - 1)]
        for i, (k, v) in enumerate(rows)
    ]
    t = Table(data, colWidths=[width_label, width_val], hAlign="RIGHT")
    st = [("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if boxed:
        st.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
    else:
        st.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black))
    t.setStyle(TableStyle(st))
    return t


def _block(
    doc: Doc,
    title: str,
    lines: list[str],
    width: float,
    *,
    size: float = 9,
    bar: bool = False,
    box: bool = False,
) -> Table:
    data = [
        [doc.P(title, size, bold=True, color=colors.white if bar else colors.black)],
        [doc.P("\n".join(lines), size)],
    ]
    t = Table(data, colWidths=[width])
    st = [("LEFTPADDING", (0, 0), (-1, -1), 4), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if bar:
        st.append(("BACKGROUND", (0, 0), (-1, 0), DARK))
    if box:
        st.append(("BOX", (0, 0), (-1, -1), 0.7, colors.black))
    t.setStyle(TableStyle(st))
    return t


def _terms(doc: Doc, size: float = 8) -> list:
    o = doc.o
    out = [Spacer(1, 8), doc.P(doc.L("notes"), size + 0.5, bold=True)]
    for t in o.terms:
        out.append(doc.P(t, size))
    out.append(doc.P(f"{doc.L('payment_terms')}: {o.payment_terms}", size))
    return out


def _header_fields(
    doc: Doc, *, delivery: bool = True, contact: bool = True, extra: bool = True
) -> list[tuple[str, str]]:
    o = doc.o
    rows = [(doc.L("po_no"), o.po_number), (doc.L("order_date"), o.d(o.order_date))]
    if delivery and o.delivery_date:
        rows.append((doc.L("delivery_date"), o.d(o.delivery_date)))
    if contact:
        rows.append((doc.L("contact"), o.contact[0]))
    if extra and o.quote_ref:
        rows.append((doc.L("quote_ref"), o.quote_ref))
    if extra and o.cost_centre:
        rows.append((doc.L("cost_centre"), o.cost_centre))
    return rows


def _footer_cb(doc: Doc, text: str, size: float = 6.5):
    def draw(canvas, _doc):
        canvas.saveState()
        canvas.setFont(doc.font, size)
        w = canvas._pagesize[0]
        canvas.drawCentredString(w / 2, 32, text[:190])
        canvas.restoreState()

    return draw


# ============================================================ L01 classic ruled
def l01_classic(o: Order, rng: random.Random) -> bytes:
    doc = Doc(o, rng, rng.choice(["helv", "times"]))
    size = _pagesize(o)
    W = size[0] - 80
    head = Table(
        [[doc.P(o.customer.name, 15, bold=True), doc.PR(doc.L("po_title"), 18, bold=True)],
         [doc.P("\n".join(doc.buyer_header_lines()), 8.5), kv_table(doc, _header_fields(doc), widths=(95, 115), size=9)]],
        colWidths=[W - 215, 215],
    )  # fmt: skip
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    blocks = Table(
        [[_block(doc, doc.L("vendor"), doc.supplier_lines(), W / 3 - 6, box=True),
          _block(doc, doc.L("ship_to"), doc.ship_lines(), W / 3 - 6, box=True),
          _block(doc, doc.L("bill_to"), doc.addr_lines(o.bill_to), W / 3 - 6, box=True)]],
        colWidths=[W / 3] * 3,
    )  # fmt: skip
    blocks.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    with_pos = rng.random() < 0.5
    with_unit = rng.random() < 0.6
    cols = (
        (["pos"] if with_pos else [])
        + ["ref", "desc", "qty"]
        + (["unit"] if with_unit else [])
        + ["price", "amount"]
    )
    fixed = {"pos": 28, "ref": 96, "qty": 45, "unit": 38, "price": 62, "amount": 70}
    widths = [fixed.get(c, 0) for c in cols]
    widths[cols.index("desc")] = W - sum(widths)
    header = [
        doc.L(
            {
                "pos": "pos",
                "ref": "ref",
                "desc": "desc",
                "qty": "qty",
                "unit": "unit",
                "price": "price",
                "amount": "amount",
            }[c]
        )
        for c in cols
    ]
    story = [head, Spacer(1, 10), blocks, Spacer(1, 12),
             _items_table(doc, cols, widths, header, grid="full", long_desc=rng.random() < 0.4),
             Spacer(1, 4), _totals(doc, 110, 80, boxed=True)]  # fmt: skip
    if o.money_how == "none" and o.has_prices:
        story.append(doc.P(doc.currency_note(), 8))
    story += _terms(doc)
    return build_pdf(story, pagesize=size, on_page=_footer_cb(doc, doc.legal_footer()),
                     canvasmaker=numbered_canvas(_page_label(doc), (doc.font, 8), (size[0] - 80, 20)))  # fmt: skip


# ============================================================ L02 unruled, label above
def l02_unruled(o: Order, rng: random.Random) -> bytes:
    doc = Doc(o, rng, "helv")
    size = _pagesize(o)
    W = size[0] - 90
    fields = _header_fields(doc, contact=False, extra=False)
    if o.has_prices:
        fields.append((doc.L("currency"), o.currency))
    fw = W / len(fields)
    hdr = Table([[doc.P(k.upper(), 7, color=colors.grey) for k, _ in fields], [doc.P(v, 10, bold=True) for _, v in fields]],
                colWidths=[fw] * len(fields))  # fmt: skip
    hdr.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)])
    )
    addr = Table(
        [[doc.P(doc.L("vendor").upper(), 7, color=colors.grey), doc.P(doc.L("ship_to").upper(), 7, color=colors.grey)],
         [doc.P("\n".join(doc.supplier_lines(False)), 9), doc.P("\n".join(doc.ship_lines()), 9)]],
        colWidths=[W / 2, W / 2],
    )  # fmt: skip
    addr.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    cols = ["ref", "desc", "qty", "price", "amount"]
    widths = [96, W - 96 - 50 - 70 - 80, 50, 70, 80]
    header = [doc.L("ref"), doc.L("desc"), doc.L("qty"), doc.L("price"), doc.L("amount")]
    story = [
        doc.P(o.customer.name, 11, bold=True),
        doc.P(" · ".join(doc.buyer_header_lines()[:3]), 8, color=colors.grey),
        Spacer(1, 18),
        doc.P(doc.L("po_title"), 20),
        Spacer(1, 10), hdr, Spacer(1, 16), addr, Spacer(1, 18),
        _items_table(doc, cols, widths, header, grid="header", money_cells=True, header_bg=colors.white),
        Spacer(1, 6), _totals(doc, 120, 80, vat=rng.random() < 0.5, shipping=False, grand=rng.random() < 0.5),
    ]  # fmt: skip
    if rng.random() < 0.6:
        story += [Spacer(1, 14), doc.P(" ".join(o.terms), 8, color=colors.grey)]
    return build_pdf(story, pagesize=size, margins=(45, 45, 45, 50))


# ============================================================ L03 boxed header fields, SAP style
def l03_boxed(o: Order, rng: random.Random) -> bytes:
    doc = Doc(o, rng, "helv")
    size = A4 if o.customer.country != "US" else LETTER
    W = size[0] - 70
    c = o.customer
    fields = [(doc.L("po_no"), o.po_number), (doc.L("order_date"), o.d(o.order_date)), (doc.L("vendor_no"), c.vendor_no),
              (doc.L("contact"), o.contact[0]), (doc.L("phone"), c.phone), (doc.L("currency"), o.currency)]  # fmt: skip
    o.currency_printed = True
    if o.delivery_date:
        fields.insert(2, (doc.L("delivery_date"), o.d(o.delivery_date)))
    cells = [
        Table(
            [[doc.P(k, 6.5, color=colors.grey)], [doc.P(v, 9.5, bold=True)]], colWidths=[W / 4 - 4]
        )
        for k, v in fields
    ]
    for cell in cells:
        cell.setStyle(
            TableStyle(
                [("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
            )
        )
    while len(cells) % 4:
        cells.append("")
    grid = Table([cells[i : i + 4] for i in range(0, len(cells), 4)], colWidths=[W / 4] * 4)
    grid.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.7, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
    )
    top = Table(
        [[doc.P(c.name + "\n" + "\n".join(doc.buyer_header_lines()[:3]), 8.5), doc.PR(doc.L("po_title"), 16, bold=True)],
         [doc.P("\n".join(doc.supplier_lines(False)), 9.5), doc.P(doc.L("ship_to") + ":\n" + "\n".join(doc.ship_lines()), 9)]],
        colWidths=[W / 2, W / 2],
    )  # fmt: skip
    top.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 1), (-1, 1), 14)])
    )
    your_mat = {"en": "Your material no.", "fr": "Votre réf. article", "de": "Ihre Materialnummer"}[
        o.lang
    ]

    def sub(line):
        parts = []
        if line.ref_mode in ("both", "sku"):
            parts.append(f"{your_mat}: {line.sku}")
        if rng.random() < 0.25 and o.delivery_date:
            parts.append(f"{doc.L('delivery_date')}: {o.d(o.delivery_date)}")
        return "\n".join(parts)

    cols = ["pos", "cust_ref", "desc", "qty", "unit", "price", "amount"]
    widths = [34, 82, W - 34 - 82 - 48 - 36 - 62 - 70, 48, 36, 62, 70]
    header = [
        doc.L("pos"),
        doc.L("cust_ref"),
        doc.L("desc"),
        doc.L("qty"),
        doc.L("unit"),
        doc.L("price"),
        doc.L("amount"),
    ]
    story = [top, Spacer(1, 10), grid, Spacer(1, 14),
             _items_table(doc, cols, widths, header, grid="horizontal", pos_fmt="{:05d}", sub_rows=sub, size=8.5),
             Spacer(1, 4), _totals(doc, 120, 80, vat=False, shipping=False, grand=False)]  # fmt: skip
    story += _terms(doc, 7.5)
    return build_pdf(story, pagesize=size, margins=(35, 35, 35, 50),
                     canvasmaker=numbered_canvas(_page_label(doc), ("Helvetica", 7.5), (size[0] - 70, 22)))  # fmt: skip


# ============================================================ L04 DIN-5008-like business letter
LETTER_TEXT = {
    "de": (
        "Sehr geehrte Damen und Herren,",
        "wir bestellen hiermit zu unseren Einkaufsbedingungen folgende Artikel:",
        "Mit freundlichen Grüßen",
    ),
    "fr": (
        "Madame, Monsieur,",
        "Veuillez trouver ci-dessous notre commande, aux conditions convenues :",
        "Cordialement,",
    ),
    "en": (
        "Dear Sir or Madam,",
        "Please supply the following items in accordance with our terms of purchase:",
        "Kind regards,",
    ),
}


def l04_letter(o: Order, rng: random.Random) -> bytes:
    doc = Doc(o, rng, rng.choice(["helv", "vera"]))
    size = A4
    W = size[0] - 45 - 50
    c = o.customer
    sender = f"{c.name} · {c.address.street} · {c.address.postal_code} {c.address.city}"
    info = kv_table(
        doc, _header_fields(doc, delivery=False), widths=(85, 110), size=8.5, label_bold=False
    )
    window = Table(
        [
            [doc.P(sender, 6.5, color=colors.grey)],
            [doc.P("\n".join(doc.supplier_lines(False)), 10)],
        ],
        colWidths=[240],
    )
    window.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    top = Table([[window, info]], colWidths=[W - 200, 200])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    hello, intro, bye = LETTER_TEXT[o.lang]
    cols = ["pos", "qty", "unit", "ref", "desc", "price", "amount"]
    widths = [32, 42, 38, 90, W - 32 - 42 - 38 - 90 - 60 - 68, 60, 68]
    header = [
        doc.L("pos"),
        doc.L("qty"),
        doc.L("unit"),
        doc.L("ref"),
        doc.L("desc"),
        doc.L("price"),
        doc.L("amount"),
    ]
    ship = doc.ship_lines()
    story = [
        doc.P(c.name, 14, bold=True), doc.P(c.address.street + " | " + c.address.postal_code + " " + c.address.city, 8),
        Spacer(1, 28), top, Spacer(1, 24),
        doc.P(f"{doc.L('po_title')} {o.po_number}", 12, bold=True), Spacer(1, 10),
        doc.P(hello, 10), Spacer(1, 4), doc.P(intro, 10), Spacer(1, 8),
        _items_table(doc, cols, widths, header, grid="header", header_bg=colors.white, long_desc=rng.random() < 0.5),
        Spacer(1, 4), _totals(doc, 130, 75, shipping=False),
        doc.P(doc.currency_note(), 8) if o.money_how == "none" and o.has_prices else Spacer(1, 1),
        Spacer(1, 12),
    ]  # fmt: skip
    deliv = [doc.P(doc.L("ship_to") + ":", 10, bold=True), doc.P("\n".join(ship), 10)]
    if o.delivery_date:
        deliv += [
            Spacer(1, 4),
            doc.P(f"{doc.L('delivery_date')}: {o.d(o.delivery_date)}", 10, bold=True),
        ]
    story.append(KeepTogether(deliv))
    story += [Spacer(1, 10), doc.P(" ".join(o.terms), 9), Spacer(1, 12), doc.P(bye, 10), Spacer(1, 20), doc.P(o.contact[0], 10),
              doc.P(doc.L("contact"), 8)]  # fmt: skip
    return build_pdf(story, pagesize=size, margins=(50, 45, 40, 60), on_page=_footer_cb(doc, doc.legal_footer()),
                     canvasmaker=numbered_canvas(_page_label(doc), (doc.font, 8), (size[0] - 70, 45)))  # fmt: skip


# ============================================================ L05 French-style bon de commande with discount
def l05_discount(o: Order, rng: random.Random) -> bytes:
    doc = Doc(o, rng, rng.choice(["helv", "times"]))
    size = _pagesize(o)
    W = size[0] - 70
    no = {"fr": "N°", "en": "No.", "de": "Nr."}[o.lang]
    title = Table(
        [[doc.P(f"{doc.L('po_title')} {no} {o.po_number}", 14, bold=True, color=colors.white)]],
        colWidths=[W],
    )
    title.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), DARK),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    bw = W / 3
    blocks = Table(
        [[_block(doc, doc.L("vendor"), doc.supplier_lines(), bw - 6, box=True, size=8.5),
          _block(doc, doc.L("ship_to"), doc.ship_lines(), bw - 6, box=True, size=8.5),
          _block(doc, doc.L("bill_to"), doc.addr_lines(o.bill_to), bw - 6, box=True, size=8.5)]],
        colWidths=[bw] * 3,
    )  # fmt: skip
    blocks.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    hf = _header_fields(doc)[1:]
    dates = Table(
        [[doc.P(f"{k} : {v}" if o.lang == "fr" else f"{k}: {v}", 9) for k, v in hf]],
        colWidths=[W / len(hf)] * len(hf),
    )
    show_net = rng.random() < 0.6
    cols = ["ref", "desc", "qty", "price", "disc"] + (["net"] if show_net else []) + ["amount"]
    fixed = {"ref": 96, "qty": 40, "price": 55, "disc": 45, "net": 55, "amount": 65}
    widths = [fixed.get(c, 0) for c in cols]
    widths[1] = W - sum(widths)
    header = [doc.L({"price": "gross_price" if show_net else "price"}.get(c, c)) for c in cols]
    story = [doc.P(o.customer.name, 13, bold=True), doc.P("\n".join(doc.buyer_header_lines()), 8), Spacer(1, 8), title,
             Spacer(1, 8), dates, Spacer(1, 8), blocks, Spacer(1, 12),
             _items_table(doc, cols, widths, header, grid="horizontal", long_desc=rng.random() < 0.3),
             Spacer(1, 6), _totals(doc, 120, 85, boxed=True)]  # fmt: skip
    if o.money_how == "none" and o.has_prices:
        story.append(doc.P(doc.currency_note(), 8))
    story += _terms(doc)
    return build_pdf(
        story, pagesize=size, margins=(35, 35, 35, 50), on_page=_footer_cb(doc, doc.legal_footer())
    )


# ============================================================ L06 US-style form with dark bars
def l06_usform(o: Order, rng: random.Random) -> bytes:
    doc = Doc(o, rng, "helv")
    size = _pagesize(o)
    W = size[0] - 72
    c = o.customer
    datebox = Table([[doc.P(doc.L("order_date").upper(), 8, bold=True, color=colors.white), doc.P(doc.L("po_no").upper(), 8, bold=True, color=colors.white)],
                     [doc.P(o.d(o.order_date), 9, align=TA_CENTER), doc.P(o.po_number, 9, align=TA_CENTER)]], colWidths=[90, 100])  # fmt: skip
    datebox.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), DARK),
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ]
        )
    )
    head = Table([[doc.P(c.name + "\n" + "\n".join(doc.buyer_header_lines()), 9), [doc.PR(doc.L("po_title").upper(), 20, bold=True), Spacer(1, 6), datebox]]],
                 colWidths=[W - 200, 200])  # fmt: skip
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    blocks = Table([[_block(doc, doc.L("vendor").upper(), doc.supplier_lines(), W / 2 - 10, bar=True),
                     _block(doc, doc.L("ship_to").upper(), doc.ship_lines(), W / 2 - 10, bar=True)]], colWidths=[W / 2, W / 2])  # fmt: skip
    blocks.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    via = {"en": ["SHIP VIA", "F.O.B.", "SHIPPING TERMS", "REQUESTED BY", "REQ. DATE"], "fr": ["TRANSPORTEUR", "INCOTERM", "CONDITIONS", "DEMANDEUR", "DATE SOUHAITÉE"],
           "de": ["VERSANDART", "INCOTERM", "LIEFERBEDINGUNG", "ANGEFORDERT VON", "WUNSCHTERMIN"]}[o.lang]  # fmt: skip
    vals = [rng.choice(["UPS Ground", "FedEx Freight", "Best way", "Our truck", "DHL", "Schenker", "Geodis"]), rng.choice(["Origin", "Destination", "EXW", "DAP", "FCA"]),
            o.payment_terms, o.contact[0], o.d(o.delivery_date) if o.delivery_date else ""]  # fmt: skip
    shiprow = Table(
        [
            [doc.P(v, 7.5, bold=True, color=colors.white) for v in via],
            [doc.P(v, 8.5) for v in vals],
        ],
        colWidths=[W / 5] * 5,
    )
    shiprow.setStyle(
        TableStyle(
            [("BACKGROUND", (0, 0), (-1, 0), DARK), ("GRID", (0, 0), (-1, -1), 0.6, colors.black)]
        )
    )
    with_unit = rng.random() < 0.4
    cols = ["ref", "desc", "qty"] + (["unit"] if with_unit else []) + ["price", "amount"]
    fixed = {"ref": 96, "qty": 45, "unit": 35, "price": 70, "amount": 80}
    widths = [fixed.get(x, 0) for x in cols]
    widths[1] = W - sum(widths)
    header = [doc.L(x).upper() for x in cols]
    items = _items_table(
        doc,
        cols,
        widths,
        header,
        grid="box",
        header_bg=DARK,
        header_fg=colors.white,
        money_cells=o.money_how != "none",
    )
    comments = _block(
        doc,
        {"en": "Comments or Special Instructions", "fr": "Commentaires", "de": "Bemerkungen"}[
            o.lang
        ],
        o.terms[:2],
        W / 2 - 10,
        bar=True,
    )
    tot = _totals(doc, 95, 85, boxed=True)
    bottom = Table([[comments, tot]], colWidths=[W / 2, W / 2])
    bottom.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    story = [
        head,
        Spacer(1, 12),
        blocks,
        Spacer(1, 10),
        shiprow,
        Spacer(1, 10),
        items,
        Spacer(1, 8),
        bottom,
    ]
    if o.money_how == "none" and o.has_prices:
        story.append(doc.P(doc.currency_note(), 8))
    footer = {"en": "If you have any questions about this purchase order, please contact", "fr": "Pour toute question concernant cette commande, contactez",
              "de": "Bei Fragen zu dieser Bestellung wenden Sie sich an"}[o.lang]  # fmt: skip
    story += [
        Spacer(1, 14),
        doc.P(f"{footer} {o.contact[0]}, {c.phone}, {o.contact[1]}", 8, align=TA_CENTER),
    ]
    return build_pdf(story, pagesize=size, margins=(36, 36, 36, 50))


# ============================================================ L07 retail: GTIN only, zebra
def l07_gtin(o: Order, rng: random.Random) -> bytes:
    doc = Doc(o, rng, "vera")
    size = _pagesize(o)
    W = size[0] - 70
    c = o.customer
    band = Table([[doc.P(c.name.upper(), 14, bold=True, color=colors.white), doc.PR(f"{doc.L('po_title')}\n{o.po_number}", 12, bold=True)]],
                 colWidths=[W * 0.6, W * 0.4])  # fmt: skip
    band.setStyle(TableStyle([("BACKGROUND", (0, 0), (0, 0), colors.Color(0.1, 0.35, 0.55)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))  # fmt: skip
    info = kv_table(doc, _header_fields(doc), widths=(100, 120), size=8.5)
    addr = Table([[_block(doc, doc.L("ship_to"), doc.ship_lines(), W / 3 - 6), _block(doc, doc.L("vendor"), doc.supplier_lines(), W / 3 - 6), info]],
                 colWidths=[W / 3, W / 3, W / 3])  # fmt: skip
    addr.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    cols = ["pos", "gtin", "desc", "qty", "unit", "price", "amount"]
    widths = [26, 85, W - 26 - 85 - 45 - 35 - 60 - 70, 45, 35, 60, 70]
    header = [
        doc.L("pos"),
        doc.L("gtin"),
        doc.L("desc"),
        doc.L("qty"),
        doc.L("unit"),
        doc.L("price"),
        doc.L("amount"),
    ]
    story = [band, Spacer(1, 6), doc.P(" | ".join(doc.buyer_header_lines()), 7.5), Spacer(1, 10), addr, Spacer(1, 12),
             _items_table(doc, cols, widths, header, grid="none", zebra=True, header_bg=GREY),
             Spacer(1, 6), _totals(doc, 120, 80, vat=rng.random() < 0.5, shipping=False, grand=False)]  # fmt: skip
    if o.money_how == "none" and o.has_prices:
        story.append(doc.P(doc.currency_note(), 8))
    story += _terms(doc, 7.5)
    return build_pdf(story, pagesize=size, margins=(35, 35, 35, 50),
                     canvasmaker=numbered_canvas(_page_label(doc), ("Helvetica", 7.5), (size[0] / 2, 22)))  # fmt: skip


# ============================================================ L08 small business: description only, letter
def l08_desc(o: Order, rng: random.Random) -> bytes:
    doc = Doc(o, rng, rng.choice(["times", "helv"]))
    size = _pagesize(o)
    W = size[0] - 100
    c = o.customer
    city_date = {"fr": f"{c.address.city}, le {o.d(o.order_date)}", "de": f"{c.address.city}, den {o.d(o.order_date)}",
                 "en": f"{o.d(o.order_date)}"}[o.lang]  # fmt: skip
    subject = {
        "fr": f"Objet : commande n° {o.po_number}",
        "de": f"Betreff: Bestellung Nr. {o.po_number}",
        "en": f"Re: Purchase order {o.po_number}",
    }[o.lang]
    please = {"fr": "Nous vous prions de bien vouloir nous livrer les articles suivants :", "de": "bitte liefern Sie uns folgende Artikel:",
              "en": "Please supply the following items:"}[o.lang]  # fmt: skip
    hello, _, bye = LETTER_TEXT[o.lang]
    cols = (
        ["pos", "qty", "unit", "desc", "price", "amount"]
        if o.has_prices
        else ["pos", "qty", "unit", "desc"]
    )
    widths = [22, 45, 40, W - 22 - 45 - 40 - (130 if o.has_prices else 0)] + (
        [60, 70] if o.has_prices else []
    )
    header = [doc.L("pos"), doc.L("qty"), doc.L("unit"), doc.L("desc")] + (
        [doc.L("price"), doc.L("amount")] if o.has_prices else []
    )
    story = [doc.P(c.name, 13, bold=True), doc.P("\n".join(doc.buyer_header_lines()), 9), Spacer(1, 20),
             doc.P("\n".join(doc.supplier_lines(False)), 10), Spacer(1, 16), doc.PR(city_date, 10), Spacer(1, 12),
             doc.P(subject, 10.5, bold=True), Spacer(1, 10), doc.P(hello, 10), Spacer(1, 4), doc.P(please, 10), Spacer(1, 8),
             _items_table(doc, cols, widths, header, grid="none", header_bg=colors.white), Spacer(1, 4)]  # fmt: skip
    if o.has_prices:
        story += [_totals(doc, 120, 80, vat=False, shipping=False, grand=False)]
        if o.money_how == "none":
            story.append(doc.P(doc.currency_note(), 9))
    story.append(Spacer(1, 10))
    if o.ship_to != o.bill_to:
        story += [
            doc.P(
                doc.L("ship_to") + " :" if o.lang == "fr" else doc.L("ship_to") + ":", 10, bold=True
            ),
            doc.P("\n".join(doc.ship_lines()), 10),
        ]
    else:
        o.traits.append("no separate ship-to printed: goods go to the letterhead address")
    if o.delivery_date:
        story += [
            Spacer(1, 6),
            doc.P(
                f"{doc.L('delivery_date')} : {o.d(o.delivery_date)}"
                if o.lang == "fr"
                else f"{doc.L('delivery_date')}: {o.d(o.delivery_date)}",
                10,
            ),
        ]
    story += [Spacer(1, 14), doc.P(bye, 10), Spacer(1, 24), doc.P(o.contact[0], 10)]
    return build_pdf(story, pagesize=size, margins=(50, 50, 45, 50))


# ============================================================ L09 header top-right, zebra, discount, long descriptions
def l09_zebra(o: Order, rng: random.Random) -> bytes:
    doc = Doc(o, rng, "vera")
    size = _pagesize(o)
    W = size[0] - 70
    info = kv_table(
        doc,
        _header_fields(doc) + [(doc.L("payment_terms"), o.payment_terms)],
        widths=(100, 120),
        size=8.5,
    )
    info.setStyle(
        TableStyle(
            [("BACKGROUND", (0, 0), (-1, -1), LIGHT), ("BOX", (0, 0), (-1, -1), 0.5, colors.grey)]
        )
    )
    head = Table([[[doc.P(o.customer.name, 16, bold=True), doc.P("\n".join(doc.buyer_header_lines()), 8.5)], [doc.P(doc.L("po_title"), 16, bold=True), info]]],
                 colWidths=[W - 225, 225])  # fmt: skip
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    addr = Table([[doc.P(doc.L("vendor"), 8, bold=True), doc.P(doc.L("ship_to"), 8, bold=True), doc.P(doc.L("bill_to"), 8, bold=True)],
                  [doc.P("\n".join(doc.supplier_lines()), 8.5), doc.P("\n".join(doc.ship_lines()), 8.5), doc.P("\n".join(doc.addr_lines(o.bill_to)), 8.5)]],
                 colWidths=[W / 3] * 3)  # fmt: skip
    addr.setStyle(
        TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey)]
        )
    )
    disc = o.discount
    cols = ["pos", "ref", "desc", "qty_unit", "price"] + (["disc"] if disc else []) + ["amount"]
    fixed = {"pos": 30, "ref": 92, "qty_unit": 60, "price": 58, "disc": 40, "amount": 68}
    widths = [fixed.get(x, 0) for x in cols]
    widths[2] = W - sum(widths)
    header = [doc.L({"qty_unit": "qty"}.get(x, x)) for x in cols]
    story = [head, Spacer(1, 12), addr, Spacer(1, 12),
             _items_table(doc, cols, widths, header, grid="none", zebra=True, long_desc=True, header_bg=colors.Color(0.75, 0.82, 0.88)),
             Spacer(1, 6), _totals(doc, 120, 85)]  # fmt: skip
    if o.money_how == "none" and o.has_prices:
        story.append(doc.P(doc.currency_note(), 8))
    story += _terms(doc, 8)
    return build_pdf(story, pagesize=size, margins=(35, 35, 35, 55), on_page=_footer_cb(doc, doc.legal_footer()),
                     canvasmaker=numbered_canvas(_page_label(doc), ("Helvetica", 7.5), (size[0] - 60, 20)))  # fmt: skip


# ============================================================ L10 landscape, many columns
def l10_landscape(o: Order, rng: random.Random) -> bytes:
    doc = Doc(o, rng, "helv")
    size = landscape(_pagesize(o))
    W = size[0] - 60
    c = o.customer
    hf = _header_fields(doc)
    hdr = Table(
        [[doc.P(k, 7, color=colors.grey) for k, _ in hf], [doc.P(v, 9, bold=True) for _, v in hf]],
        colWidths=[W / 2 / len(hf)] * len(hf),
    )
    hdr.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                ("INNERGRID", (0, 0), (-1, -1), 0.3, colors.grey),
            ]
        )
    )
    top = Table([[[doc.P(c.name, 13, bold=True), doc.P(", ".join(doc.buyer_header_lines()[:4]), 8)], [doc.PR(doc.L("po_title"), 16, bold=True), hdr]]],
                colWidths=[W / 2, W / 2])  # fmt: skip
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    addr = Table([[_block(doc, doc.L("vendor"), doc.supplier_lines(), W / 3 - 8, box=True, size=8),
                   _block(doc, doc.L("ship_to"), doc.ship_lines(), W / 3 - 8, box=True, size=8),
                   _block(doc, doc.L("bill_to"), doc.addr_lines(o.bill_to), W / 3 - 8, box=True, size=8)]], colWidths=[W / 3] * 3)  # fmt: skip
    addr.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    cols = (
        ["pos", "cust_ref", "our_ref", "gtin", "desc", "qty", "unit", "price"]
        + (["disc", "net"] if o.discount else [])
        + ["amount", "ddate"]
    )
    fixed = {
        "pos": 26,
        "cust_ref": 70,
        "our_ref": 82,
        "gtin": 78,
        "qty": 45,
        "unit": 32,
        "price": 55,
        "disc": 38,
        "net": 55,
        "amount": 65,
        "ddate": 60,
    }
    widths = [fixed.get(x, 0) for x in cols]
    widths[cols.index("desc")] = W - sum(widths)
    header = [
        doc.L(
            {"price": "gross_price" if o.discount else "price", "ddate": "delivery_date"}.get(x, x)
        )
        for x in cols
    ]
    story = [top, Spacer(1, 8), addr, Spacer(1, 10), _items_table(doc, cols, widths, header, grid="full", size=7.5), Spacer(1, 6),
             _totals(doc, 120, 80, boxed=True)]  # fmt: skip
    if o.money_how == "none" and o.has_prices:
        story.append(doc.P(doc.currency_note(), 8))
    story += _terms(doc, 7.5)
    return build_pdf(story, pagesize=size, margins=(30, 30, 30, 45), on_page=_footer_cb(doc, doc.legal_footer()),
                     canvasmaker=numbered_canvas(_page_label(doc), ("Helvetica", 7.5), (size[0] - 60, 20)))  # fmt: skip


# ============================================================ L11 fixed-width ERP printout (drawn by hand, manual pagination)
def l11_erp(o: Order, rng: random.Random) -> bytes:
    doc = Doc(o, rng, "courier")
    o.uppercase_address = True
    size = A4 if o.customer.country != "US" else LETTER
    buf = io.BytesIO()
    cv = rl_canvas.Canvas(buf, pagesize=size, invariant=1)
    cv.setTitle("")
    fs = 8.5
    lh = 10.5
    x0 = 36
    width_chars = int((size[0] - 2 * x0) / (fs * 0.6))
    c = o.customer
    price_dec = 4 if rng.random() < 0.4 else 2
    qty_dec = 3 if o.lang == "de" and rng.random() < 0.5 else None
    ref_w = 16

    def qfmt(v):
        return o.n(v, qty_dec) if qty_dec else o.q(v)

    def header_lines(page: int, total: int) -> list[str]:
        L = doc.L
        out = [
            f"{c.name.upper():<{width_chars - 14}}{L('page').upper()} {page}/{total}".rstrip(),
            c.address.street.upper(),
            f"{c.address.postal_code} {c.address.city.upper()}",
            f"{L('phone').upper()} {c.phone}   {L('vat_no').upper()} {c.vat_number}",
            "",
            f"{'*' * 10} {L('po_title').upper()} {'*' * 10}",
            "",
            f"{L('po_no').upper():<22}: {o.po_number}",
            f"{L('order_date').upper():<22}: {o.d(o.order_date)}",
        ]
        if o.delivery_date:
            out.append(f"{L('delivery_date').upper():<22}: {o.d(o.delivery_date)}")
        o.currency_printed = True
        out += [
            f"{L('vendor_no').upper():<22}: {c.vendor_no}",
            f"{L('currency').upper():<22}: {o.currency}",
            "",
        ]
        if page == 1:
            vend = [x.upper() for x in doc.supplier_lines(False)]
            ship = doc.ship_lines(upper=True)
            out.append(f"{L('vendor').upper():<40}{L('ship_to').upper()}")
            for i in range(max(len(vend), len(ship))):
                left = vend[i] if i < len(vend) else ""
                right = ship[i] if i < len(ship) else ""
                out.append(f"{left[:38]:<40}{right}")
            out.append("")
        cols = f"{L('pos').upper()[:4]:<5}{L('ref').upper()[:ref_w - 1]:<{ref_w}}{L('desc').upper()[:30]:<32}{L('qty').upper()[:10]:>10} {L('unit').upper()[:4]:<5}"
        if o.has_prices:
            cols += f"{L('price').upper()[:11]:>12}{L('amount').upper()[:12]:>13}"
        out += ["-" * width_chars, cols, "-" * width_chars]
        return out

    body: list[str] = []
    for line in o.lines:
        ref = doc.line_cell(line, "ref")
        desc = line.description.upper()
        first, rest = desc[:31], desc[31:]
        row = f"{line.pos:<5}{ref:<{ref_w}}{first:<32}{qfmt(line.quantity):>10} {line.unit_label.upper():<5}"
        if o.has_prices:
            row += f"{o.n(line.unit_price, max(price_dec, line.price_decimals)):>12}{o.n(line.amount):>13}"
        body.append(row)
        while rest:
            body.append(" " * (5 + ref_w) + rest[:31])
            rest = rest[31:]
    tail = ["-" * width_chars]
    if o.has_prices:
        o.total_printed = True
        tail.append(
            f"{doc.L('subtotal').upper() + ' ' + o.currency:>{width_chars - 14}}{o.n(o.subtotal):>14}"
        )
    tail += (
        ["", f"{doc.L('payment_terms').upper()}: {o.payment_terms.upper()}"]
        + [t.upper() for t in o.terms]
        + [
            "",
            "*** END OF ORDER ***"
            if o.lang == "en"
            else "*** FIN ***"
            if o.lang == "fr"
            else "*** ENDE DER BESTELLUNG ***",
        ]
    )
    # paginate
    usable = int((size[1] - 80) / lh)
    pages: list[list[str]] = []
    rows = body + tail
    total_guess = 1
    for _ in range(3):
        pages = []
        i = 0
        page_no = 1
        while i < len(rows) or not pages:
            hdr = header_lines(page_no, total_guess)
            room = usable - len(hdr) - 2
            chunk = rows[i : i + room]
            i += room
            pages.append((page_no, chunk))
            page_no += 1
            if i >= len(rows):
                break
        if len(pages) == total_guess:
            break
        total_guess = len(pages)
    for page_no, chunk in pages:
        lines = header_lines(page_no, len(pages)) + chunk
        if page_no < len(pages):
            lines += ["", f"{doc.L('carried_forward').upper()} ..."]
        cv.setFont("Courier", fs)
        y = size[1] - 40
        for text in lines:
            cv.drawString(x0, y, text)
            y -= lh
        cv.showPage()
    cv.save()
    return buf.getvalue()


# ============================================================ L12 modern: coloured band, label-above grid, two ref columns
def l12_modern(o: Order, rng: random.Random) -> bytes:
    doc = Doc(o, rng, "vera")
    size = _pagesize(o)
    W = size[0] - 70
    c = o.customer
    accent = rng.choice(
        [colors.Color(0.0, 0.45, 0.45), colors.Color(0.45, 0.1, 0.3), colors.Color(0.15, 0.3, 0.6)]
    )

    def band(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(accent)
        canvas.rect(0, size[1] - 70, size[0], 70, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Vera-Bold", 18)
        canvas.drawString(35, size[1] - 42, c.name)
        canvas.setFont("Vera", 8)
        canvas.drawString(
            35,
            size[1] - 58,
            f"{c.address.street}, {c.address.postal_code} {c.address.city} · {c.phone}",
        )
        canvas.setFont("Vera-Bold", 14)
        canvas.drawRightString(size[0] - 35, size[1] - 42, doc.L("po_title"))
        canvas.setFillColor(colors.grey)
        canvas.setFont("Vera", 6.5)
        canvas.drawCentredString(size[0] / 2, 28, doc.legal_footer()[:170])
        canvas.restoreState()

    fields = _header_fields(doc, contact=True)
    if o.has_prices:
        fields.append((doc.L("currency"), o.currency))
    while len(fields) % 4:
        fields.append(("", ""))
    grid = []
    for i in range(0, len(fields), 4):
        grid.append([doc.P(k, 7, color=accent) for k, _ in fields[i : i + 4]])
        grid.append([doc.P(v, 10, bold=True) for _, v in fields[i : i + 4]])
    g = Table(grid, colWidths=[W / 4] * 4)
    g.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1)])
    )
    addr = Table([[doc.P(doc.L("bill_to"), 7, color=accent), doc.P(doc.L("ship_to"), 7, color=accent), doc.P(doc.L("vendor"), 7, color=accent)],
                  [doc.P("\n".join(doc.addr_lines(o.bill_to) + ([f"{doc.L('vat_no')}: {c.vat_number}"] if c.vat_number else [])), 9),
                   doc.P("\n".join(doc.ship_lines()), 9), doc.P("\n".join(doc.supplier_lines()), 9)]], colWidths=[W / 3] * 3)  # fmt: skip
    addr.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    cols = ["pos", "our_ref", "cust_ref", "desc", "qty", "unit", "price", "amount"]
    fixed = {
        "pos": 28,
        "our_ref": 88,
        "cust_ref": 80,
        "qty": 40,
        "unit": 30,
        "price": 58,
        "amount": 68,
    }
    widths = [fixed.get(x, 0) for x in cols]
    widths[3] = W - sum(widths)
    header = [doc.L(x) for x in cols]
    story = [Spacer(1, 40), g, Spacer(1, 14), addr, Spacer(1, 16),
             _items_table(doc, cols, widths, header, grid="horizontal", header_bg=accent, header_fg=colors.white, money_cells=o.money_how != "none"),
             Spacer(1, 6), _totals(doc, 120, 85)]  # fmt: skip
    story += _terms(doc, 8)
    return build_pdf(story, pagesize=size, margins=(35, 35, 40, 50), on_page=band,
                     canvasmaker=numbered_canvas(_page_label(doc), ("Vera", 7.5), (size[0] - 60, 16)))  # fmt: skip


LAYOUTS: dict[str, LayoutSpec] = {
    s.name: s
    for s in [
        LayoutSpec(
            "L01-classic-ruled",
            l01_classic,
            ("customer", "sku", "mixed"),
            description="letterhead, label-left header, vendor/ship-to/bill-to boxes, full grid",
        ),
        LayoutSpec(
            "L02-unruled",
            l02_unruled,
            ("customer", "sku"),
            description="minimal, label above value, unruled table, no unit column",
        ),
        LayoutSpec(
            "L03-boxed-sap",
            l03_boxed,
            ("both", "customer"),
            pos_step=10,
            description="boxed header fields, 00010 line numbers, supplier part on a sub-line",
        ),
        LayoutSpec(
            "L04-din-letter",
            l04_letter,
            ("sku", "customer", "mixed"),
            description="business letter, window address, ship-to below the table",
        ),
        LayoutSpec(
            "L05-discount",
            l05_discount,
            ("sku", "customer"),
            discount=1.0,
            description="title band, three address boxes, discount and net price columns",
        ),
        LayoutSpec(
            "L06-us-form",
            l06_usform,
            ("customer", "sku"),
            description="US form with dark bars, ship-via row, totals box",
        ),
        LayoutSpec(
            "L07-gtin-only",
            l07_gtin,
            ("gtin",),
            description="retail buyer, lines by EAN only, zebra",
        ),
        LayoutSpec(
            "L08-description-only",
            l08_desc,
            ("desc",),
            description="small-business letter, lines by description only",
        ),
        LayoutSpec(
            "L09-zebra-wrapped",
            l09_zebra,
            ("mixed", "customer", "sku"),
            discount=0.5,
            description="header box top right, wrapped descriptions, qty+unit in one cell",
        ),
        LayoutSpec(
            "L10-landscape-wide",
            l10_landscape,
            ("both", "customer", "sku"),
            discount=0.3,
            description="landscape, customer part + supplier part + GTIN columns",
        ),
        LayoutSpec(
            "L11-erp-printout",
            l11_erp,
            ("customer", "sku"),
            description="fixed-width Courier ERP print, uppercase, repeated page header",
        ),
        LayoutSpec(
            "L12-modern-band",
            l12_modern,
            ("both", "sku", "customer"),
            description="coloured band, label-above field grid, our ref and their ref columns",
        ),
    ]
}
