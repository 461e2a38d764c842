"""Validation rules: one small function per check, each returning a list of issues.

An issue is a dict ``{"code", "field", "message", "messages", "blocking", "params"}``;
``field`` names the place in the order as the contract does (``po_number``,
``lines[2].unit_price``), ``message`` says it in words in the active language and ``messages``
in each language of the site (the desk shows its reader's: a worker has no reader), ``params``
keeps the values.
Rules read the order as stored (header, lines, and the ``extraction`` JSON that drafting
wrote), so they can run again after the order desk edits an order.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings as site_settings
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingestion.decision.prices import expected_unit_price, price_entries
from ingestion.decision.settings import ExtractionSettings, extraction_settings_for
from ingestion.extraction.geometry import fold
from ingestion.extraction.totals import total_printed_and_agrees
from ingestion.matching.masterdata import FOREIGN_PRICE_BAND, NEAR_CURRENCIES

CENT = Decimal("0.01")

# Fields of the order header whose confidence is checked, with their contract names.
HEADER_CONFIDENCE_FIELDS = (
    ("customer", "customer_code"),
    ("po_number", "po_number"),
    ("order_date", "order_date"),
    ("requested_delivery_date", "requested_delivery_date"),
    ("currency", "currency"),
    ("ship_to", "ship_to"),
    ("total", "total"),
)
LINE_CONFIDENCE_FIELDS = (
    ("line.product", "product", "sku"),
    ("line.quantity", "quantity", "quantity"),
    ("line.unit_price", "unit_price", "unit_price"),
    ("line.unit", "unit", "unit"),
)


@dataclass
class RuleContext:
    order: object  # orders.models.Order
    lines: list = field(default_factory=list)  # its OrderLines, in position order
    settings: ExtractionSettings = field(default_factory=ExtractionSettings)
    today: dt.date | None = None
    _prices: dict = field(default_factory=dict, repr=False)

    @property
    def customer(self):
        return self.order.customer

    @property
    def extraction(self) -> dict:
        return self.order.extraction or {}

    def expected_price(self, line, *, on_date: dt.date | None) -> tuple[Decimal | None, str]:
        """:func:`expected_unit_price` of one line, the price lists of all lines read once."""
        key = (self.customer.pk if self.customer else None, on_date)
        if key not in self._prices:
            self._prices[key] = price_entries(
                products=[line.product for line in self.lines if line.product_id],
                customer=self.customer,
                on_date=on_date,
            )
        return expected_unit_price(
            product=line.product,
            customer=self.customer,
            quantity=line.quantity,
            on_date=on_date,
            entries=self._prices[key],
        )


def rule_context_for(order, *, today: dt.date | None = None) -> RuleContext:
    return RuleContext(
        order=order,
        lines=list(order.lines.select_related("product").order_by("position", "pk")),
        settings=extraction_settings_for(order.tenant),
        today=today or timezone.localdate(),
    )


def issue(
    ctx: RuleContext, code: str, field_name: str, message: Callable[[], str] | str, **params
) -> dict:
    """``message`` says it in words in the active language when called; it is said once in
    each language of the site, so the desk shows it in its reader's. A hook may give plain
    words instead, shown as they are."""
    if callable(message):
        text, texts = str(message()), in_every_language(message)
    else:
        text, texts = message, {}
    return {
        "code": code,
        "field": field_name,
        "message": text,
        "messages": texts,
        "blocking": ctx.settings.is_blocking(code),
        "params": {
            k: (str(v) if isinstance(v, Decimal | dt.date) else v) for k, v in params.items()
        },
    }


def in_every_language(message: Callable[[], str]) -> dict[str, str]:
    """``message`` said in each language of the site, by language code."""
    out = {}
    for code, _name in site_settings.LANGUAGES:
        with translation.override(code):
            out[code] = str(message())
    return out


def num(value: Decimal | None) -> str:
    """A decimal for a message: no trailing-zero noise, at least two places for money."""
    if value is None:
        return "—"
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    text = format(value.normalize(), "f")
    if len(text.split(".")[1]) < 2:
        text = format(value.quantize(CENT), "f")
    return text


def pct(value: Decimal) -> str:
    sign = "+" if value > 0 else ""
    return f"{sign}{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def field_confidence(extraction: dict, name: str) -> float | None:
    info = (extraction.get("fields") or {}).get(name)
    if isinstance(info, dict) and info.get("confidence") is not None:
        return float(info["confidence"])
    return None


def line_amount(line) -> Decimal | None:
    if line.unit_price is None:
        return None
    return (line.quantity * line.unit_price).quantize(CENT, rounding=ROUND_HALF_UP)


# --- the rules ------------------------------------------------------------------------------


def rule_not_an_order(ctx: RuleContext) -> list[dict]:
    info = ctx.extraction.get("document") or {}
    if info.get("is_order", True):
        return []
    reason = info.get("reason") or gettext_lazy("no order number, no order lines")
    return [
        issue(
            ctx,
            "not_an_order",
            "",
            lambda: _("This document does not look like an order (%(reason)s).")
            % {"reason": reason},
            reason=str(reason),
        )
    ]


def rule_unknown_customer(ctx: RuleContext) -> list[dict]:
    if ctx.customer is not None:
        return []
    match = ctx.extraction.get("customer") or {}
    if len(match.get("candidates") or []) > 1 and match.get("ambiguous"):
        return []  # ambiguous_customer says it better
    return [
        issue(
            ctx,
            "unknown_customer",
            "customer_code",
            lambda: _("The customer could not be recognised from the sender or the document."),
        )
    ]


def rule_ambiguous_customer(ctx: RuleContext) -> list[dict]:
    match = ctx.extraction.get("customer") or {}
    if not match.get("ambiguous"):
        return []
    names = [
        f"{c.get('code')} {c.get('name', '')}".strip() for c in (match.get("candidates") or [])[:3]
    ]
    return [
        issue(
            ctx,
            "ambiguous_customer",
            "customer_code",
            lambda: _("Several customers fit this document: %(names)s.")
            % {"names": ", ".join(names)},
            candidates=names,
        )
    ]


def rule_no_lines(ctx: RuleContext) -> list[dict]:
    if ctx.lines:
        return []
    return [issue(ctx, "no_lines", "lines", lambda: _("No order line was found on the document."))]


def rule_unread_line(ctx: RuleContext) -> list[dict]:
    """An item of a written list that the engine could not read, while it read the others: the
    order would go out a line short."""
    return [
        issue(
            ctx,
            "unread_line",
            "lines",
            lambda: _("This item of the list was not read: “%(text)s”.") % {"text": text[:120]},
            text=text,
        )
        for text in (ctx.extraction.get("document") or {}).get("unread_lines") or []
    ]


def rule_amended_order(ctx: RuleContext) -> list[dict]:
    """A reply that changes the lines of the order it quotes: the order it amends may have been
    received already, and a person checks the change against it."""
    texts = (ctx.extraction.get("document") or {}).get("amendments") or []
    if not texts:
        return []
    return [
        issue(
            ctx,
            "amended_order",
            "lines",
            lambda: _(
                "A reply changes the order it quotes (“%(text)s”): check the lines against "
                "the order received before."
            )
            % {"text": texts[0][:120]},
            text=texts[0],
        )
    ]


def rule_prices_in_prose(ctx: RuleContext) -> list[dict]:
    """A message that names prices in its sentences while no line carries one: the prices were
    written for the lines and not read onto them ("EUR 82.00 and 118.00 net")."""
    texts = (ctx.extraction.get("document") or {}).get("prices_in_prose") or []
    if not texts or any(line.unit_price is not None for line in ctx.lines):
        return []
    return [
        issue(
            ctx,
            "prices_in_prose",
            "lines",
            lambda: _("The message names prices that no line carries: “%(text)s”.")
            % {"text": texts[0][:120]},
            text=texts[0],
        )
    ]


def rule_unknown_product(ctx: RuleContext) -> list[dict]:
    out = []
    for i, line in enumerate(ctx.lines):
        if line.product_id is not None:
            continue
        product = (line.extraction or {}).get("product") or {}
        if product.get("ambiguous"):
            continue
        ref = line.customer_sku or line.description or "?"
        out.append(
            issue(
                ctx,
                "unknown_product",
                f"lines[{i}].sku",
                lambda: (
                    _("Line %(n)s: no product of the catalog matches “%(ref)s”.")
                    % {"n": i + 1, "ref": ref}
                ),
                ref=ref,
            )
        )
    return out


def rule_ambiguous_product(ctx: RuleContext) -> list[dict]:
    out = []
    for i, line in enumerate(ctx.lines):
        product = (line.extraction or {}).get("product") or {}
        if not product.get("ambiguous"):
            continue
        skus = [c.get("sku") for c in (product.get("candidates") or [])[:3]]
        ref = line.customer_sku or line.description or "?"
        out.append(
            issue(
                ctx,
                "ambiguous_product",
                f"lines[{i}].sku",
                lambda: (
                    _("Line %(n)s: “%(ref)s” could be %(skus)s.")
                    % {"n": i + 1, "ref": ref, "skus": ", ".join(s for s in skus if s)}
                ),
                ref=ref,
                candidates=skus,
            )
        )
    return out


def rule_invalid_quantity(ctx: RuleContext) -> list[dict]:
    out = []
    for i, line in enumerate(ctx.lines):
        if line.quantity is None or line.quantity <= 0:
            out.append(
                issue(
                    ctx,
                    "invalid_quantity",
                    f"lines[{i}].quantity",
                    lambda: (
                        _("Line %(n)s: the quantity %(q)s is not a positive number.")
                        % {"n": i + 1, "q": num(line.quantity)}
                    ),
                    quantity=line.quantity,
                )
            )
    return out


def _total_confirms_lines(ctx: RuleContext) -> bool:
    """The printed order total equals the sum of quantity × unit price over every line."""
    stated = ctx.order.stated_total
    amounts = [line_amount(line) for line in ctx.lines]
    if stated is None or not amounts or any(a is None for a in amounts):
        return False
    return abs(sum(amounts, Decimal("0.00")) - stated) <= ctx.settings.total_tolerance


def _negotiated_discount(ctx: RuleContext, line, delta: Decimal, confirmed_by_total: bool) -> bool:
    """A price below the list price that reads as the customer's negotiated discount.

    Only for a customer without a price list of its own (the caller checks the source), within
    the tenant's ``customer_discount_max_pct``, and only when the document's own arithmetic
    vouches for the price read (its printed line amount, or the printed order total, agrees
    with quantity × unit price). A misread price breaks the arithmetic and stays blocking; a
    price with nothing to check it against may be last year's, and a person looks.
    """
    limit = ctx.settings.customer_discount_max_pct
    if ctx.customer is None or limit <= 0 or delta >= 0 or -delta > limit:
        return False
    agrees = _line_amount_agrees(ctx, line)
    if agrees is not None:
        return agrees
    return confirmed_by_total


_FREE = re.compile(
    r"(?i)(?<!-)\b(?:free(?:\s+of\s+charge)?|no\s+charge|n/c|f\.?o\.?c\.?|gratuit[es]{0,2}"
    r"|offert[es]{0,2}|sans\s+frais|gratis|kostenlos|umsonst|unberechnet|samples?|[ée]chantillons?"
    r"|muster|probe)\b"
)


def _says_free(line) -> bool:
    """The line's words call it free or a sample, words our own description of the product does
    not use ("Sample bags 100 ml", "Gloves powder-free" name the goods, not a gift)."""
    printed = ((line.extraction or {}).get("printed") or {}).get("raw_text") or ""
    ours = fold(line.product.description if line.product else "")
    return any(
        fold(m.group(0)) not in ours for m in _FREE.finditer(f"{line.description or ''} {printed}")
    )


def _no_exchange_rate_explains(stated, expected, currency: str, list_currency: str) -> bool:
    return (
        currency in NEAR_CURRENCIES
        and list_currency in NEAR_CURRENCIES
        and stated > 0
        and not FOREIGN_PRICE_BAND[0] <= stated / expected <= FOREIGN_PRICE_BAND[1]
    )


def rule_price_mismatch(ctx: RuleContext) -> list[dict]:
    out = []
    tolerance = ctx.settings.price_tolerance_pct
    on_date = ctx.order.order_date or ctx.today
    unchecked: set[str] = set()
    confirmed_by_total = _total_confirms_lines(ctx)
    for i, line in enumerate(ctx.lines):
        if line.product_id is None or line.unit_price is None:
            continue
        expected, source = ctx.expected_price(line, on_date=on_date)
        if expected is None or expected == 0:
            continue
        price_currency = line.product.currency if source == "list_price" else None
        if price_currency and ctx.order.currency and price_currency != ctx.order.currency:
            unchecked.add(price_currency)  # prices in another currency cannot be compared
            if _no_exchange_rate_explains(
                line.unit_price, expected, ctx.order.currency, price_currency
            ):
                # "48 verres" at 2,80 EUR of our box of six at 15,60 CHF: a count in
                # another unit, whatever the rate
                out.append(
                    issue(
                        ctx,
                        "price_mismatch",
                        f"lines[{i}].unit_price",
                        lambda: (
                            _(
                                "price %(stated)s %(currency)s is far from the list price "
                                "%(expected)s %(list)s, whatever the exchange rate: is the "
                                "quantity counted in another unit?"
                            )
                            % {
                                "stated": num(line.unit_price),
                                "currency": ctx.order.currency,
                                "expected": num(expected),
                                "list": price_currency,
                            }
                        ),
                        stated=line.unit_price,
                        expected=expected,
                        source=source,
                    )
                )
            continue
        delta = (line.unit_price - expected) / expected * 100
        if abs(delta) <= tolerance:
            continue
        if source == "list_price" and _negotiated_discount(ctx, line, delta, confirmed_by_total):
            out.append(
                issue(
                    ctx,
                    "price_below_list",
                    f"lines[{i}].unit_price",
                    lambda: (
                        _("price %(stated)s is %(delta)s below the list price %(expected)s")
                        % {
                            "stated": num(line.unit_price),
                            "expected": num(expected),
                            "delta": pct(-delta).lstrip("+"),
                        }
                    ),
                    stated=line.unit_price,
                    expected=expected,
                    source=source,
                    delta_pct=str(delta.quantize(CENT)),
                )
            )
            continue
        if line.unit_price == 0 and _says_free(line):
            # "ÉCHANTILLON GRATUIT … 0,00", "sample, no charge": a line the customer was told
            # is free, not a price misread; the desk sees it, the order need not wait for it
            out.append(
                issue(
                    ctx,
                    "free_of_charge",
                    f"lines[{i}].unit_price",
                    lambda: _("Line %(n)s is free of charge (list price %(expected)s).")
                    % {"n": i + 1, "expected": num(expected)},
                    expected=expected,
                    source=source,
                )
            )
            continue
        label = {
            "customer_price_list": gettext_lazy("the customer's price list"),
            "price_list": gettext_lazy("price list"),
            "list_price": gettext_lazy("list price"),
        }.get(source, gettext_lazy("price list"))
        out.append(
            issue(
                ctx,
                "price_mismatch",
                f"lines[{i}].unit_price",
                lambda: (
                    _("price %(stated)s differs from %(label)s %(expected)s (%(delta)s)")
                    % {
                        "stated": num(line.unit_price),
                        "label": label,
                        "expected": num(expected),
                        "delta": pct(delta),
                    }
                ),
                stated=line.unit_price,
                expected=expected,
                source=source,
                delta_pct=str(delta.quantize(CENT)),
            )
        )
    if unchecked:
        out.append(
            issue(
                ctx,
                "price_unchecked",
                "currency",
                lambda: (
                    _(
                        "Prices are in %(order)s and the price list in %(list)s: they were not compared."
                    )
                    % {"order": ctx.order.currency, "list": ", ".join(sorted(unchecked))}
                ),
            )
        )
    return out


def rule_missing_price(ctx: RuleContext) -> list[dict]:
    """Some lines priced and others not: a price was probably not read."""
    priced = [line.unit_price is not None for line in ctx.lines]
    if not any(priced) or all(priced):
        return []
    return [
        issue(
            ctx,
            "missing_price",
            f"lines[{i}].unit_price",
            lambda: _("Line %(n)s has no unit price while other lines have one.") % {"n": i + 1},
        )
        for i, has in enumerate(priced)
        if not has
    ]


def _line_amount_agrees(ctx: RuleContext, line) -> bool | None:
    """Whether the printed line amount is quantity × unit price; None when either is missing.
    A rounded unit price (0.333 for 1/3) may miss the printed amount by a few cents."""
    stated = (line.extraction or {}).get("stated_line_total")
    amount = line_amount(line)
    if stated in (None, "") or amount is None:
        return None
    slack = max(ctx.settings.total_tolerance, (line.quantity * Decimal("0.005")).quantize(CENT))
    return abs(Decimal(str(stated)) - amount) <= slack


def rule_line_total_mismatch(ctx: RuleContext) -> list[dict]:
    """A printed line amount that is not quantity × unit price: one of the three was misread."""
    out = []
    for i, line in enumerate(ctx.lines):
        if _line_amount_agrees(ctx, line) is not False:
            continue
        stated = Decimal(str(line.extraction["stated_line_total"]))
        amount = line_amount(line)
        out.append(
            issue(
                ctx,
                "line_total_mismatch",
                f"lines[{i}].line_total",
                lambda: (
                    _("Line %(n)s: %(q)s × %(p)s is %(amount)s, but the document says %(stated)s.")
                    % {
                        "n": i + 1,
                        "q": num(line.quantity),
                        "p": num(line.unit_price),
                        "amount": num(amount),
                        "stated": num(stated),
                    }
                ),
                stated=stated,
                computed=amount,
            )
        )
    return out


def rule_total_mismatch(ctx: RuleContext) -> list[dict]:
    stated = ctx.order.stated_total
    if stated is None:
        return []
    amounts = [line_amount(line) for line in ctx.lines]
    if any(a is None for a in amounts) or not amounts:
        return [
            issue(
                ctx,
                "total_mismatch",
                "total",
                lambda: (
                    _("The document states a total of %(stated)s but not every line has a price.")
                    % {"stated": num(stated)}
                ),
                stated=stated,
            )
        ]
    computed = sum(amounts, Decimal("0.00"))
    if abs(computed - stated) <= ctx.settings.total_tolerance:
        return []
    return [
        issue(
            ctx,
            "total_mismatch",
            "total",
            lambda: (
                _("stated total %(stated)s differs from the sum of the lines %(computed)s")
                % {"stated": num(stated), "computed": num(computed)}
            ),
            stated=stated,
            computed=computed,
        )
    ]


QuantityCheck = Callable[[RuleContext, int, object], "dict | None"]
# The insights issue registers better detectors here; each gets (ctx, index, line) and returns
# an issue or None. Registered checks run before the default; the first issue found wins.
QUANTITY_OUTLIER_CHECKS: list[QuantityCheck] = []


def register_quantity_outlier_check(check: QuantityCheck) -> QuantityCheck:
    if check not in QUANTITY_OUTLIER_CHECKS:
        QUANTITY_OUTLIER_CHECKS.append(check)
    return check


def quantity_history(ctx: RuleContext, product_id: int) -> list[Decimal]:
    from orders.models import OrderLine, OrderStatus

    excluded = (
        OrderStatus.REJECTED,
        OrderStatus.CANCELLED,
        OrderStatus.RECEIVED,
        OrderStatus.EXTRACTED,
        OrderStatus.NEEDS_REVIEW,
    )
    return list(
        OrderLine.objects.for_tenant(ctx.order.tenant_id)
        .filter(order__customer=ctx.customer, product_id=product_id)
        .exclude(order=ctx.order)
        .exclude(order__status__in=excluded)
        .order_by("-order__created_at")
        .values_list("quantity", flat=True)[:50]
    )


def default_quantity_outlier(ctx: RuleContext, index: int, line) -> dict | None:
    history = quantity_history(ctx, line.product_id)
    if len(history) < ctx.settings.quantity_outlier_min_history:
        return None
    median = Decimal(statistics.median(history))
    factor = ctx.settings.quantity_outlier_factor
    if median <= 0 or (median / factor <= line.quantity <= median * factor):
        return None
    return issue(
        ctx,
        "quantity_outlier",
        f"lines[{index}].quantity",
        lambda: (
            _("Line %(n)s: quantity %(q)s is far from this customer's usual %(median)s.")
            % {"n": index + 1, "q": num(line.quantity), "median": num(median)}
        ),
        quantity=line.quantity,
        median=median,
    )


def rule_quantity_outlier(ctx: RuleContext) -> list[dict]:
    if ctx.customer is None:
        return []
    out = []
    for i, line in enumerate(ctx.lines):
        if line.product_id is None or line.quantity is None:
            continue
        for check in [*QUANTITY_OUTLIER_CHECKS, default_quantity_outlier]:
            found = check(ctx, i, line)
            if found:
                out.append(found)
                break
    return out


def rule_missing_po_number(ctx: RuleContext) -> list[dict]:
    if (ctx.order.po_number or "").strip():
        return []
    return [
        issue(
            ctx,
            "missing_po_number",
            "po_number",
            lambda: _("The document gives no purchase order number."),
        )
    ]


def rule_duplicate_po_number(ctx: RuleContext) -> list[dict]:
    from orders.models import Order, OrderStatus

    po = (ctx.order.po_number or "").strip()
    if not po or ctx.customer is None:
        return []
    other = (
        Order.objects.for_tenant(ctx.order.tenant_id)
        .filter(customer=ctx.customer, po_number__iexact=po)
        .exclude(pk=ctx.order.pk)
        .exclude(status__in=[OrderStatus.REJECTED, OrderStatus.CANCELLED])
        .order_by("created_at")
        .first()
    )
    if other is None:
        return []
    return [
        issue(
            ctx,
            "duplicate_po_number",
            "po_number",
            lambda: (
                _("PO number %(po)s was already used by this customer on order %(number)s.")
                % {"po": po, "number": other.number}
            ),
            po=po,
            order=other.number,
            order_id=other.pk,
        )
    ]


def rule_delivery_date(ctx: RuleContext) -> list[dict]:
    wanted = ctx.order.requested_delivery_date
    if wanted is None:
        return []
    if ctx.order.order_date and wanted < ctx.order.order_date:
        return [
            issue(
                ctx,
                "delivery_before_order_date",
                "requested_delivery_date",
                lambda: (
                    _("delivery date %(wanted)s is before the order date %(ordered)s")
                    % {"wanted": wanted.isoformat(), "ordered": ctx.order.order_date.isoformat()}
                ),
                wanted=wanted,
                ordered=ctx.order.order_date,
            )
        ]
    if ctx.today and wanted < ctx.today:
        return [
            issue(
                ctx,
                "delivery_date_in_past",
                "requested_delivery_date",
                lambda: _("delivery date %(wanted)s is in the past")
                % {"wanted": wanted.isoformat()},
                wanted=wanted,
            )
        ]
    return []


def order_value(ctx: RuleContext) -> Decimal:
    """What the order is worth: the stated prices, else the expected ones."""
    total = Decimal("0.00")
    for line in ctx.lines:
        price = line.unit_price
        if price is None and line.product_id is not None:
            price, _source = ctx.expected_price(line, on_date=ctx.today)
        if price is not None and line.quantity is not None:
            total += (line.quantity * price).quantize(CENT, rounding=ROUND_HALF_UP)
    return total


def customer_exposure(ctx: RuleContext) -> Decimal:
    """Open orders not invoiced yet plus unpaid invoices."""
    from orders.models import Invoice, InvoiceStatus, Order, OrderStatus

    open_orders = Order.objects.for_tenant(ctx.order.tenant_id).filter(
        customer=ctx.customer,
        status__in=[
            OrderStatus.VALIDATED,
            OrderStatus.EXPORTED,
            OrderStatus.IN_FULFILMENT,
            OrderStatus.SHIPPED,
        ],
    ).exclude(pk=ctx.order.pk).aggregate(s=Sum("total_amount"))["s"] or Decimal("0")
    invoices = Invoice.objects.for_tenant(ctx.order.tenant_id).filter(
        customer=ctx.customer, status__in=[InvoiceStatus.OPEN, InvoiceStatus.PARTIALLY_PAID]
    )
    unpaid = sum((inv.total_gross - inv.paid_amount for inv in invoices), Decimal("0"))
    return open_orders + unpaid


def rule_credit_limit_exceeded(ctx: RuleContext) -> list[dict]:
    customer = ctx.customer
    if customer is None or customer.credit_limit is None:
        return []
    value = order_value(ctx)
    exposure = customer_exposure(ctx)
    if exposure + value <= customer.credit_limit:
        return []
    return [
        issue(
            ctx,
            "credit_limit_exceeded",
            "total",
            lambda: (
                _(
                    "This order (%(value)s) brings the customer's exposure to %(total)s, above the credit "
                    "limit of %(limit)s."
                )
                % {
                    "value": num(value),
                    "total": num(exposure + value),
                    "limit": num(customer.credit_limit),
                }
            ),
            value=value,
            exposure=exposure,
            limit=customer.credit_limit,
        )
    ]


def rule_sample_with_prices(ctx: RuleContext) -> list[dict]:
    from orders.models import OrderType

    if ctx.order.order_type != OrderType.SAMPLE:
        return []
    priced = [i for i, line in enumerate(ctx.lines) if line.unit_price]
    if not priced:
        return []
    return [
        issue(
            ctx,
            "sample_with_prices",
            f"lines[{priced[0]}].unit_price",
            lambda: (
                _("A sample order should be free, but %(count)s line(s) carry a price.")
                % {"count": len(priced)}
            ),
            count=len(priced),
        )
    ]


def customer_currencies(customer) -> set[str]:
    """The customer's currency, and its country's (a customer imported without a currency
    column gets the tenant's, which says little about a British buyer)."""
    from ingestion.matching.masterdata import COUNTRY_CURRENCY, EURO_COUNTRIES

    out = {customer.currency} if customer.currency else set()
    for country in customer.addresses.values_list("country", flat=True):
        country = (country or "").upper()
        if country in COUNTRY_CURRENCY:
            out.add(COUNTRY_CURRENCY[country])
        elif country in EURO_COUNTRIES:
            out.add("EUR")
    return out


def rule_currency_mismatch(ctx: RuleContext) -> list[dict]:
    """The order's currency is neither the customer's nor the one the products are priced in."""
    currency = ctx.order.currency
    if not currency:
        return []
    known = {
        line.product.currency
        for line in ctx.lines
        if line.product_id is not None and line.product.currency
    }
    if ctx.customer is not None:
        known |= customer_currencies(ctx.customer)
    if not known or currency in known:
        return []
    expected = ", ".join(sorted(known))
    return [
        issue(
            ctx,
            "currency_mismatch",
            "currency",
            lambda: (
                _(
                    "The order is in %(order)s but this customer and these products are priced in %(expected)s."
                )
                % {"order": currency, "expected": expected}
            ),
            order=currency,
            expected=expected,
        )
    ]


# A line quantity or price read with middling confidence counts as this sure when the
# document's own arithmetic confirms it (see ``lines_add_up``).
CORROBORATED = 0.95
CORROBORATION_FLOOR = 0.5


def lines_add_up(ctx: RuleContext) -> bool:
    """Every line's quantity × price gives its printed amount (where printed), and the lines add
    up to a total the document prints: a misread quantity or price would have to be cancelled
    out by another misreading to pass."""
    stated = ctx.order.stated_total
    total_rule = ((ctx.extraction.get("fields") or {}).get("total") or {}).get("rule", "")
    if stated is None or not ctx.lines or not total_printed_and_agrees(total_rule):
        return False
    amounts = []
    for line in ctx.lines:
        amount = line_amount(line)
        if amount is None or not line.quantity or line.quantity <= 0:
            return False
        printed = (line.extraction or {}).get("stated_line_total")
        if printed not in (None, "") and abs(Decimal(str(printed)) - amount) > max(
            ctx.settings.total_tolerance, (line.quantity * Decimal("0.005")).quantize(CENT)
        ):
            return False
        amounts.append(Decimal(str(printed)) if printed not in (None, "") else amount)
    return abs(sum(amounts, Decimal("0")) - stated) <= ctx.settings.total_tolerance


def states_no_prices(ctx: RuleContext) -> bool:
    """No line has a price and no total is printed, on a document read from its own text (a
    scan may have lost a whole price column to OCR; a PDF or an email has not), or on a scan
    whose item table's titles name no price or amount (no column was lost)."""
    if any(line.unit_price is not None for line in ctx.lines) or ctx.order.stated_total is not None:
        return False
    document = ctx.extraction.get("document") or {}
    sources = set(document.get("sources") or ["ocr"])
    return "ocr" not in sources or document.get("price_titled") is False


def _prints_no_price(ctx: RuleContext, line) -> bool:
    """A line of a document read from its own text (no scan, which may lose a figure) whose
    row prints neither a price nor an amount, beside others that do: the buyer left it for
    our list to price."""
    document = ctx.extraction.get("document") or {}
    if "ocr" in set(document.get("sources") or ["ocr"]):
        return False
    data = line.extraction or {}
    printed = data.get("printed") or {}
    return (
        printed.get("unit_price") in (None, "")
        and data.get("stated_line_total") in (None, "")
        # (no figure in cents anywhere on the row, that a column we did not read might hold)
        and not re.search(r"\d[.,]\d{2}(?!\d)", printed.get("raw_text") or "")
    )


def _defaulted_currency(extraction: dict) -> bool:
    """The customer's currency, no other in doubt: a guess between the customer's country's
    and our list's ("customer_currency(not_the_countrys)") is not one."""
    info = (extraction.get("fields") or {}).get("currency")
    rule = str(info.get("rule") or "") if isinstance(info, dict) else ""
    return rule.startswith("customer_currency") and "not_the_countrys" not in rule


def checked_confidences(ctx: RuleContext):
    """Every confidence the decision checks, as ``(threshold key, line index or None, contract
    name, confidence)``: the header fields, then per line product, quantity, unit price and unit
    (quantity and price corroborated by the document's arithmetic, see ``lines_add_up``).
    ``ingestion.decision.calibration`` reads the same values."""
    extraction = ctx.extraction
    add_up = lines_add_up(ctx)
    priceless = states_no_prices(ctx)
    for key, name in HEADER_CONFIDENCE_FIELDS:
        if key == "currency" and priceless and _defaulted_currency(extraction):
            continue  # nothing priced, no currency written: we price it from our list
        if key == "customer":
            value = (extraction.get("customer") or {}).get("confidence")
            confidence = None if value is None else float(value)
        else:
            confidence = field_confidence(extraction, key)
        yield key, None, name, confidence
    for i, line in enumerate(ctx.lines):
        data = line.extraction or {}
        for key, name, contract_name in LINE_CONFIDENCE_FIELDS:
            if name == "product":
                value = (data.get("product") or {}).get("confidence")
                if line.product_id is None:
                    continue  # unknown_product says it
                confidence = None if value is None else float(value)
            elif name == "unit_price" and line.unit_price is None and states_no_prices(ctx):
                continue  # the document prices nothing: nothing was missed
            elif name == "unit_price" and line.unit_price is None and _prints_no_price(ctx, line):
                continue  # "I have filled in the ones I know": priced from our list
            else:
                confidence = field_confidence(data, name)
                # the arithmetic holds whatever unit the count is in ("2 box of 36" as 72 at
                # 2.05 or 2 at 73.80): it vouches for no count whose unit is in doubt
                in_doubt = ((data.get("fields") or {}).get("quantity") or {}).get("unit_in_doubt")
                corroborated = add_up and name in ("quantity", "unit_price") and not in_doubt
                if corroborated and confidence is not None and confidence >= CORROBORATION_FLOOR:
                    confidence = max(confidence, CORROBORATED)
            yield key, i, contract_name, confidence


def rule_low_confidence(ctx: RuleContext) -> list[dict]:
    out = []
    settings = ctx.settings
    for key, index, name, confidence in checked_confidences(ctx):
        if confidence is None or confidence >= settings.threshold(key):
            continue
        values = {"n": (index or 0) + 1, "field": name, "confidence": f"{confidence:.2f}"}
        if index is None:
            field_name = name

            def message(values=values):
                return _("%(field)s was read with low confidence (%(confidence)s).") % values
        else:
            field_name = f"lines[{index}].{name}"

            def message(values=values):
                return (
                    _("Line %(n)s: %(field)s was read with low confidence (%(confidence)s).")
                    % values
                )

        out.append(
            issue(
                ctx,
                "low_confidence",
                field_name,
                message,
                confidence=confidence,
                threshold=settings.threshold(key),
            )
        )
    return out


# Order matters only for display: the most telling issues first.
RULES: list[Callable[[RuleContext], list[dict]]] = [
    rule_not_an_order,
    rule_unknown_customer,
    rule_ambiguous_customer,
    rule_no_lines,
    rule_unread_line,
    rule_amended_order,
    rule_prices_in_prose,
    rule_unknown_product,
    rule_ambiguous_product,
    rule_invalid_quantity,
    rule_price_mismatch,
    rule_missing_price,
    rule_line_total_mismatch,
    rule_total_mismatch,
    rule_quantity_outlier,
    rule_missing_po_number,
    rule_duplicate_po_number,
    rule_delivery_date,
    rule_credit_limit_exceeded,
    rule_sample_with_prices,
    rule_currency_mismatch,
    rule_low_confidence,
]


def order_check_rules(*, order, today: dt.date | None = None) -> list[dict]:
    """Every rule over the order as stored; returns the issues found."""
    ctx = rule_context_for(order, today=today)
    issues: list[dict] = []
    for rule in RULES:
        issues.extend(rule(ctx))
    return issues
