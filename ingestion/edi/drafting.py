"""An EDI document's drafts: ``parse_edi`` instead of layout extraction, then the normal
matching (``ingestion.matching.build_draft``). ``ingestion.drafting.document_create_orders``
calls :func:`edi_drafts_build` for a Document of kind EDI and saves one order per draft."""

from __future__ import annotations

from ingestion.edi import NotAnOrder, parse_edi
from ingestion.extraction.model import ExtractedOrder

SOURCES = ("edi",)


def edi_extract(data: bytes) -> list[ExtractedOrder]:
    """The orders of an EDI file; a file with none gives one ExtractedOrder that is not an
    order (with the reason), so that it is seen, and rejected, like any other non-order."""
    try:
        orders = parse_edi(data)
    except NotAnOrder as not_order:
        return [
            ExtractedOrder(
                is_order=False,
                not_order_reason=not_order.reason,
                document_type=not_order.document_type,
            )
        ]
    return orders or [ExtractedOrder(is_order=False, not_order_reason="no order in the file")]


def edi_drafts_build(*, document) -> list:
    """One ``ingestion.drafting.DocumentDraft`` per order of the EDI document, nothing written."""
    from ingestion.drafting import DocumentDraft, _email_of, _message_context
    from ingestion.masterdata import masterdata_for
    from ingestion.matching import build_draft
    from ingestion.pipeline import document_bytes

    context = _message_context(document)
    view = masterdata_for(document.tenant)
    match_args = {
        "sender_email": _email_of(context["sender"]) or None,
        "fax_number": context["fax_number"] or None,
        "known_customer_code": view.customer_code(context["known_customer_id"]),
        "channel": context["channel"],
    }
    return [
        DocumentDraft(
            draft=build_draft(extracted, view.md, **match_args), view=view, sources=SOURCES
        )
        for extracted in edi_extract(document_bytes(document))
    ]
