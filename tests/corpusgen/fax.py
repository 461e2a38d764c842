"""Faxed purchase orders: a PDF layout rendered to pixels and degraded like a fax line.

204 x 98 dpi (normal) or 204 x 196 dpi (fine), a small skew, speckles and line noise,
1-bit threshold, a sender header line on each page; written as a multi-page CCITT
Group 4 TIFF or as an image-only PDF."""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import reportlab
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as rl_canvas

from .masterdata import SUPPLIER
from .orders import Order
from .pdf_layouts import LAYOUTS

FONT_PATH = str(Path(reportlab.__file__).parent / "fonts" / "VeraMono.ttf")
if not Path(FONT_PATH).exists():  # older reportlab wheels ship only Vera.ttf
    FONT_PATH = str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")

COVER = {
    "en": ("FAX", "To", "Attn", "From", "Date", "Pages (incl. cover)", "Please find our purchase order attached. Thank you for confirming by return."),
    "fr": ("TÉLÉCOPIE", "À", "Attn", "De", "Date", "Nombre de pages (y compris celle-ci)", "Veuillez trouver ci-joint notre bon de commande. Merci de nous confirmer la bonne réception."),
    "de": ("TELEFAX", "An", "z. Hd.", "Von", "Datum", "Seiten (inkl. Deckblatt)", "Anbei erhalten Sie unsere Bestellung mit der Bitte um Auftragsbestätigung."),
}  # fmt: skip


def _cover_page(order: Order, pages_total: int, send_date: dt.date) -> bytes:
    title, to, attn, frm, date, pages, text = COVER[order.lang]
    c = order.customer
    buf = io.BytesIO()
    cv = rl_canvas.Canvas(buf, pagesize=A4, invariant=1)
    w, h = A4
    cv.setFont("Helvetica-Bold", 36)
    cv.drawString(60, h - 110, title)
    cv.setFont("Helvetica-Bold", 14)
    cv.drawString(60, h - 150, c.name)
    cv.setFont("Helvetica", 10)
    cv.drawString(60, h - 166, f"{c.address.street}, {c.address.postal_code} {c.address.city}")
    rows = [(to, SUPPLIER["name"]), (attn, {"fr": "Service commandes", "de": "Auftragsannahme", "en": "Order desk"}[order.lang]),
            ("Fax", SUPPLIER["fax"]), (frm, f"{order.contact[0]} - {c.phone}"), (date, order.d(send_date)), (pages, str(pages_total))]  # fmt: skip
    y = h - 220
    for k, v in rows:
        cv.setFont("Helvetica-Bold", 12)
        cv.drawString(60, y, f"{k}:")
        cv.setFont("Helvetica", 12)
        cv.drawString(250, y, v)
        cv.line(60, y - 6, w - 60, y - 6)
        y -= 30
    cv.setFont("Helvetica", 11)
    cv.drawString(60, y - 30, text)
    cv.showPage()
    cv.save()
    return buf.getvalue()


def _render(pdf_bytes: bytes, hres: int) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(pdf_bytes)
    out = []
    for i in range(len(pdf)):
        out.append(pdf[i].render(scale=hres / 72, grayscale=True).to_pil().convert("L"))
    pdf.close()
    return out


def _header_text(order: Order, rng: random.Random, send: dt.datetime, page: int, total: int) -> str:
    c = order.customer
    style = rng.choice(["from", "name", "short"])
    stamp = {
        "FR": send.strftime("%d/%m/%Y %H:%M"), "BE": send.strftime("%d/%m/%Y %H:%M"), "DE": send.strftime("%d.%m.%y %H:%M"),
        "GB": send.strftime("%d/%m/%Y %H:%M"), "US": send.strftime("%b-%d-%Y %I:%M%p").upper(),
    }[c.country]  # fmt: skip
    if style == "from":
        return f"FROM: {c.fax}  {stamp}  P.{page}/{total}"
    if style == "name":
        return f"{stamp}  {c.name[:28].upper()}  {c.fax}  #{rng.randint(100, 999)} P.{page:03d}/{total:03d}"
    return (
        f"{stamp}   {c.fax}   S. {page}"
        if c.country == "DE"
        else f"{stamp}   {c.fax}   PAGE {page}"
    )


def degrade(img: Image.Image, rng: random.Random, *, header: str, fine: bool) -> Image.Image:
    """img: greyscale page at 204 dpi both ways. Returns a 1-bit fax page."""
    w, h = img.size
    angle = rng.uniform(-2.0, 2.0)
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    # the sending machine stamps its header after scanning: straight, over the top margin
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT_PATH, 22)
    draw.rectangle([0, 0, w, 34], fill=255)
    draw.text((30, 6), header, fill=0, font=font)
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    arr = np.asarray(img, dtype=np.float32)
    arr = arr + nrng.normal(0, rng.uniform(6, 22), arr.shape)
    # speckles (dust on the glass), black and white
    density = rng.uniform(0.0002, 0.0015)
    mask = nrng.random(arr.shape) < density
    arr[mask] = 0
    arr[nrng.random(arr.shape) < density / 2] = 255
    # a few thin horizontal streaks from line errors
    for _ in range(rng.choice([0, 0, 1, 2, 3])):
        y = rng.randint(40, h - 40)
        arr[y : y + rng.choice([1, 2]), :] = rng.choice([0, 255])
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if not fine:
        img = img.resize((w, h * 98 // 204), Image.Resampling.BOX)
    else:
        img = img.resize((w, h * 196 // 204), Image.Resampling.BOX)
    threshold = rng.randint(135, 185)
    return img.point(lambda v: 255 if v > threshold else 0).convert("1", dither=Image.Dither.NONE)


def fax_pages(
    pdf_bytes: bytes, order: Order, rng: random.Random, *, send: dt.datetime, cover: bool
) -> tuple[list[Image.Image], bool]:
    fine = rng.random() < 0.6
    pages = _render(pdf_bytes, 204)
    total = len(pages) + (1 if cover else 0)
    if cover:
        pages = _render(_cover_page(order, total, send.date()), 204) + pages
    out = [
        degrade(p, rng, header=_header_text(order, rng, send, i + 1, total), fine=fine)
        for i, p in enumerate(pages)
    ]
    return out, fine


def write_tiff(pages: list[Image.Image], fine: bool) -> bytes:
    buf = io.BytesIO()
    dpi = (204, 196 if fine else 98)
    pages[0].save(
        buf, format="TIFF", compression="group4", dpi=dpi, save_all=True, append_images=pages[1:]
    )
    return buf.getvalue()


def write_image_pdf(pages: list[Image.Image], fine: bool) -> bytes:
    """Image-only PDF, one 1-bit image per page at the fax resolution."""
    buf = io.BytesIO()
    cv = rl_canvas.Canvas(buf, invariant=1)
    vres = 196 if fine else 98
    from reportlab.lib.utils import ImageReader

    for p in pages:
        wpt, hpt = p.size[0] * 72 / 204, p.size[1] * 72 / vres
        cv.setPageSize((wpt, hpt))
        cv.drawImage(ImageReader(p.convert("L")), 0, 0, width=wpt, height=hpt)
        cv.showPage()
    cv.save()
    return buf.getvalue()


def make_fax(rng: random.Random, world, idx: int, layout: str):
    from .build import Generated, order_for_layout

    order = order_for_layout(rng, world, layout, long=rng.random() < 0.1)
    pdf = LAYOUTS[layout].render(order, rng)
    send_day = order.order_date + dt.timedelta(days=rng.choice([0, 0, 0, 1, 3]))
    send = dt.datetime.combine(send_day, dt.time(rng.randint(7, 17), rng.randint(0, 59)))
    cover = rng.random() < 0.25
    pages, fine = fax_pages(pdf, order, rng, send=send, cover=cover)
    as_tiff = rng.random() < 0.65
    data = write_tiff(pages, fine) if as_tiff else write_image_pdf(pages, fine)
    order.traits.append(f"fax {'204x196 fine' if fine else '204x98 normal'} resolution, 1-bit, skewed, noisy, "
                        f"{'G4 TIFF' if as_tiff else 'image-only PDF'}")  # fmt: skip
    if cover:
        order.traits.append("first page is a fax cover sheet")
    if send_day != order.order_date:
        order.traits.append("fax header date is the send date, not the order date")
    name = f"{idx:04d}-fax.{'tif' if as_tiff else 'pdf'}"
    return Generated(name, data, order.truth("fax", "fax", layout), "fax", layout)
