"""Shared building blocks for the reportlab purchase-order layouts."""

from __future__ import annotations

import io
import random
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from .fmt import LABELS
from .masterdata import SUPPLIER, Address
from .orders import Line, Order

rl_config.invariant = 1  # deterministic PDFs (no timestamps, fixed document id)

_FONT_DIR = Path(reportlab.__file__).parent / "fonts"
_registered = False


def register_fonts() -> None:
    global _registered
    if _registered:
        return
    pdfmetrics.registerFont(TTFont("Vera", str(_FONT_DIR / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Bold", str(_FONT_DIR / "VeraBd.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Italic", str(_FONT_DIR / "VeraIt.ttf")))
    _registered = True


FONTS = {
    "helv": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "vera": ("Vera", "Vera-Bold", "Vera-Italic"),
    "courier": ("Courier", "Courier-Bold", "Courier-Oblique"),
}

COUNTRY_NAMES = {
    "FR": {"en": "France", "fr": "France", "de": "Frankreich"},
    "BE": {"en": "Belgium", "fr": "Belgique", "de": "Belgien"},
    "DE": {"en": "Germany", "fr": "Allemagne", "de": "Deutschland"},
    "GB": {"en": "United Kingdom", "fr": "Royaume-Uni", "de": "Großbritannien"},
    "US": {"en": "USA", "fr": "États-Unis", "de": "USA"},
}

ATTN = {"en": "Attn:", "fr": "À l'attention de", "de": "z. Hd."}
CURRENCY_NOTE = {
    "en": "All prices in {cur}, excluding VAT.",
    "fr": "Prix exprimés en {cur} hors taxes.",
    "de": "Alle Preise in {cur} zzgl. gesetzlicher MwSt.",
}
LINE_DELIVERY = {"en": "Delivery date", "fr": "Livraison le", "de": "Liefertermin"}


class NumberedCanvas(rl_canvas.Canvas):
    """Canvas that knows the page count, for "Page 1 of 2" footers."""

    page_label = "Page {n} of {total}"
    page_font = ("Helvetica", 8)
    page_pos = (297, 20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved = []

    def showPage(self):  # noqa: N802 - reportlab API
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self.setFont(*self.page_font)
            self.drawCentredString(
                self.page_pos[0],
                self.page_pos[1],
                self.page_label.format(n=self._pageNumber, total=total),
            )
            super().showPage()
        super().save()


def numbered_canvas(
    label: str, font: tuple[str, int] = ("Helvetica", 8), pos: tuple[float, float] = (297, 20)
):
    return type(
        "PageCanvas", (NumberedCanvas,), {"page_label": label, "page_font": font, "page_pos": pos}
    )


class Doc:
    """Per-document choices: font family, label variants (one per key), styles."""

    def __init__(self, order: Order, rng: random.Random, font: str = "helv"):
        register_fonts()
        self.o = order
        self.rng = rng
        self.lang = order.lang
        self.font, self.bold, self.italic = FONTS[font]
        self._labels: dict[str, str] = {}

    def L(self, key: str) -> str:  # noqa: N802 - short on purpose, used everywhere
        if key not in self._labels:
            self._labels[key] = self.rng.choice(LABELS[key][self.lang])
        return self._labels[key]

    def style(
        self,
        size: float = 9,
        bold: bool = False,
        align=TA_LEFT,
        leading: float | None = None,
        color=colors.black,
        italic: bool = False,
    ):
        font = self.bold if bold else (self.italic if italic else self.font)
        return ParagraphStyle(
            "s",
            fontName=font,
            fontSize=size,
            leading=leading or size * 1.22,
            alignment=align,
            textColor=color,
        )

    def P(self, text: str, size: float = 9, bold: bool = False, align=TA_LEFT, **kw) -> Paragraph:  # noqa: N802
        return Paragraph(escape(text).replace("\n", "<br/>"), self.style(size, bold, align, **kw))

    def PR(self, text: str, size: float = 9, bold: bool = False) -> Paragraph:  # noqa: N802
        return self.P(text, size, bold, TA_RIGHT)

    # ------------------------------------------------------------ addresses
    def addr_lines(
        self,
        addr: Address,
        *,
        country: bool | None = None,
        attn: str | None = None,
        upper: bool = False,
    ) -> list[str]:
        lines = [addr.name]
        if attn:
            lines.append(f"{ATTN[self.lang]} {attn}")
        lines.append(addr.street)
        if addr.street2:
            lines.append(addr.street2)
        if addr.country == "GB":
            lines += (
                [addr.city, addr.postal_code]
                if self.rng.random() < 0.5
                else [f"{addr.city} {addr.postal_code}"]
            )
        elif addr.country == "US":
            lines.append(f"{addr.city}, {addr.state} {addr.postal_code}")
        else:
            lines.append(f"{addr.postal_code} {addr.city}")
        if country is None:
            country = addr.country != self.o.customer.country or self.rng.random() < 0.3
        if country:
            lines.append(COUNTRY_NAMES[addr.country][self.lang])
        return [x.upper() for x in lines] if upper else lines

    def supplier_lines(self, with_vendor_no: bool = True) -> list[str]:
        lines = self.addr_lines(SUPPLIER["address"], country=self.o.customer.country != "FR")
        if with_vendor_no and self.rng.random() < 0.6:
            lines.append(f"{self.L('vendor_no')}: {self.o.customer.vendor_no}")
        return lines

    def buyer_header_lines(self) -> list[str]:
        c = self.o.customer
        a = c.address
        lines = self.addr_lines(a, country=self.rng.random() < 0.4)[1:]
        lines.append(f"{self.L('phone')} {c.phone}")
        if c.vat_number and self.rng.random() < 0.7:
            lines.append(f"{self.L('vat_no')}: {c.vat_number}")
        if self.rng.random() < 0.5:
            lines.append(f"www.{c.email_domains[0]}")
        return lines

    def ship_lines(self, upper: bool = False) -> list[str]:
        o = self.o
        attn = o.contact[0] if self.rng.random() < 0.3 else None
        return self.addr_lines(o.ship_to, attn=attn, upper=upper)

    def legal_footer(self) -> str:
        c = self.o.customer
        rng = self.rng
        if c.country == "FR":
            siren = c.vat_number[4:] if c.vat_number else str(rng.randint(300000000, 899999999))
            return (f"{c.name} - SAS au capital de {rng.choice(['50 000', '120 000', '1 500 000'])} € - RCS {c.address.city} {siren} "
                    f"- TVA {c.vat_number} - IBAN FR76 3000 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(100, 999)}")  # fmt: skip
        if c.country == "DE":
            return (f"{c.name} - Sitz: {c.address.city} - Amtsgericht {c.address.city} HRB {rng.randint(1000, 99999)} - "
                    f"Geschäftsführer: {c.contacts[0][0]} - USt-IdNr. {c.vat_number}")  # fmt: skip
        if c.country == "BE":
            return f"{c.name} - RPM/RPR {c.address.city} - TVA/BTW {c.vat_number} - IBAN BE{rng.randint(10, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
        if c.country == "GB":
            return f"{c.name}. Registered in England and Wales No. {rng.randint(1000000, 9999999)}. VAT Reg. No. {c.vat_number}"
        return f"{c.name} - {c.address.street}, {c.address.city}, {c.address.state} {c.address.postal_code} - Tax ID {c.vat_number}"

    # ------------------------------------------------------------ line cells
    def line_cell(
        self,
        line: Line,
        col: str,
        *,
        pos_fmt: str = "{}",
        money_cells: bool = False,
        long_desc: bool = False,
    ):
        o = self.o
        if col == "pos":
            return pos_fmt.format(line.pos)
        if col == "ref":
            return {
                "customer": line.customer_sku,
                "both": line.customer_sku,
                "sku": line.sku,
                "gtin": line.product.gtin,
                "desc": "",
            }[line.ref_mode]
        if col == "cust_ref":
            return line.customer_sku or ""
        if col == "our_ref":
            return line.sku if line.ref_mode in ("sku", "both") else ""
        if col == "gtin":
            return line.product.gtin if line.ref_mode not in ("desc",) else ""
        if col == "desc":
            text = line.description
            if long_desc and line.product.pack and line.ref_mode != "desc":
                text += " - " + line.product.pack
            return text
        if col == "qty":
            return o.q(line.quantity)
        if col == "unit":
            return line.unit_label
        if col == "qty_unit":
            return f"{o.q(line.quantity)} {line.unit_label}"
        if col == "price":
            price = line.gross_price if o.discount else line.unit_price
            return (
                o.m(price, "none" if not money_cells else None, line.price_decimals)
                if price is not None
                else ""
            )
        if col == "disc":
            return o.n(line.discount_pct, None) + " %" if line.discount_pct else ""
        if col == "net":
            return o.m(line.unit_price, "none", line.price_decimals)
        if col == "amount":
            return (
                o.m(line.amount, "none" if not money_cells else None)
                if line.amount is not None
                else ""
            )
        if col == "ddate":
            return o.d(o.delivery_date)
        raise ValueError(col)

    def totals_rows(
        self, *, vat: bool = True, shipping: bool = True, grand: bool = True, how: str | None = None
    ) -> list[tuple[str, str]]:
        o = self.o
        if not o.has_prices:
            return []
        o.total_printed = True
        rows = [(self.L("subtotal"), o.m(o.subtotal, how))]
        if shipping and o.shipping:
            rows.append((self.L("shipping"), o.m(o.shipping, how)))
        if vat:
            rate = o.n(o.vat_rate, None)
            rows.append(
                (
                    f"{self.L('vat')} {rate} %" if o.vat_rate else self.L("vat"),
                    o.m(o.vat_amount, how),
                )
            )
        if grand:
            rows.append((self.L("total"), o.m(o.grand_total, how)))
        return rows

    def currency_note(self) -> str:
        return CURRENCY_NOTE[self.lang].format(cur=self.o.currency)


def kv_table(
    doc: Doc,
    rows: list[tuple[str, str]],
    widths=(90, 110),
    size: float = 9,
    grid: bool = False,
    label_bold: bool = True,
) -> Table:
    data = [[doc.P(k, size, bold=label_bold), doc.P(v, size)] for k, v in rows]
    t = Table(data, colWidths=list(widths))
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 1),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]  # fmt: skip
    if grid:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    t.setStyle(TableStyle(style))
    return t


def build_pdf(
    story, *, pagesize, margins=(40, 40, 40, 50), on_page=None, canvasmaker=None, title: str = ""
) -> bytes:
    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    left, right, top, bottom = margins
    doc = SimpleDocTemplate(buf, pagesize=pagesize, leftMargin=left, rightMargin=right, topMargin=top, bottomMargin=bottom,
                            title=title, author="", creator="", producer="", invariant=1)  # fmt: skip
    kwargs = {}
    if on_page:
        kwargs["onFirstPage"] = on_page
        kwargs["onLaterPages"] = on_page
    if canvasmaker:
        kwargs["canvasmaker"] = canvasmaker
    doc.build(story, **kwargs)
    return buf.getvalue()


def money_sum(values) -> Decimal:
    return sum(values, Decimal("0"))
