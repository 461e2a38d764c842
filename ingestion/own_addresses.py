"""The supplier's own addresses, learned from the orders it receives.

A purchase order prints the buyer's addresses and the supplier's (the address the order is sent
to, in a vendor block or in the envelope window). A postal code printed on the orders of several
different customers, and the postal code of a labelled vendor block, is the supplier's own: it
says nothing about where the goods go. Knowing it lets a document that prints no delivery
address keep the customer's only address as a sure ship-to (see
``ingestion.matching.draft._only_address_confirmed``).

The memory is a small map in ``Tenant.settings["printed_postal_codes"]``: postal code → the
customers (at most a few) whose orders printed it outside their own addresses.
"""

from __future__ import annotations

from django.db import transaction

MEMORY_KEY = "printed_postal_codes"
VENDOR = "(vendor block)"
SEEN_BY = 2  # customers whose orders printed a postal code before it counts as ours
MAX_CODES = 300
MAX_CUSTOMERS = 4


def _norm(code: str | None) -> str:
    return "".join((code or "").split()).upper()


def own_postal_codes(tenant) -> frozenset[str]:
    """Postal codes known to be the supplier's own."""
    memory = ((getattr(tenant, "settings", None) or {}).get(MEMORY_KEY)) or {}
    if not isinstance(memory, dict):
        return frozenset()
    return frozenset(
        code
        for code, seen in memory.items()
        if isinstance(seen, list) and (VENDOR in seen or len(set(seen)) >= SEEN_BY)
    )


def remember_printed_postal_codes(
    tenant_id: int,
    *,
    customer_code: str,
    printed: tuple[str, ...],
    customer_postals: set[str],
    vendor_postal: str | None = None,
) -> None:
    """Note the postal codes an order of ``customer_code`` printed outside the customer's own
    addresses, and the postal code of its labelled vendor block."""
    from tenants.models import Tenant

    foreign = {_norm(p) for p in printed} - {_norm(p) for p in customer_postals} - {""}
    vendor = _norm(vendor_postal)
    if not foreign and not vendor:
        return
    with transaction.atomic():
        tenant = Tenant.objects.select_for_update().filter(pk=tenant_id).first()
        if tenant is None:
            return
        settings = dict(tenant.settings or {})
        memory = dict(settings.get(MEMORY_KEY) or {})
        changed = False
        for code in sorted(foreign):
            seen = list(memory.get(code) or [])
            if customer_code not in seen and len(seen) < MAX_CUSTOMERS:
                memory[code] = [*seen, customer_code]
                changed = True
        if vendor:
            seen = list(memory.get(vendor) or [])
            if VENDOR not in seen:
                memory[vendor] = [*seen[: MAX_CUSTOMERS - 1], VENDOR]
                changed = True
        if not changed:
            return
        if len(memory) > MAX_CODES:  # keep the codes seen most widely
            ranked = sorted(memory.items(), key=lambda kv: (VENDOR in kv[1], len(kv[1])))
            memory = dict(ranked[-MAX_CODES:])
        settings[MEMORY_KEY] = memory
        tenant.settings = settings
        tenant.save(update_fields=["settings"])
