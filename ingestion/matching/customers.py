"""Which customer sent this order?

Evidence, strongest first: a known sender (portal upload), the sender's address or domain,
our customer number printed on the document, a VAT id, a phone/fax number, then the name and
address of the buyer / bill-to / ship-to / letterhead blocks. The vendor block (the supplier,
i.e. us) is never used. Evidence adds up per customer; when two customers come close, the
confidence drops instead of a guess being passed off as certain.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ingestion.extraction.model import Address, ExtractedOrder
from ingestion.matching.masterdata import MasterData, norm_code, norm_phone, norm_vat
from ingestion.matching.text import name_similarity, norm_name

PUBLIC_MAIL_DOMAINS = {
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.fr",
    "hotmail.com",
    "hotmail.fr",
    "outlook.com",
    "outlook.fr",
    "live.com",
    "live.fr",
    "msn.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "t-online.de",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "sfr.fr",
    "laposte.net",
    "protonmail.com",
}


@dataclass(frozen=True)
class CustomerMatch:
    code: str | None
    confidence: float
    candidates: tuple[tuple[str, float], ...] = ()  # (code, evidence score), best first
    rule: str = ""
    evidence: dict[str, list[str]] = field(default_factory=dict)  # code → reasons

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "confidence": round(self.confidence, 4),
            "candidates": [[c, round(s, 3)] for c, s in self.candidates],
            "rule": self.rule,
        }


def _domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].lower().strip(" >.")


def _domain_codes(md: MasterData, domain: str) -> list[str]:
    index = md.index.customer_by_domain
    if domain in index:
        return index[domain]
    # subdomains: orders.acme.com belongs to acme.com
    parts = domain.split(".")
    for k in range(1, len(parts) - 1):
        parent = ".".join(parts[k:])
        if parent in index:
            return index[parent]
    return []


def _names_in_text(extracted: ExtractedOrder, md: MasterData, add) -> None:
    """A customer's name written anywhere at the top of the page ("De: Fabrice, Garage Central
    Namur SPRL", a scanned letterhead no address block was read from): weaker evidence than a
    block, found only when the blocks said little."""
    names = md.index.customer_names
    if not names or not extracted.header_lines:
        return
    for text in extracted.header_lines:
        query = norm_name(text)
        if len(query) < 8:
            continue
        for _match, score, idx in process.extract(
            query, names, scorer=fuzz.partial_ratio, limit=3, score_cutoff=90
        ):
            name = names[idx]
            if len(name) < 8 or len(name) > len(query) + 2:
                continue
            code = md.index.customer_name_codes[idx]
            add(code, 2.5 if score >= 97 else 1.5, "name_in_text", once_key="name_in_text")


# a street's kind as people shorten it: "112 bd Gambetta", "av. de la Gare", "Bahnhofstr. 4"
_STREET_KINDS = {
    "bd": "boulevard",
    "bld": "boulevard",
    "boul": "boulevard",
    "av": "avenue",
    "ave": "avenue",
    "rte": "route",
    "chem": "chemin",
    "imp": "impasse",
    "pl": "place",
    "rd": "road",
}


def _street_words(text: str) -> str:
    text = re.sub(r"(?<=[a-z])str\b", "strasse", text)  # "Bahnhofstr 4"
    return " ".join(_STREET_KINDS.get(w, w) for w in text.split())


def _streets_in_text(extracted: ExtractedOrder, md: MasterData, add) -> None:
    """One of the customer's own addresses written out in a sentence, street and town ("A
    livrer à l'atelier, rue du Simplon 30 à Vevey" from a private address signed "Perrin –
    Vevey"): the place says which of two customers of the same name wrote."""
    texts = [f" {_street_words(norm_name(t))} " for t in extracted.header_lines]
    if not texts:
        return
    for record in md.customers:
        for a in record.addresses:
            street, city = _street_words(norm_name(a.street or "")), norm_name(a.city or "")
            if len(street) < 8 or not re.search(r"\d", street) or len(city) < 3:
                continue
            if any(f" {street} " in t and f" {city} " in t for t in texts):
                add(record.code, 1.2, "street_in_text")
                break


def match_customer(
    extracted: ExtractedOrder,
    md: MasterData,
    *,
    sender_email: str | None = None,
    fax_number: str | None = None,
    known_customer_code: str | None = None,
) -> CustomerMatch:
    """Match the order to a customer of the master data (see module docstring)."""
    if known_customer_code:
        customer = md.customer(known_customer_code)
        if customer is not None:
            return CustomerMatch(customer.code, 0.99, ((customer.code, 10.0),), "known_customer")
    scores: dict[str, float] = defaultdict(float)
    reasons: dict[str, list[str]] = defaultdict(list)
    street_and_postal: set[str] = set()  # customers whose street and postal code were read

    def add(code: str, points: float, reason: str, *, once_key: str | None = None) -> None:
        key = once_key or reason
        if any(r.startswith(key) for r in reasons[code]):
            return
        scores[code] += points
        reasons[code].append(reason)

    sender = sender_email or (extracted.sender.value if extracted.sender else None)
    if sender:
        sender = sender.lower().strip()
        if sender in md.index.customer_by_sender:
            add(md.index.customer_by_sender[sender], 6.0, "sender_address")
        domain = _domain(sender)
        codes = _domain_codes(md, domain)
        for code in codes:
            points = 5.0 if domain not in PUBLIC_MAIL_DOMAINS else 2.5
            add(code, points / max(1, len(codes)) ** 0.5, "sender_domain")
    for email in extracted.emails:
        codes = _domain_codes(md, _domain(email))
        for code in codes:
            add(code, 3.0 / max(1, len(codes)) ** 0.5, "document_email_domain")
    if extracted.customer_number is not None:
        printed = norm_code(str(extracted.customer_number.value))
        for customer in md.customers:
            if norm_code(customer.code) == printed:
                add(
                    customer.code,
                    4.5 * max(0.6, extracted.customer_number.confidence),
                    "customer_number",
                )
    if extracted.vat_numbers is not None:
        for vat in extracted.vat_numbers.value:
            code = md.index.customer_by_vat.get(norm_vat(vat))
            if code:
                add(code, 4.5, "vat_number")
    phones = list(extracted.phones)
    if fax_number:
        phones.insert(0, fax_number)
    for phone in phones:
        codes = md.index.customer_by_phone.get(norm_phone(phone), [])
        for code in codes:
            add(code, 3.0 if phone == fax_number else 2.0, "phone")
    # names and addresses of the buyer's blocks
    blocks: list[tuple[str, Address, float]] = []
    for name, weight in (("buyer", 1.0), ("bill_to", 1.0), ("ship_to", 0.8)):
        f = getattr(extracted, name)
        if f is not None and isinstance(f.value, Address):
            blocks.append((name, f.value, weight))
    names = md.index.customer_names
    for block_name, address, weight in blocks:
        texts = [address.name] if address.name else []
        texts += [t for t in address.lines[:3] if t and t != address.name]
        for text in texts:
            query = norm_name(text.split(" - ")[0]) if " - " in text else norm_name(text)
            if len(query) < 3:
                continue
            for _match, score, idx in process.extract(
                query, names, scorer=name_similarity, limit=5, score_cutoff=78
            ):
                code = md.index.customer_name_codes[idx]
                points = (3.5 if score >= 95 else 2.5 if score >= 88 else 1.5) * weight
                add(code, points, f"name:{block_name}", once_key=f"name:{block_name}")
        if address.postal_code:
            postal = re.sub(r"\s", "", address.postal_code).upper()
            for code in md.index.customer_by_postal.get(postal, []):
                customer = md.customer(code)
                street_ok = False
                if customer and address.street:
                    street_ok = any(
                        name_similarity(norm_name(a.street), norm_name(address.street)) >= 80
                        for a in customer.addresses
                        if a.street
                    )
                if customer and not street_ok:
                    # "Bahnhofstraße 5 66111 Saarbrücken" on one line of a letterhead, the
                    # block read from its postal code on: the street before it on that line
                    street_ok = any(
                        fuzz.partial_ratio(norm_name(a.street), norm_name(text)) >= 90
                        for a in customer.addresses
                        if len(a.street or "") >= 6
                        for text in extracted.header_lines
                        if postal in re.sub(r"\s", "", text).upper()
                    )
                add(
                    code,
                    (1.5 if street_ok else 0.6) * weight,
                    f"address:{block_name}",
                    once_key=f"address:{block_name}",
                )
                if street_ok:
                    street_and_postal.add(code)
    if max(scores.values(), default=0.0) < 4.0:
        _names_in_text(extracted, md, add)
        _streets_in_text(extracted, md, add)
        # a scanned letterhead whose name was read as text, not as its block's, over the
        # customer's own street and postal code: the two agree on who sent it
        for code in street_and_postal:
            if "name_in_text" in reasons.get(code, []):
                add(code, 0.6, "name_and_street", once_key="name_and_street")
    if not scores:
        return CustomerMatch(None, 0.0, (), "no_evidence")
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best_code, best = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    base = 1 - math.exp(-best / 1.6)
    margin = min(1.0, (best - runner) / 2.5)
    confidence = base * (0.45 + 0.55 * margin)
    return CustomerMatch(
        code=best_code,
        confidence=round(min(0.99, confidence), 4),
        candidates=tuple((c, round(s, 3)) for c, s in ranked[:5]),
        rule="+".join(reasons[best_code]),
        evidence={c: reasons[c] for c, _ in ranked[:5]},
    )
