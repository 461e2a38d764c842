"""The desk's URLs with object ids, for the isolation and role harness (tests/urlmap.py)."""

from __future__ import annotations

from tests.desk.builders import review_order
from tests.factories import CustomerFactory
from tests.urlmap import FOREIGN_MARKER, register, register_foreign


def _order(tenant):
    return review_order(tenant, lines=1)


for _name in (
    "review",
    "claim",
    "lock",
    "unlock",
    "header_save",
    "line_add",
    "issue_accept",
    "products",
    "customers",
    "approve",
    "reject",
    "hold",
    "merge",
    "split",
):

    @register(f"desk:{_name}")
    def _maker(tenant):
        return {"pk": _order(tenant).pk}


@register("desk:line_save")
def _line_save(tenant):
    order = _order(tenant)
    return {"pk": order.pk, "line_pk": order.lines.get().pk}


@register("desk:line_action")
def _line_action(tenant):
    order = _order(tenant)
    return {"pk": order.pk, "line_pk": order.lines.get().pk, "action": "up"}


@register("desk:page_image")
def _page_image(tenant):
    return {"pk": _order(tenant).source_document.pages.get().pk}


@register("desk:document_file")
def _document_file(tenant):
    return {"pk": _order(tenant).source_document.pk}


@register_foreign("desk:queue")
def _foreign_queue_rows(tenant):
    review_order(
        tenant,
        lines=1,
        customer=CustomerFactory(tenant=tenant, name=f"{FOREIGN_MARKER} Customer"),
        po_number=f"{FOREIGN_MARKER}-PO",
    )
