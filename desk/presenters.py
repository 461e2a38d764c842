"""Turns an order and what the extraction said about it into what the review page shows.

Kept apart from the views so that the per-line work (200 lines × 7 fields) stays in plain
Python dictionaries, which the template renders without further lookups or queries.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.extraction import FieldInfo, Issue, field_infos, parse_issues, row_source
from desk.forms import SHIP_TO_KEYS
from orders.models import Order, OrderLine, OrderType

LINE_COLUMNS = (
    ("product", gettext_lazy("Product"), "product"),
    ("customer_sku", gettext_lazy("Their ref."), "text"),
    ("description", gettext_lazy("Description"), "text"),
    ("quantity", gettext_lazy("Qty"), "num"),
    ("unit", gettext_lazy("Unit"), "unit"),
    ("unit_price", gettext_lazy("Unit price"), "num"),
    ("requested_date", gettext_lazy("Date"), "date"),
)
HEADER_LABELS = {
    "customer": gettext_lazy("Customer"),
    "po_number": gettext_lazy("PO number"),
    "order_date": gettext_lazy("Order date"),
    "requested_delivery_date": gettext_lazy("Delivery date"),
    "currency": gettext_lazy("Currency"),
    "order_type": gettext_lazy("Type"),
    "ship_to.name": gettext_lazy("Ship-to name"),
    "ship_to.street": gettext_lazy("Street"),
    "ship_to.postal_code": gettext_lazy("Postal code"),
    "ship_to.city": gettext_lazy("City"),
    "ship_to.country": gettext_lazy("Country"),
    "notes": gettext_lazy("Notes"),
}
NO_INFO = FieldInfo()


def fmt_decimal(value, min_places: int = 0) -> str:
    if value is None:
        return ""
    if not isinstance(value, Decimal):
        return str(value)
    text = format(value.normalize(), "f")
    if min_places:
        whole, _dot, fraction = text.partition(".")
        text = f"{whole}.{fraction.ljust(min_places, '0')}"
    return text


def thresholds_for(tenant) -> dict[str, float]:
    try:
        from ingestion.decision.settings import extraction_settings_for
    except ImportError:
        return {}
    return dict(extraction_settings_for(tenant).thresholds)


def header_id(name: str) -> str:
    return "h-" + name.replace(".", "-")


def line_input_id(line_id: int, name: str) -> str:
    return f"i-{line_id}-{name}"


def _cell(
    *,
    name: str,
    input_id: str,
    value: str,
    kind: str,
    info: FieldInfo,
    label,
    error: str = "",
    issue: str = "",
    row_box: str = "",
) -> dict:
    return {
        "name": name,
        "id": input_id,
        "value": value,
        "kind": kind,
        "label": label,
        "low": info.low,
        "conf": info.percent,
        "rule": info.rule,
        "box": info.box_attr or row_box,
        "error": error,
        "issue": issue,
    }


def line_value(line: OrderLine, name: str) -> str:
    if name == "product":
        return f"{line.product.sku} · {line.product.description}" if line.product_id else ""
    if name == "quantity":
        return fmt_decimal(line.quantity)
    if name == "unit_price":
        return fmt_decimal(line.unit_price, 2)
    if name == "requested_date":
        return line.requested_date.isoformat() if line.requested_date else ""
    return getattr(line, name) or ""


def columns_for(lines: list[OrderLine]) -> tuple:
    """The line columns; the date column only when a line has its own requested date."""
    if any(line.requested_date for line in lines):
        return LINE_COLUMNS
    return tuple(c for c in LINE_COLUMNS if c[0] != "requested_date")


def line_row(
    line: OrderLine,
    index: int,
    *,
    thresholds: dict,
    issues: list[Issue],
    errors: dict | None = None,
    raw: dict | None = None,
    columns: tuple = LINE_COLUMNS,
) -> dict:
    """One line as the table shows it; ``errors``/``raw`` keep what was typed when refused."""
    infos = field_infos(line.extraction, thresholds, prefix="line.")
    row_box = row_source(line.extraction).box_attr
    line_issues = [i for i in issues if i.line_index == index]
    messages: dict[str, list[str]] = {}
    for issue in line_issues:
        name = issue.field.split(".", 1)[1] if "." in issue.field else "product"
        messages.setdefault(name, []).append(issue.message)
    errors = errors or {}
    raw = raw or {}
    cells = []
    for name, label, kind in columns:
        value = raw[name] if name in raw and name in errors else line_value(line, name)
        cells.append(
            _cell(
                name=name,
                input_id=line_input_id(line.pk, name),
                value=value,
                kind=kind,
                info=infos.get(name, NO_INFO),
                label=label,
                error=" ".join(errors.get(name, [])),
                issue=" ".join(messages.get(name, [])),
                row_box=row_box,
            )
        )
    return {
        "id": line.pk,
        "number": index + 1,
        "line": line,
        "cells": cells,
        "box": row_box,
        "total": fmt_decimal(line.line_total, 2),
        "flagged": bool(line_issues) or any(c["low"] for c in cells),
        "product_id": line.product_id,
        "customer_sku": line.customer_sku,
        "messages": [issue.message or issue.code for issue in line_issues],
    }


def line_rows(
    lines: list[OrderLine], *, thresholds: dict, issues: list[Issue], columns: tuple
) -> list[dict]:
    columns = tuple((name, str(label), kind) for name, label, kind in columns)  # translate once
    return [
        line_row(line, i, thresholds=thresholds, issues=issues, columns=columns)
        for i, line in enumerate(lines)
    ]


def header_value(order: Order, name: str) -> str:
    if name == "customer":
        return str(order.customer) if order.customer_id else ""
    if name.startswith("ship_to."):
        return str((order.ship_to_address or {}).get(name.split(".", 1)[1]) or "")
    value = getattr(order, name)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value or ""


HEADER_KINDS = {
    "customer": "customer",
    "order_date": "date",
    "requested_delivery_date": "date",
    "order_type": "select",
    "notes": "textarea",
    "currency": "code",
}


def header_cells(
    order: Order,
    *,
    thresholds: dict,
    issues: list[Issue],
    errors: dict | None = None,
    raw: dict | None = None,
    only: list[str] | None = None,
) -> list[dict]:
    infos = field_infos(order.extraction, thresholds)
    messages: dict[str, list[str]] = {}
    for issue in issues:
        if issue.line_index is None:
            target = "ship_to.name" if issue.field == "ship_to" else issue.field
            messages.setdefault(target, []).append(issue.message)
    errors = errors or {}
    raw = raw or {}
    cells = []
    names = [
        "customer",
        "po_number",
        "order_date",
        "requested_delivery_date",
        "currency",
        "order_type",
        *[f"ship_to.{k}" for k in SHIP_TO_KEYS],
        "notes",
    ]
    for name in names:
        if only is not None and name not in only:
            continue
        value = raw[name] if name in raw and name in errors else header_value(order, name)
        cells.append(
            _cell(
                name=name,
                input_id=header_id(name),
                value=value,
                kind=HEADER_KINDS.get(name, "text"),
                info=infos.get(name, NO_INFO),
                label=HEADER_LABELS[name],
                error=" ".join(errors.get(name, [])),
                issue=" ".join(messages.get(name, [])),
            )
        )
    return cells


def issue_list(order: Order, issues: list[Issue], line_ids: list[int]) -> list[dict]:
    """Issues of the panel, each with the input it is about (for "next issue")."""
    result = []
    for index, issue in enumerate(issues):
        if issue.line_index is not None:
            if issue.line_index >= len(line_ids):
                target = ""
            else:
                name = issue.field.split(".", 1)[1] if "." in issue.field else "product"
                target = line_input_id(line_ids[issue.line_index], name)
            where = _("line %(number)s") % {"number": issue.line_index + 1}
        elif issue.field == "total":
            target, where = "order-totals", _("total")
        elif issue.field in HEADER_LABELS or issue.field == "ship_to":
            name = "ship_to.name" if issue.field == "ship_to" else issue.field
            target, where = header_id(name), str(HEADER_LABELS[name])
        else:
            target, where = "", ""
        result.append(
            {
                "index": index,
                "code": issue.code,
                "message": issue.message or issue.code,
                "blocking": issue.blocking,
                "target": target,
                "where": where,
            }
        )
    return result


def totals(order: Order) -> dict:
    stated = order.stated_total
    difference = (order.total_amount - stated) if stated is not None else None
    return {
        "total": fmt_decimal(order.total_amount, 2),
        "stated": fmt_decimal(stated, 2) if stated is not None else "",
        "difference": fmt_decimal(difference, 2) if difference else "",
        "currency": order.currency,
        "sample": order.order_type == OrderType.SAMPLE,
    }


def order_issues(order: Order) -> list[Issue]:
    return parse_issues(order.issues)


ISSUE_LABELS = {
    "not_an_order": gettext_lazy("Not an order"),
    "unknown_customer": gettext_lazy("Unknown customer"),
    "ambiguous_customer": gettext_lazy("Ambiguous customer"),
    "unknown_product": gettext_lazy("Unknown product"),
    "ambiguous_product": gettext_lazy("Ambiguous product"),
    "price_mismatch": gettext_lazy("Price differs"),
    "price_below_list": gettext_lazy("Below list price"),
    "free_of_charge": gettext_lazy("Free of charge"),
    "amended_order": gettext_lazy("Amended by a reply"),
    "missing_price": gettext_lazy("Missing price"),
    "total_mismatch": gettext_lazy("Total differs"),
    "quantity_outlier": gettext_lazy("Unusual quantity"),
    "missing_po_number": gettext_lazy("Missing PO number"),
    "duplicate_po_number": gettext_lazy("PO number already used"),
    "delivery_date_in_past": gettext_lazy("Delivery date in the past"),
    "delivery_before_order_date": gettext_lazy("Delivery before order date"),
    "credit_limit_exceeded": gettext_lazy("Credit limit exceeded"),
    "sample_with_prices": gettext_lazy("Sample with prices"),
    "low_confidence": gettext_lazy("Low confidence"),
    "no_lines": gettext_lazy("No lines"),
    "unread_line": gettext_lazy("Line not read"),
    "prices_in_prose": gettext_lazy("Prices not on the lines"),
    "currency_mismatch": gettext_lazy("Currency differs"),
    "invalid_quantity": gettext_lazy("Invalid quantity"),
}


def issue_label(code: str) -> str:
    return str(ISSUE_LABELS.get(code, code.replace("_", " ")))


# ---------------------------------------------------------------- rendering the lines
# The lines are rendered here rather than in the template: 200 lines × 7 fields through the
# template engine cost most of the page's time, the same markup in Python a few milliseconds.


def _esc(value) -> str:
    return escape(str(value))


def cell_html(row: dict, cell: dict, *, can_edit: bool) -> str:
    classes = "c c-" + cell["name"]
    if cell["low"]:
        classes += " low"
    if cell["issue"]:
        classes += " flagged"
    if cell["error"]:
        classes += " has-error"
    row_id, input_id, value = row["id"], cell["id"], _esc(cell["value"])
    label = f"{_esc(cell['label'])} {row['number']}"
    out = [f'<td id="c-{row_id}-{cell["name"]}" class="{classes}">']
    if cell["kind"] == "product":
        out.append(
            f'<input id="{input_id}" class="ac" role="combobox" aria-autocomplete="list" aria-expanded="false"'
            f' aria-controls="ac-list" aria-label="{label}" data-ac="product" data-line="{row_id}"'
            f' value="{value}" data-value="{value}" autocomplete="off"'
        )
    else:
        out.append(
            f'<input id="{input_id}" name="{cell["name"]}" value="{value}" aria-label="{label}"'
            f' data-save="line" data-line="{row_id}" autocomplete="off"'
        )
        if cell["kind"] == "num":
            out.append(' inputmode="decimal"')
        elif cell["kind"] == "date":
            out.append(' type="date"')
    if cell["box"]:
        out.append(f' data-box="{cell["box"]}"')
    if cell["issue"] or cell["low"]:
        out.append(' data-issue="1"')
    if cell["error"]:
        out.append(f' aria-invalid="true" aria-describedby="e-{input_id}"')
    if cell["issue"]:
        out.append(f' title="{_esc(cell["issue"])}"')
    if not can_edit:
        out.append(" readonly")
    out.append(">")
    if cell["error"]:
        out.append(
            f'<small class="error" id="e-{input_id}" role="alert">{_esc(cell["error"])}</small>'
        )
    if cell["low"]:
        out.append(f'<small class="conf" title="{_esc(cell["rule"])}">{cell["conf"]} %</small>')
    out.append("</td>")
    return "".join(out)


def message_row_html(row: dict, *, span: int) -> str:
    hidden = "" if row["messages"] else " hidden"
    flags = " ".join(f'<span class="flag">⚠ {_esc(m)}</span>' for m in row["messages"])
    return f'<tr id="m-{row["id"]}" class="msg"{hidden}><td></td><td colspan="{span}">{flags}</td></tr>'


def row_actions_html() -> str:
    titles = {
        "up": _("Move up (Alt+Shift+↑)"),
        "down": _("Move down (Alt+Shift+↓)"),
        "split": _("Split the line (Alt+S)"),
        "delete": _("Delete the line (Alt+Delete)"),
    }
    symbols = {"up": "↑", "down": "↓", "split": "⑂", "delete": "✕"}
    buttons = "".join(
        f'<button type="button" data-act="{act}" title="{_esc(title)}">{symbols[act]}</button>'
        for act, title in titles.items()
    )
    return f'<td class="acts">{buttons}</td>'


def render_rows(rows: list[dict], *, can_edit: bool, span: int) -> list[dict]:
    """Adds ``html`` to each row and cell (the same markup the single-field answers use)."""
    actions = row_actions_html() if can_edit else ""
    for row in rows:
        for cell in row["cells"]:
            cell["html"] = cell_html(row, cell, can_edit=can_edit)
        box = f' data-box="{row["box"]}"' if row["box"] else ""
        flagged = ' class="flagged"' if row["flagged"] else ""
        row["message_html"] = message_row_html(row, span=span)
        row["html"] = mark_safe(  # noqa: S308 - every value above is escaped
            f'<tr id="line-{row["id"]}" data-id="{row["id"]}"{box}{flagged}>'
            f'<th scope="row" class="num">{row["number"]}</th>'
            + "".join(cell["html"] for cell in row["cells"])
            + f'<td class="num" id="t-{row["id"]}">{row["total"]}</td>{actions}</tr>'
            + row["message_html"]
        )
        row["message_html"] = mark_safe(row["message_html"])  # noqa: S308
        for cell in row["cells"]:
            cell["html"] = mark_safe(cell["html"])  # noqa: S308
    return rows
