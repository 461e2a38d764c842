"""Master-data import of products and customer part numbers (CONTRACTS.md: products.csv and
aliases.csv). Same rules as ``customers.imports``: checked whole, applied whole or not at all,
bulk writes against keys loaded once."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import CustomerProductAlias, Product, gtin_is_valid
from customers.imports import (
    BATCH_SIZE,
    CURRENCY_RE,
    CsvRow,
    ImportRefused,
    ImportReport,
    RowIssue,
    csv_rows,
    first_seen,
)
from customers.models import Customer
from tenants.models import Tenant

PRODUCT_COLUMNS = ("sku", "gtin", "description", "unit", "unit_price", "currency")
# Optional columns: pack_size, active.
ALIAS_COLUMNS = ("customer_code", "customer_sku", "sku")
PRICE_MAX = Decimal("9999999999")
PRICE_PLACES = Decimal("0.0001")


def _product_values(row: CsvRow, tenant: Tenant, report: ImportReport) -> dict | None:
    def reject(reason: str) -> None:
        report.rejected.append(RowIssue(row.line, reason))

    sku = row["sku"]
    if not sku:
        return reject(_("sku is empty"))
    if len(sku) > 60:
        return reject(_("sku %(sku)s… is longer than 60 characters") % {"sku": sku[:60]})
    gtin = row["gtin"].replace(" ", "")
    if gtin and not gtin_is_valid(gtin):
        # an ERP export's mistyped barcode should not keep the product out of the catalog: the
        # product comes in without it (no scanner will ever read that number)
        report.warnings.append(
            RowIssue(
                row.line,
                _("%(sku)s: GTIN %(gtin)s has a bad check digit or length; imported without it")
                % {"sku": sku, "gtin": row["gtin"]},
            )
        )
        gtin = ""
    description = row["description"]
    if not description:
        return reject(_("%(sku)s: description is empty") % {"sku": sku})
    unit = (row["unit"] or "EA").upper()
    if len(unit) > 40:
        return reject(
            _("%(sku)s: unit %(value)r is longer than 40 characters")
            % {"sku": sku, "value": row["unit"]}
        )
    price = None
    if row["unit_price"]:
        try:
            price = Decimal(row["unit_price"])
        except InvalidOperation:
            return reject(
                _("%(sku)s: unit_price %(value)r is not a number (use . as decimal separator)")
                % {"sku": sku, "value": row["unit_price"]}
            )
        if not price.is_finite() or price < 0 or price > PRICE_MAX:
            return reject(
                _("%(sku)s: unit_price %(value)r is out of range")
                % {"sku": sku, "value": row["unit_price"]}
            )
        price = price.quantize(PRICE_PLACES)
    currency = (row["currency"] or tenant.currency).upper()
    if not CURRENCY_RE.match(currency):
        return reject(
            _("%(sku)s: currency must be an ISO 4217 code, not %(value)r")
            % {"sku": sku, "value": row["currency"]}
        )
    values = {
        "sku": sku,
        "gtin": gtin,
        "description": description[:300],
        "unit": unit,
        "list_price": price,
        "currency": currency,
    }
    if row["pack_size"]:
        if not row["pack_size"].isdigit() or int(row["pack_size"]) < 1:
            return reject(
                _("%(sku)s: pack_size %(value)r is not a whole number")
                % {"sku": sku, "value": row["pack_size"]}
            )
        values["pack_size"] = int(row["pack_size"])
    if row["active"]:
        lowered = row["active"].lower()
        if lowered not in ("true", "false", "1", "0", "yes", "no"):
            return reject(_("%(sku)s: active must be true or false") % {"sku": sku})
        values["active"] = lowered in ("true", "1", "yes")
    return values


PRODUCT_UPDATE_FIELDS = [
    "gtin",
    "description",
    "unit",
    "list_price",
    "currency",
    "pack_size",
    "active",
    "updated_at",
]


def products_import(*, tenant: Tenant, data: bytes, dry_run: bool = False) -> ImportReport:
    """Upserts the products of a products.csv, keyed by ``sku``; all or nothing."""
    report = ImportReport(kind="products")
    try:
        rows = csv_rows(data, required=PRODUCT_COLUMNS)
    except ImportRefused as refusal:
        report.error = str(refusal)
        return report
    report.rows = len(rows)
    parsed = []
    for row in first_seen(rows, "sku", report, "sku"):
        values = _product_values(row, tenant, report)
        if values is not None:
            parsed.append(values)
    report.rejected.sort(key=lambda issue: issue.line)
    if report.rejected:
        return report

    existing = {
        p.sku: p
        for p in Product.objects.for_tenant(tenant).only("pk", "sku", *PRODUCT_UPDATE_FIELDS[:-1])
    }
    now = timezone.now()
    to_create, to_update = [], []
    for values in parsed:
        current = existing.get(values["sku"])
        if current is None:
            report.created.append(values["sku"])
            to_create.append(Product(tenant=tenant, **values))
        elif any(getattr(current, k) != v for k, v in values.items()):
            report.updated.append(values["sku"])
            for k, v in values.items():
                setattr(current, k, v)
            current.updated_at = now
            to_update.append(current)
        else:
            report.unchanged.append(values["sku"])
    if dry_run:
        return report
    with transaction.atomic():
        Product.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        Product.objects.bulk_update(to_update, PRODUCT_UPDATE_FIELDS, batch_size=BATCH_SIZE)
    report.applied = True
    return report


def aliases_import(*, tenant: Tenant, data: bytes, dry_run: bool = False) -> ImportReport:
    """Upserts the customers' part numbers of an aliases.csv, keyed by (customer_code, customer_sku)."""
    report = ImportReport(kind="aliases")
    try:
        rows = csv_rows(data, required=ALIAS_COLUMNS)
    except ImportRefused as refusal:
        report.error = str(refusal)
        return report
    report.rows = len(rows)
    customers = dict(Customer.objects.for_tenant(tenant).values_list("code", "pk"))
    products = dict(Product.objects.for_tenant(tenant).values_list("sku", "pk"))
    seen: dict[tuple[str, str], int] = {}
    parsed: list[tuple[str, str, int, int]] = []
    for row in rows:
        if "__error__" in row.values:
            report.rejected.append(RowIssue(row.line, row.values["__error__"]))
            continue
        code, customer_sku, sku = row["customer_code"], row["customer_sku"], row["sku"]
        if not code or not customer_sku or not sku:
            empty = [c for c in ALIAS_COLUMNS if not row[c]]
            report.rejected.append(
                RowIssue(row.line, _("%(columns)s empty") % {"columns": ", ".join(empty)})
            )
            continue
        if len(customer_sku) > 80:
            report.rejected.append(
                RowIssue(
                    row.line,
                    _("customer_sku %(value)s… is longer than 80 characters")
                    % {"value": customer_sku[:80]},
                )
            )
            continue
        if (code, customer_sku) in seen:
            report.rejected.append(
                RowIssue(
                    row.line,
                    _(
                        "duplicate part number %(part)s of customer %(code)s "
                        "(first on line %(first)s)"
                    )
                    % {"part": customer_sku, "code": code, "first": seen[(code, customer_sku)]},
                )
            )
            continue
        seen[(code, customer_sku)] = row.line
        if code not in customers:
            report.rejected.append(
                RowIssue(row.line, _("unknown customer code %(code)s") % {"code": code})
            )
            continue
        if sku not in products:
            report.rejected.append(RowIssue(row.line, _("unknown sku %(sku)s") % {"sku": sku}))
            continue
        parsed.append((code, customer_sku, customers[code], products[sku]))
    if report.rejected:
        return report

    existing = {
        (a.customer_id, a.customer_sku): a for a in CustomerProductAlias.objects.for_tenant(tenant)
    }
    to_create, to_update = [], []
    for code, customer_sku, customer_id, product_id in parsed:
        key = f"{code}/{customer_sku}"
        current = existing.get((customer_id, customer_sku))
        if current is None:
            report.created.append(key)
            to_create.append(
                CustomerProductAlias(
                    tenant=tenant,
                    customer_id=customer_id,
                    customer_sku=customer_sku,
                    product_id=product_id,
                )
            )
        elif current.product_id != product_id or current.learned:
            report.updated.append(key)
            current.product_id, current.learned = product_id, False
            to_update.append(current)
        else:
            report.unchanged.append(key)
    if dry_run:
        return report
    with transaction.atomic():
        CustomerProductAlias.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        CustomerProductAlias.objects.bulk_update(
            to_update, ["product", "learned"], batch_size=BATCH_SIZE
        )
    report.applied = True
    return report
