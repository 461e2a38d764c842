"""The order behind each document: what the customer asks for, and its ground truth."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from .fmt import (
    DATE_STYLES,
    NUMBER_STYLES,
    PAYMENT_TERMS,
    TERMS_TEXT,
    dec_str,
    fmt_date,
    fmt_money,
    fmt_num,
    money_round,
)
from .masterdata import Address, Customer, Product

FX = {"EUR": Decimal("1"), "GBP": Decimal("0.86"), "USD": Decimal("1.09")}
VAT_RATE = {
    "FR": Decimal("20"),
    "BE": Decimal("21"),
    "DE": Decimal("19"),
    "GB": Decimal("20"),
    "US": Decimal("0"),
}

UNIT_LABELS = {
    "en": {"EA": ["EA", "ea", "pcs", "each", "PC"], "BOX": ["BOX", "box", "bx", "CTN"], "KG": ["KG", "kg"], "M": ["M", "m", "mtr"],
           "L": ["L", "ltr", "l"], "PAL": ["PAL", "pallet", "PLT"]},
    "fr": {"EA": ["U", "pce", "unité", "pc", "EA"], "BOX": ["bte", "boîte", "BTE", "carton"], "KG": ["kg", "KG"], "M": ["m", "ml", "M"],
           "L": ["L", "l", "litre"], "PAL": ["pal.", "palette", "PAL"]},
    "de": {"EA": ["Stk", "St.", "Stück", "ST"], "BOX": ["Kart.", "Pck", "Box", "KAR"], "KG": ["kg", "KG"], "M": ["m", "lfm", "M"],
           "L": ["l", "Ltr", "L"], "PAL": ["Pal", "Palette", "PAL"]},
}  # fmt: skip


@dataclass
class Line:
    pos: int
    product: Product
    ref_mode: str  # customer | both | sku | gtin | desc
    customer_sku: str | None
    quantity: Decimal
    unit_label: str
    description: str
    gross_price: Decimal | None = None
    discount_pct: Decimal | None = None
    unit_price: Decimal | None = None  # net unit price as printed (what the truth holds)
    amount: Decimal | None = None
    price_decimals: int = 2

    @property
    def sku(self) -> str:
        return self.product.sku

    def truth(self) -> dict:
        return {
            "sku": self.product.sku,
            "customer_sku": self.customer_sku,
            "quantity": dec_str(self.quantity),
            "unit_price": dec_str(self.unit_price),
            "unit": self.product.unit,
            "line_total": dec_str(self.amount),
        }


@dataclass
class Order:
    customer: Customer
    lang: str
    po_number: str | None
    order_date: dt.date
    delivery_date: dt.date | None
    currency: str
    bill_to: Address
    ship_to: Address
    ship_to_printed: bool
    contact: tuple[str, str]
    lines: list[Line]
    has_prices: bool
    discount: bool
    date_style: str
    num_style: str
    money_how: str
    vat_rate: Decimal
    shipping: Decimal
    terms: list[str]
    payment_terms: str
    quote_ref: str | None
    cost_centre: str | None
    traits: list[str] = field(default_factory=list)
    uppercase_address: bool = False
    # set by the layout that prints the goods total; a document printing none has none in the
    # truth (CONTRACTS: ``total`` is what the document states)
    total_printed: bool = False
    # set by a layout that prints the currency though the order prices nothing; an unpriced
    # order that names none states none (CONTRACTS: unknown values are null)
    currency_printed: bool = False

    # ---------------------------------------------------------------- formatting helpers
    def d(self, value: dt.date | None) -> str:
        return "" if value is None else fmt_date(value, self.date_style, self.lang)

    def n(self, value: Decimal, decimals: int | None = 2) -> str:
        return fmt_num(value, self.num_style, decimals)

    def m(self, value: Decimal, how: str | None = None, decimals: int = 2) -> str:
        return fmt_money(value, self.currency, self.num_style, how or self.money_how, decimals)

    def q(self, value: Decimal) -> str:
        return fmt_num(value, self.num_style, None)

    @property
    def subtotal(self) -> Decimal | None:
        if not self.has_prices:
            return None
        return sum((ln.amount for ln in self.lines), Decimal("0.00"))

    @property
    def vat_amount(self) -> Decimal:
        return money_round(
            (self.subtotal or 0) * self.vat_rate / 100 + self.shipping * self.vat_rate / 100
        )

    @property
    def grand_total(self) -> Decimal:
        return (self.subtotal or 0) + self.shipping + self.vat_amount

    def truth(self, channel: str, kind: str, layout: str, notes_extra: str = "") -> dict:
        ship = self.ship_to
        ship_truth = ship.truth()
        if self.uppercase_address and self.ship_to_printed:
            ship_truth.update(
                name=ship.name.upper(), street=ship.street.upper(), city=ship.city.upper()
            )
        notes = f"Synthetic {kind} ({layout}, {self.lang}). " + "; ".join(self.traits)
        if notes_extra:
            notes += "; " + notes_extra
        return {
            "channel": channel,
            "customer_code": self.customer.code,
            "po_number": self.po_number,
            "order_date": self.order_date.isoformat(),
            "requested_delivery_date": self.delivery_date.isoformat()
            if self.delivery_date
            else None,
            "currency": self.currency if self.has_prices or self.currency_printed else None,
            "ship_to": ship_truth,
            "lines": [ln.truth() for ln in self.lines],
            "total": dec_str(self.subtotal) if self.total_printed else None,
            "notes": notes + ".",
            "kind": kind,
            "layout": layout,
            "language": self.lang,
        }


def po_number(rng: random.Random, style: str, d: dt.date) -> str:
    yy = d.strftime("%y")
    if style == "sap":
        return f"45000{rng.randint(10000, 99999)}"
    if style == "po-year":
        return f"PO-{d.year}-{rng.randint(100, 99999):05d}"
    if style == "cmd":
        return f"CMD{rng.randint(100000, 999999)}"
    if style == "bc":
        return f"BC{yy}-{rng.randint(1, 9999):04d}"
    if style == "digits6":
        return str(rng.randint(100000, 999999))
    if style == "slash":
        return f"{rng.randint(1000, 99999)}/{yy}"
    if style == "e-year":
        return f"E{yy}/{rng.randint(1, 99999):05d}"
    if style == "us-dash":
        return f"{rng.choice('PWR')}{rng.randint(100000, 999999)}-{rng.randint(1, 99):02d}"
    raise ValueError(style)


def _weekday(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def _quantity(rng: random.Random, unit: str, price: Decimal) -> Decimal:
    if unit in ("EA", "BOX") and price > 8:
        return Decimal(rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 20, 24]))
    if unit == "EA" and price > 2:
        return Decimal(rng.choice([2, 5, 6, 10, 12, 18, 20, 24, 30, 36, 48, 50, 60, 100]))
    if unit == "EA":
        return Decimal(
            rng.choice(
                [
                    1,
                    2,
                    3,
                    4,
                    5,
                    6,
                    8,
                    10,
                    12,
                    15,
                    20,
                    24,
                    25,
                    30,
                    36,
                    40,
                    48,
                    50,
                    60,
                    72,
                    100,
                    120,
                    144,
                    200,
                    250,
                    500,
                    1000,
                    1200,
                    2500,
                ]
            )
        )
    if unit == "BOX":
        return Decimal(rng.choice([1, 2, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 40]))
    if unit == "KG":
        return Decimal(
            rng.choice(
                [
                    "5",
                    "10",
                    "12.5",
                    "20",
                    "25",
                    "40",
                    "50",
                    "64",
                    "75",
                    "100",
                    "150",
                    "250",
                    "480",
                    "1200",
                ]
            )
        )
    if unit == "M":
        return Decimal(
            rng.choice(
                [
                    "5",
                    "10",
                    "12.5",
                    "15",
                    "20",
                    "25",
                    "30",
                    "50",
                    "75",
                    "100",
                    "150",
                    "220",
                    "250",
                    "500",
                ]
            )
        )
    if unit == "L":
        return Decimal(rng.choice(["5", "10", "20", "25", "40", "60", "100", "200", "400"]))
    if unit == "PAL":
        return Decimal(rng.choice([1, 1, 2, 3, 4]))
    raise ValueError(unit)


def choose_products(
    rng: random.Random, customer: Customer, products: dict[str, Product], n: int, need_gtin: bool
) -> list[Product]:
    pool = [products[s] for s in customer.catalogue]
    if need_gtin:
        pool = [p for p in pool if p.gtin] or [p for p in products.values() if p.gtin]
    out = []
    for p in rng.sample(pool, min(n, len(pool))):
        out.append(p)
    if len(out) < n:  # long orders go beyond the usual catalogue
        extra = [p for p in products.values() if p not in out and (p.gtin or not need_gtin)]
        out += rng.sample(extra, n - len(out))
    return out


def make_order(
    rng: random.Random,
    customer: Customer,
    products: dict[str, Product],
    *,
    n_lines: int,
    ref_policy: str,
    with_prices: bool = True,
    discount: bool = False,
    with_delivery_date: bool | None = None,
    lang: str | None = None,
    pos_step: int = 1,
    money_how: str | None = None,
) -> Order:
    lang = lang or customer.lang
    country = customer.country
    order_date = _weekday(dt.date(2026, 1, 5) + dt.timedelta(days=rng.randint(0, 340)))
    if with_delivery_date is None:
        with_delivery_date = rng.random() < 0.75
    delivery = (
        _weekday(order_date + dt.timedelta(days=rng.randint(3, 35))) if with_delivery_date else None
    )
    traits: list[str] = []
    if ref_policy == "customer" and not customer.aliases:
        ref_policy = "sku"
    if ref_policy == "both" and not customer.aliases:
        ref_policy = "sku"
    if ref_policy == "mixed" and not customer.aliases:
        ref_policy = "sku_mixed"
    chosen = choose_products(rng, customer, products, n_lines, need_gtin=ref_policy == "gtin")
    lines: list[Line] = []
    unit_labels = UNIT_LABELS[lang]
    unit_choice = {u: rng.choice(v) for u, v in unit_labels.items()}
    fx = FX[customer.currency]
    contract = rng.random() < 0.3
    for i, p in enumerate(chosen):
        mode = ref_policy
        if ref_policy in ("mixed", "sku_mixed"):
            base = "customer" if ref_policy == "mixed" else "sku"
            mode = rng.choices([base, "desc", "gtin" if p.gtin else base], [0.75, 0.15, 0.10])[0]
        cust_sku = customer.aliases.get(p.sku) if mode in ("customer", "both") else None
        if mode in ("customer", "both") and cust_sku is None:
            mode = "sku"
        desc = p.description if mode == "desc" else p.desc(lang)
        qty = _quantity(rng, p.unit, p.unit_price)
        line = Line(pos=(i + 1) * pos_step, product=p, ref_mode=mode, customer_sku=cust_sku, quantity=qty,
                    unit_label=unit_choice[p.unit], description=desc)  # fmt: skip
        if with_prices:
            price = p.unit_price * fx
            if contract and rng.random() < 0.6:
                price = price * Decimal(rng.choice(["0.92", "0.95", "0.97", "0.90"]))
            decimals = 2 if price >= Decimal("0.5") else rng.choice([3, 4])
            price = price.quantize(Decimal(1).scaleb(-decimals))
            if decimals == 2:
                price = money_round(price)
            line.price_decimals = decimals
            if discount:
                disc = Decimal(rng.choice(["0", "0", "5", "10", "12.5", "15", "20"]))
                step = Decimal(1).scaleb(-decimals)
                if price * (100 - disc) / 100 % step:
                    # a net price between cents (5,67 less 12,5 % is 4,96125): whether the
                    # buyer's system rounds it is a convention, not a reading; such a line
                    # gets no discount here
                    disc = Decimal(0)
                line.gross_price = price
                line.discount_pct = disc
                net = (price * (100 - disc) / 100).quantize(step)
                line.unit_price = net
            else:
                line.unit_price = price
            line.amount = money_round(line.unit_price * qty)
        lines.append(line)
    modes = sorted({ln.ref_mode for ln in lines})
    traits.append("lines reference " + "/".join(modes))
    if any(ln.price_decimals > 2 for ln in lines):
        traits.append("some unit prices have 3-4 decimals")
    if discount:
        traits.append("discount column: truth unit_price is the net price after discount")
    if not with_prices:
        traits.append("no prices printed: unit_price and total null")
    ship_to = customer.address
    ship_printed = True
    if len(customer.sites) > 1 and rng.random() < 0.6:
        ship_to = rng.choice(customer.sites[1:])
        traits.append("ship-to differs from bill-to")
    contact = rng.choice(customer.contacts)
    date_style = rng.choice(DATE_STYLES[country])
    num_style = rng.choice(NUMBER_STYLES[country])
    if lang == "en" and country in ("FR", "BE", "DE") and rng.random() < 0.5:
        num_style = "en"
    if money_how is None:
        money_how = rng.choice(
            {"EUR": ["sym_after", "none", "code_after", "sym_before"], "GBP": ["sym_before", "none"], "USD": ["sym_before", "none", "code_before"]}[customer.currency]
        )  # fmt: skip
    po_style = customer.po_style
    return Order(
        customer=customer,
        lang=lang,
        po_number=po_number(rng, po_style, order_date),
        order_date=order_date,
        delivery_date=delivery,
        currency=customer.currency,
        bill_to=customer.address,
        ship_to=ship_to,
        ship_to_printed=ship_printed,
        contact=contact,
        lines=lines,
        has_prices=with_prices,
        discount=discount,
        date_style=date_style,
        num_style=num_style,
        money_how=money_how,
        vat_rate=VAT_RATE[country],
        shipping=Decimal(rng.choice(["0", "0", "0", "15.00", "25.00", "45.50", "80.00"]))
        if with_prices
        else Decimal(0),
        terms=rng.sample(TERMS_TEXT[lang], rng.randint(1, 3)),
        payment_terms=rng.choice(PAYMENT_TERMS[lang]),
        quote_ref=f"DEV-{rng.randint(2025, 2026)}-{rng.randint(100, 9999)}"
        if rng.random() < 0.3
        else None,
        cost_centre=str(rng.randint(1000, 9999)) if rng.random() < 0.25 else None,
        traits=traits,
    )
