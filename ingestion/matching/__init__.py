"""Matching an extracted order against a tenant's master data.

- :class:`MasterData` — frozen snapshot (customers, products, aliases, prices, layout hints)
- :func:`match_customer` → :class:`CustomerMatch`
- :func:`match_product` → :class:`ProductMatch`
- :func:`build_draft` → :class:`Draft` (customer + products + defaults + issues, in one call)
"""

from ingestion.matching.customers import CustomerMatch, match_customer
from ingestion.matching.draft import Draft, DraftLine, build_draft
from ingestion.matching.masterdata import AddressRecord, CustomerRecord, MasterData, ProductRecord
from ingestion.matching.products import ProductMatch, match_product

__all__ = [
    "AddressRecord",
    "CustomerMatch",
    "CustomerRecord",
    "Draft",
    "DraftLine",
    "MasterData",
    "ProductMatch",
    "ProductRecord",
    "build_draft",
    "match_customer",
    "match_product",
]
