"""The supplier's own addresses, learned from the orders it receives.

A purchase order prints the buyer's addresses and the supplier's (the address the order is sent
to, in a vendor block or in the envelope window). A postal code printed on the orders of several
different customers, and the postal code of a labelled vendor block, is the supplier's own: it
says nothing about where the goods go. Knowing it lets a document that prints no delivery
address keep the customer's only address as a sure ship-to (see
``ingestion.matching.draft._only_address_confirmed``).

The memory is a small map in ``Tenant.settings["printed_postal_codes"]``: postal code → the
customers (at most a few) whose orders printed it outside their own addresses.

Before any order has taught it, the supplier is known by name: the email domain of its staff
(``own_names``, the sales reps of the customer import included) names it, and a block of the
page headed by that name is its address
(``ingestion.extraction.confidence.postal_codes_under_our_name``).
"""

from __future__ import annotations

from django.db import transaction

from ingestion.extraction.addresses import SHORTEST_NAME, names_us, squash

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


# second-level labels of country domains ("fenlandcomponents.co.uk"): the name is before them
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "or", "ne", "ltd", "plc"}
_RESERVED_TOP = {"test", "invalid", "localhost", "local"}


def domain_name(domain: str) -> str:
    """The name a company's domain gives it: "alpenhof-hotelbedarf.ch" → "alpenhof-hotelbedarf",
    "fenlandcomponents.co.uk" → "fenlandcomponents"."""
    parts = [p for p in domain.lower().strip(".").split(".") if p]
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2:
        parts = parts[:-1]
    if len(parts) < 2 or parts[-1] in _RESERVED_TOP or parts[-2] == "example":
        return ""  # "example.com", "x.test": names no company
    return parts[-2]


def own_names(tenant) -> tuple[str, ...]:
    """The supplier's names as its staff's email domains give them (a sales rep's
    "r.caduff@alpenhof-hotelbedarf.ch"): a block of a page under that name is the supplier's
    own address. Public mail providers, and a domain a customer's name or domains also give
    (a demo's rep@contoso.example for the customer Contoso), name no one."""
    from customers.models import Customer, CustomerSender, SenderKind
    from ingestion.matching.customers import PUBLIC_MAIL_DOMAINS
    from tenants.models import Membership, UserKind

    tenant_id = tenant if isinstance(tenant, int) else tenant.pk
    emails = (
        Membership.objects.filter(tenant_id=tenant_id)
        .exclude(user__kind=UserKind.PORTAL)
        .values_list("user__email", flat=True)
    )
    domains = {e.rsplit("@", 1)[1].lower() for e in emails if "@" in e}
    names = {
        domain_name(d)
        for d in domains - PUBLIC_MAIL_DOMAINS
        if len(domain_name(d).replace("-", "")) >= SHORTEST_NAME
    }
    if not names:
        return ()
    theirs = {
        domain_name(v)
        for v in CustomerSender.objects.filter(
            tenant_id=tenant_id, kind=SenderKind.DOMAIN
        ).values_list("value", flat=True)
    }
    customer_names = [
        squash(n)
        for n in Customer.objects.filter(tenant_id=tenant_id).values_list("name", flat=True)
    ]
    return tuple(
        sorted(
            name
            for name in names
            if name not in theirs and not any(names_us(c, (name,)) for c in customer_names)
        )
    )
