"""One call from an extracted order to a matched draft: customer, products, defaults, issues.

:func:`build_draft` is what the pipeline needs after extraction. It applies the conventions of
our contracts: ``total`` is the net goods total; a currency the document does not state is the
customer's; a document without a ship-to block ships to the letterhead address, and an email
without any address to the customer's main address. Every default lowers the confidence of
the field it fills, and every disagreement with master data becomes an issue.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ingestion.extraction.confidence import MONTH_FIRST, customer_locale_decides
from ingestion.extraction.dates import find_dates
from ingestion.extraction.geometry import fold
from ingestion.extraction.model import Address, ExtractedOrder, Field
from ingestion.extraction.prose_dates import ASAP
from ingestion.extraction.units import normalise_unit, unit_code
from ingestion.matching.customers import CustomerMatch, match_customer
from ingestion.matching.masterdata import (
    FOREIGN_PRICE_BAND,
    NEAR_CURRENCIES,
    MasterData,
    common_share,
    norm_code,
    price_close,
)
from ingestion.matching.products import ProductMatch, match_product

AUTO_APPROVE_THRESHOLD = 0.9


@dataclass(frozen=True)
class DraftLine:
    index: int
    sku: str | None
    customer_sku: str | None
    description: str
    quantity: Decimal | None
    unit: str | None
    unit_price: Decimal | None
    line_total: Decimal | None
    requested_date: object
    confidence: float
    match: ProductMatch

    def to_json(self) -> dict:
        def dec(v):
            return None if v is None else format(v.normalize() if v == v.to_integral() else v, "f")

        return {
            "sku": self.sku,
            "customer_sku": self.customer_sku,
            "description": self.description,
            "quantity": dec(self.quantity),
            "unit": self.unit,
            "unit_price": dec(self.unit_price),
            "line_total": dec(self.line_total),
        }


@dataclass(frozen=True)
class Draft:
    extracted: ExtractedOrder
    customer: CustomerMatch
    lines: tuple[DraftLine, ...]
    currency: Field | None
    ship_to: Field | None
    issues: tuple[dict, ...] = ()
    confidence: dict[str, float] = field(default_factory=dict)

    @property
    def touchless(self) -> bool:
        """Safe to approve without a human: an order, every field and line confident, no issue."""
        if not self.extracted.is_order or not self.lines:
            return False
        if any(issue.get("severity", "error") == "error" for issue in self.issues):
            return False
        return all(v >= AUTO_APPROVE_THRESHOLD for v in self.confidence.values())

    def to_json(self) -> dict:
        e = self.extracted
        ship = self.ship_to.value if self.ship_to else None

        def val(f):
            if f is None:
                return None
            v = f.value
            if isinstance(v, Decimal):
                return format(v.normalize() if v == v.to_integral() else v, "f")
            if hasattr(v, "isoformat"):
                return v.isoformat()
            return v

        return {
            "customer_code": self.customer.code,
            "po_number": val(e.po_number),
            "order_date": val(e.order_date),
            "requested_delivery_date": val(e.requested_delivery_date),
            # an unpriced order's currency is not stated: null, as CONTRACTS has it
            "currency": None
            if self.currency is not None and self.currency.rule == UNSTATED_CURRENCY
            else val(self.currency),
            "ship_to": None
            if ship is None
            else {
                k: getattr(ship, k) for k in ("name", "street", "postal_code", "city", "country")
            },
            "lines": [line.to_json() for line in self.lines],
            "total": val(e.total),
            "grand_total": val(e.grand_total),
            "issues": list(self.issues),
            "confidence": {k: round(v, 4) for k, v in self.confidence.items()},
        }


def _issue(code: str, field_name: str, message: str, severity: str = "error") -> dict:
    """An issue in the contract's format; ``severity`` "error" blocks auto-approval."""
    return {"code": code, "field": field_name, "message": message, "severity": severity}


ONLY_ADDRESS = 0.9


def _postal(code: str | None) -> str:
    return "".join((code or "").split()).upper()


_USUAL = re.compile(
    r"usual|as\s+always|same\s+as|habituel|habitude|idem|m[eê]me\s+adresse|[uü]blich|wie\s+immer|bekannt"
    # "à notre adresse ci-dessus", "our address above", "an unsere obige Adresse"
    r"|ci-dessus|address\s+above|above\s+address|(?:our|notre|unsere)\s+(?:main\s+)?ad(?:d)?ress"
    # "Deliver to main address", "adresse principale", "Hauptadresse"
    r"|^(?:(?:to|at|a|an|the|l')\s*)*main\s+(?:delivery\s+)?address|adresse\s+principale"
    r"|haupt(?:adresse|anschrift)|stammadresse"
    r"|obige|adresse\s+oben|see\s+above|voir\s+ci"
)


_HEAD_OFFICE = re.compile(
    r"\b(?:hauptstelle|hauptsitz|zentrale|siege(?:\s+social)?|head\s+office|headquarters"
    r"|main\s+(?:office|branch|site))\b"
)


_STREET_SHORT = {
    "st": "street",
    "rd": "road",
    "ave": "avenue",
    "av": "avenue",
    "ln": "lane",
    "str": "strasse",
    "bd": "boulevard",
    "bld": "boulevard",
    "bvd": "boulevard",
}


def _street_words(text: str) -> str:
    """A street's words with their usual short forms written out ("Oldham St", "Hauptstr")."""
    words = [_STREET_SHORT.get(w, w) for w in text.split(" ")]
    return re.sub(r"(?<=[a-z])str\b", "strasse", " ".join(words))


def _points_at_the_usual_address(found: Field, customer: CustomerMatch, md: MasterData) -> bool:
    """A delivery label followed by no address but words ("Usual delivery address (Leeds)",
    "livraison à l'adresse habituelle", "Lieferung wie immer"): the customer's own address."""
    if found.value.postal_code or not customer.code:
        return False
    text = fold(" ".join(t for t in found.value.lines if t))
    if _USUAL.search(text):
        return True
    record = md.customer(customer.code)
    cities = {fold(a.city) for a in (record.addresses if record else ()) if a.city}
    words = [
        w
        for w in re.sub(r"[^a-z0-9 -]+", " ", _HEAD_OFFICE.sub(" ", text)).split()
        if re.search(r"[a-z0-9]", w)  # ("Head Office - Harrogate": no dash alone)
    ]
    if bool(words) and len(words) <= 4 and " ".join(words) in cities:
        return True  # "(Leeds)", "Hauptstelle Langenthal": its own town, its head office
    # "à la réception (Rue du Village 45)": the customer's own street, written out (or short:
    # "45 Oldham St" of "45 Oldham Street")
    said = _street_words(f" {' '.join(re.sub(r'[^a-z0-9]+', ' ', text).split())} ")
    for a in record.addresses if record else ():
        street = _street_words(" ".join(re.sub(r"[^a-z0-9]+", " ", fold(a.street or "")).split()))
        if len(street) >= 6 and re.search(r"\d", street) and f" {street} " in said:
            return True
        # "Delivery to Rotterdam (Schiedamse Vest) this time": its town and its street's name
        name = " ".join(w for w in street.split() if not re.search(r"\d", w))
        city = " ".join(re.sub(r"[^a-z0-9]+", " ", fold(a.city or "")).split())
        if len(name) >= 6 and len(city) >= 3 and f" {name} " in said and f" {city} " in said:
            return True
        # "Lieferung an Landsberger Straße (Haupthalle)": its street's name alone, no other
        # town or postcode said
        if len(name) >= 10 and said.startswith(f" {name} ") and not re.search(r"\d", text):
            return True
    # "our Hillington address", "unsere Werkstatt Bern": the customer's own place, by a word
    # of one of its addresses
    # (the sentence that says it: "our warehouse in Meran. Please send the confirmation …")
    sentence = re.split(r"[.!?](?:\s|$)", text)[0]
    m = _OURS.match(" ".join(re.sub(r"[^a-z0-9 -]+", " ", sentence).split()))
    if m is None or record is None:
        return False
    named = [w for w in m["rest"].split() if w not in _PREMISES_WORDS and len(w) >= 3]
    named = [w for w in named if w not in ("the", "des", "der", "die", "das", "von")]
    own_words = {
        w
        for a in record.addresses
        for w in re.sub(r"[^a-z0-9 -]+", " ", fold(f"{a.street} {a.city}")).split()
        if len(w) >= 3
    }
    return 1 <= len(named) <= 2 and all(w in own_words for w in named)


_OURS = re.compile(r"^(?:(?:to|at|a|an|in)\s+)?(?:our|notre|nos|unsere[mnr]?)\s+(?P<rest>.+)$")
_PREMISES_WORDS = frozenset(
    "address adresse adresse premises locaux office bureau workshop atelier werkstatt lager "
    "shop store magasin laden usual habituelle main principale site goods door gate dock "
    "bay entrance reception ramp rampe tor porte warenannahme annahme salon warehouse entrepot "
    "depot hangar boutique geschaft".split()
)


# a street written out: a number beside a street's word ("45 rue de la Villette",
# "Robert-Funari-Straße 16", "88 Advance Road")
_STREET = re.compile(
    r"\d+\s*,?\s*(?:bis\s+|ter\s+)?(?:rue|avenue|av\.?|bd|boulevard|chemin|route|allee|place|quai|impasse"
    r"|street|st\.?|road|rd\.?|lane|drive|way|close|court)\b"
    r"|(?:strasse|str\.|gasse|weg|platz|allee|ring|damm|ufer|chaussee|steig)\s*\d"
    r"|\b(?:rue|avenue|route|chemin|via|calle)\s+\w+.*\d"
)


# what a delivery label points at on the customer's own premises, or when: a desk, a floor,
# the practice, the workshop, a day or an hour ("a depot", "the site" name another place)
_OWN_PREMISES = re.compile(
    r"\b(?:reception|accueil|empfang|anmeldung|floor|etage|stock(?:werk)?|og|eg"
    r"|praxis(?:adresse)?|firmenadresse|firmensitz|unsere\s+adresse|our\s+office|the\s+office"
    r"|geschafts(?:adresse|anschrift)|firmenanschrift|business\s+address|company\s+address"
    r"|bureau|atelier|werkstatt|workshop|goods\s+in|loading\s+bay"
    # the shop's back yard, the lift the lorry needs: how, at the customer's own place
    r"|ladengeschaft|ladenlokal|hinterhof|innenhof|back\s+door|rear\s+entrance"
    r"|tail[\s-]?lift|hebebuhne|hayon"
    # a department of the customer's: "Lieferung an den Fachbereich Chemie"
    r"|fachbereich|abteilung|lehrstuhl|department"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|mo\s*[-–]\s*fr"
    r"|\d{1,2}\s?h(?:\d{2})?|\d{1,2}[:.]\d{2}\s*(?:uhr|am|pm|h))\b"
)
_ANOTHER_PLACE = re.compile(
    r"\b(?:depot|entrepot|warehouse|lager|site|chantier|baustelle|branch|succursale|filiale"
    r"|agence|store|shop|magasin|usine|plant|werk|niederlassung|haus|halle|hall|building|batiment"
    r"|gebaude)\b"
)


# premises named after a place: "Atelier Erpent", "l'atelier d'Erpent", "Werkstatt Hinterhof"
_NAMED_PREMISES = re.compile(
    r"(?i:\b(?:atelier|werkstatt|workshop|bureau|office|praxis|accueil|reception|empfang))"
    r"\s+(?:(?i:de|du|des|von|in|at|of)\s+|(?i:d)['’]\s*)?[A-ZÀ-Ý][\w'’-]{2,}"
)


# a delivery label's value that says when only: a date, a week
_WHEN_ONLY = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b(?:kw|cw|wk|week|semaine|woche)\s*\d{1,2}(?:\s*/\s*\d{2,4})?\b"
    # "semaine 10 (2027)", "KW 5, 2027": the week's year
    r"(?:\s*[(,]?\s*(?:19|20)\d{2}\b\)?)?|\(\s*(?:19|20)\d{2}\s*\)"
)


# words about a time that say no more than it: "ASAP please", "per sofort", "bitte umgehend",
# "Thu … in the morning", "vendredi matin"
_FILLER = re.compile(
    r"\b(?:please|pls|bitte|svp|merci|per|ab|des|souhaitee?s?|prevue?s?|demandee?s?|gewunscht"
    r"|desired|requested|wanted|required|in\s+the|morning|afternoon|matin|apres-midi"
    r"|vormittags?|nachmittags?|mon|tue|tues|wed|thu|thur|thurs|fri|sat"
    # "w/c 12/01/2026": the week it commences
    r"|w/c|week\s+commencing|semaine\s+du|woche\s+vom)(?!\w)"
)


def _without_dates(text: str) -> str:
    """The text with every date it prints taken out ("Dec 14 2026", "26-11-2026", "KW 51")."""
    for found in reversed(find_dates(text, allow_partial=True, default_year=2000)):
        text = text[: found.start] + text[found.end :]
    return _WHEN_ONLY.sub("", text)


def _delivery_read_as_the_order_date(
    extracted: ExtractedOrder,
    decided: Field | None,
    *,
    month_first: bool = True,
    same_order: bool = False,
) -> ExtractedOrder:
    """An order date the customer's country read day first (or month first), and a delivery
    date written the same way that only this reading puts within weeks after it ("Date
    03/12/2026", "Required 08/12/2026" from Leeds: the 8th of December, not the 12th of
    August, before the order): the delivery date is as sure as the order's."""
    delivery = extracted.requested_delivery_date
    if (
        decided is None
        or decided.value is None
        or not decided.rule.endswith("+customer_locale")
        or delivery is None
        or delivery.value is None
        or not 0.45 <= delivery.confidence < decided.confidence
        or delivery.value.day > 12
        or delivery.value.day == delivery.value.month
    ):
        return extracted
    swapped = dt.date(delivery.value.year, delivery.value.day, delivery.value.month)
    soon = dt.timedelta(days=120)
    if not dt.timedelta(0) <= delivery.value - decided.value <= soon:
        return extracted
    if dt.timedelta(0) <= swapped - decided.value <= soon and (month_first or not same_order):
        # both readings fall within weeks after the order; a customer of a country that
        # writes the day first, whose order date was read so, wrote the delivery date so too
        # ("Date 11/12/2026", "Livraison 04/01/2027" from Annecy: the 4th of January)
        return extracted
    return replace(
        extracted,
        requested_delivery_date=delivery.with_confidence(
            round(decided.confidence * 0.95, 4), "+as_the_order_date"
        ),
    )


def _written_alike(order_date: Field | None, delivery: Field | None) -> bool:
    """Both dates printed as numbers in the same order: "11/12/2026" and "04/01/2027"."""
    if order_date is None or delivery is None:
        return False
    return bool(
        re.search(r"\+(?:dmy|mdy)", order_date.rule)
        and re.search(r"label|table_column", delivery.rule)
        and not re.search(r"prose|week|named", delivery.rule)
    )


def _names_no_place(found: Field) -> bool:
    """A delivery label followed by words that name no other place: a floor, a desk, a time
    ("Please deliver to reception, 2nd floor", "Lieferung an Praxisadresse, Mo–Fr",
    "Livraison : vendredi avant 7h"). The goods go to the customer's own address, if the page
    prints no other (``_only_address_confirmed`` checks)."""
    address = found.value
    if address.postal_code or address.city:
        return False  # a place
    first = fold(next((t for t in address.lines if t), ""))
    if found.rule.endswith("+ocr"):
        # a scan may have lost its postal code, unless what it read is a day and no more
        # ("Delivery | w/c 06/01/2025")
        return (
            len([t for t in address.lines if t]) == 1
            and _without_dates(first) != first
            and not _FILLER.sub("", _without_dates(first)).strip(" .,:;-/()!")
        )
    when_only = bool(first) and not _FILLER.sub("", _without_dates(ASAP.sub("", first))).strip(
        " .,:;-/()!"
    )
    if (
        address.street
        and (_STREET.search(fold(address.street)) or not _OWN_PREMISES.search(fold(address.street)))
        # "Delivery: week 13" over "Payment: 90 days end of month": another label's row read
        # as the street of a when
        and not (when_only and re.match(r"[^\d:]{2,30}:", address.street))
    ):
        return False  # a street ("Mo–Fr 8–16 Uhr" read as one is a time)
    printed = " ".join(t for t in address.lines if t)
    if _NAMED_PREMISES.search(printed):
        return False  # "22/12/2026 - Atelier Erpent": the workshop of another town
    text = fold(printed)
    if text and not _without_dates(text).strip(" .,:;-/()"):
        return True  # "Livraison | 17/12/2026", "Delivery | Dec 14 2026": when, not where
    if when_only and not _ANOTHER_PLACE.search(text):
        return True  # "Delivery | ASAP please" over the contact's row: when, not where
    if (
        not address.street
        and _without_dates(first) != first
        and not _ANOTHER_PLACE.search(text)
        and not _STREET.search(text)
    ):
        # "Delivery: w/c 27/01/2025 - route setting week, please do not deliver earlier": a
        # day and why, no place
        return True
    return (
        bool(_OWN_PREMISES.search(text))
        and not _ANOTHER_PLACE.search(text)
        and not _STREET.search(text)
    )


def _a_postcode_of_theirs(found: Field, customer: CustomerMatch, md: MasterData) -> bool:
    """Whether the address's postcode is one of the customer's known addresses'."""
    record = md.customer(customer.code) if customer.code else None
    return _postal(found.value.postal_code) in {
        _postal(a.postal_code) for a in (record.addresses if record else ())
    }


def _letterhead_of_someone_else(
    extracted: ExtractedOrder,
    customer: CustomerMatch,
    md: MasterData,
    own_postal_codes: frozenset[str],
) -> bool:
    """A page's letterhead read as none of the customer's addresses, while the customer's own
    postcode is printed elsewhere on the page (or the one read is the supplier's): a scan's
    reader merged the address window (our own address) into the sender's block, or a letter
    printed its sender on one line ("14 rue de la République – 69002 Lyon – 04 78 …") and the
    block read as the letterhead is the one it is addressed to, ours. (In an email, an address
    above the items with no readable label is more often where the goods go.)"""
    buyer = extracted.buyer
    if buyer is None or not buyer.value.postal_code or not customer.code:
        return False
    if not buyer.rule.endswith((":ocr", ":pdf")):
        return False
    record = md.customer(customer.code)
    known = {_postal(a.postal_code) for a in (record.addresses if record else ()) if a.postal_code}
    code = _postal(buyer.value.postal_code)
    if not known or code in known:
        return False
    printed = {_postal(p) for p in extracted.postal_codes}
    return bool(known & printed) or code in {_postal(p) for p in own_postal_codes}


# a block of the page's addressee (read as a possible ship-to): the supplier, most often
_ADDRESSEE_BLOCKS = frozenset({"block:destinataire", "block:empfanger"})


def _share_of_our_list(lines, matches, md: MasterData) -> Decimal | None:
    """The share of our list price at which an order priced in another currency prices most
    of the lines matched for sure (counted in our units, to the cent): the exchange rate it
    was priced at. None when the lines disagree, or when there is no such rate to find
    (prices in our list's currency)."""
    shares = []
    for line, pm in zip(lines, matches, strict=True):
        product = md.product(pm.sku) if pm.sku else None
        if (
            pm.confidence < AUTO_APPROVE_THRESHOLD
            or pm.expected_price is not None
            or product is None
            or not product.list_price
            or not line.unit_price
            or line.discount
            or pm.quantity_in_product_unit not in (None, line.quantity)
        ):
            continue
        shares.append((line.unit_price, product.list_price))
    share = common_share(shares)
    if share is None or abs(share - 1) <= Decimal("0.005"):
        return None
    return share


def _scanned(extracted: ExtractedOrder) -> bool:
    """Whether the header was read off a scan (its fields' rules say so)."""
    read = (extracted.buyer, extracted.po_number, extracted.order_date, extracted.total)
    return any(f is not None and "ocr" in (f.rule or "") for f in read)


def _only_address_confirmed(
    ship_to: Field,
    extracted: ExtractedOrder,
    customer: CustomerMatch,
    md: MasterData,
    *,
    own_postal_codes: frozenset[str] = frozenset(),
) -> Field:
    """A defaulted ship-to (letterhead, main address) is sure when the document prints no
    delivery address at all, the customer has exactly one address and it is this one, and no
    other postal code is printed outside the vendor block but the supplier's own. A scan may
    have lost the label of a delivery block: a letterhead read by OCR is confirmed this way
    only when the page's other postal code was read as the supplier's own, or the page prints
    no postal code but the letterhead's (a lost label leaves its address behind)."""
    if not customer.code or customer.confidence < AUTO_APPROVE_THRESHOLD:
        return ship_to
    printed = {_postal(p) for p in extracted.postal_codes}
    if ship_to.rule == "letterhead_as_ship_to" and (
        extracted.buyer is None
        # on a scan, only when the page's other address was read well enough to be known as
        # the supplier's own, or the page sends the goods to the buyer's own address ("Ship
        # to: same as billing", "Livraison à : Saint-Lô", the customer's own town)
        or (
            extracted.buyer.rule.endswith(":ocr")
            and not printed & set(own_postal_codes)
            and not extracted.delivers_to_billing
            and not (
                extracted.ship_to is not None
                and _points_at_the_usual_address(extracted.ship_to, customer, md)
            )
            # …or the page names no delivery place (or a day only) and prints no postal code
            # but the letterhead's (and ours): nothing a lost label could have left behind
            and not (
                (extracted.ship_to is None or _names_no_place(extracted.ship_to))
                and printed - set(own_postal_codes) <= {_postal(ship_to.value.postal_code)}
            )
        )
    ):
        return ship_to
    record = md.customer(customer.code)
    postals = {_postal(a.postal_code) for a in (record.addresses if record else ())}
    postals.discard("")
    code = _postal(ship_to.value.postal_code)
    if code not in postals:
        return ship_to
    if (
        len(postals) != 1
        and not (
            # the customer has other addresses (a warehouse learned from past orders), but the
            # page prints its own address and no other: the goods go there
            ship_to.rule == "letterhead_as_ship_to"
            # no delivery block, or one that points at this address ("à notre adresse ci-dessus")
            and (extracted.ship_to is None or not extracted.ship_to.value.postal_code)
            and not extracted.buyer.rule.endswith(":ocr")
            and printed - set(own_postal_codes) == {code}
        )
        and not (
            # …or the page (no scan, which may have lost a delivery block's label) says nothing
            # of where the goods go and prints no address: the customer's main address, as the
            # order desk would book it
            ship_to.rule == "customer_main_address"
            and (extracted.ship_to is None or not extracted.ship_to.value.postal_code)
            and not _scanned(extracted)
            and printed - set(own_postal_codes) <= {code}
        )
    ):
        return ship_to
    if not printed - set(own_postal_codes) <= postals:
        return ship_to
    if extracted.bill_to is not None and _postal(extracted.bill_to.value.postal_code) not in (
        postals | {""}
    ):
        return ship_to
    return ship_to.with_confidence(max(ship_to.confidence, ONLY_ADDRESS), "+only_address")


OTHER_DOLLARS = frozenset({"CAD", "AUD", "NZD", "HKD", "SGD"})


# the rule of a currency an unpriced order does not state: the one it is booked in
UNSTATED_CURRENCY = "customer_currency(unpriced)"


def _a_dollar_sign(currency: Field) -> bool:
    """A bare "$" printed (or scanned) and no currency code: dollars, but whose?"""
    marks = currency.rule.split(":")
    return marks[0] == "currency_marks" and "$" in marks and "mixed" not in marks


def _which_dollars(currency: Field, customer_currency: str, record, lines, md: MasterData) -> Field:
    """A "$" on the order of a customer priced in another dollar (a Canadian list): the
    customer's country says which. A Canadian customer's "$" is the list's Canadian dollar; a
    US customer's is its own, unless it prices every line as our list does to the cent (then
    the list's, for a person to confirm)."""
    scanned = ":ocr" in currency.rule
    country = md.country_currency(record.code) if record is not None else None
    if record is not None and not record.currency and country == "USD":
        ours = _currency_of_our_prices(lines, customer_currency)
        if ours is not None:
            return ours.with_confidence(min(ours.confidence, 0.75), "+dollar_sign")
        return currency.with_confidence(0.9, "+customer_country")
    # the customer's own dollar, or its country's and the list's
    sure = record is not None and (bool(record.currency) or country == customer_currency)
    confidence = (0.9 if scanned else 0.95) if sure else (0.75 if scanned else 0.8)
    return Field(value=customer_currency, confidence=confidence, rule="customer_currency($)")


OWN_PART_NUMBERS = 0.93
LIST_PRICES_CURRENCY = 0.9


def _currency_of_our_prices(lines, list_currency: str | None) -> Field | None:
    """An order that writes no currency and prices every line (two or more) as our list does,
    to the cent: our list's currency, whatever the customer's country pays in (a French
    garden centre ordering from a price list in pounds). Half of them or more: the same, for a
    person to confirm."""
    priced = [ln for ln in lines if ln.unit_price is not None and ln.sku]
    agree = [
        ln
        for ln in priced
        if ln.match.expected_price is not None
        and price_close(ln.unit_price, ln.match.expected_price)
    ]
    if not list_currency or not agree or len(agree) * 2 < len(priced):
        return None
    sure = len(agree) == len(priced) >= 2
    return Field(
        value=list_currency,
        confidence=LIST_PRICES_CURRENCY if sure else 0.75,
        rule="customer_currency(list_prices)",
    )


def _currency_of_converted_prices(
    lines, list_currency: str | None, country_currency: str | None
) -> Field | None:
    """An order that writes no currency and prices its lines at one same share of our list
    price, none of them ours, as an exchange rate would make them (two lines or more, and two
    thirds of them; the others discounted, or priced by the pack): the customer's country's
    currency (a German library's euros against a price list in francs), which the figures
    say better than a guess could."""
    priced = [ln for ln in lines if ln.unit_price is not None and ln.sku]
    if (
        len(priced) < 2
        or not country_currency
        or country_currency == list_currency
        or not {country_currency, list_currency} <= NEAR_CURRENCIES
        or any(not ln.match.expected_price for ln in priced)
        or any(price_close(ln.unit_price, ln.match.expected_price) for ln in priced)
    ):
        return None
    shares = [ln.unit_price / ln.match.expected_price for ln in priced]
    # (a price far from ours whatever the rate is for a pack: its line says nothing here)
    near = [s for s in shares if FOREIGN_PRICE_BAND[0] <= s <= FOREIGN_PRICE_BAND[1]]
    rate = [share for share in near if share * Decimal("1.03") >= max(near, default=0)]
    if len(rate) < 2 or 3 * len(rate) < 2 * len(near) or 2 * len(near) < len(shares):
        return None
    return Field(value=country_currency, confidence=0.9, rule="customer_currency(converted)")


def _confirmed_by_its_part_numbers(customer: CustomerMatch, lines, md: MasterData) -> CustomerMatch:
    """A customer found with some doubt (its name in the text of a scan) whose own part
    numbers the lines print, most of them and at least two: no other customer writes those."""
    if not customer.code or customer.confidence >= OWN_PART_NUMBERS or customer.confidence < 0.6:
        return customer
    code = customer.code.upper()

    def prints_its_part_number(line) -> bool:
        words = [
            line.customer_sku or "",
            line.sku or "",
            *line.codes,
            *(line.description or "").split(),
        ]
        return any(w and (code, norm_code(w)) in md.index.alias for w in words)

    own = sum(1 for line in lines if prints_its_part_number(line))
    if own < 2 or own * 2 < len(lines):
        return customer
    return replace(customer, confidence=OWN_PART_NUMBERS, rule=customer.rule + "+own_part_numbers")


# a sentence's count in front of a part number we know ("12 x REF MA-778", "please ship 10 EA
# of 4711"): as sure as a table's, when the part number names the product and the count is in
# its unit (a count of cartons of a product sold by the ream stays for a person)
FREE_TEXT_COUNTED = 0.88


def _counted_by_its_code(line, pm, md: MasterData):
    # a count the sentence itself doubts (corrected, "same as last week", cancel words) is
    # below 0.8 already and stays so
    if (
        not line.rule.startswith("free_text")
        or line.confidence < 0.8
        or pm.sku is None
        or pm.confidence < 0.9
        or not any(r.startswith(("sku:", "alias:", "gtin:")) for r in pm.rule.split("+"))
        or line.quantity is None
        or line.quantity != line.quantity.to_integral()
        or pm.quantity_in_product_unit != line.quantity
    ):
        return line
    product = md.product(pm.sku)
    ours = unit_code(product.unit) if product else None
    if line.unit and normalise_unit(line.unit) not in (None, ours):
        return line
    confidence = max(line.confidence, FREE_TEXT_COUNTED)
    return replace(
        line,
        confidence=confidence,
        field_confidence={**line.field_confidence, "quantity": confidence},
        rule=line.rule + "+code_counted",
    )


# a line priced at our own price to the cent, whose count the row's amount or an exact cell
# gives: its numbers are read as printed
PRICED_AS_OURS = 0.9


def with_lines_priced_as_ours(draft: Draft, *, exact_cells: bool = False) -> Draft:
    """Lines whose unit price is the product's own to the cent (the customer's or our list
    price), in the unit we sell it, the product sure: their count is sure when the row's amount
    is count × price ("10 Stk | 39,90 | 399,00" off a fax, the arithmetic held), or when the
    row is a spreadsheet's cells, which hold the numbers exactly ("MENGE 200 | NETPR 45,10").
    A scan's digits put back to make the row add up, or a count the row doubts, stay as they
    are (below 0.7)."""
    lines, read, changed = [], [], False
    for dl, el in zip(draft.lines, draft.extracted.lines, strict=True):
        pm = dl.match
        ours = unit_code(pm.unit) if pm.unit else None
        sure = (
            pm.sku is not None
            and pm.confidence >= 0.9
            and pm.expected_price is not None
            and el.unit_price is not None
            and el.quantity is not None
            and el.quantity > 0
            and abs(el.unit_price / (el.price_unit or 1) - pm.expected_price) <= Decimal("0.005")
            and pm.quantity_in_product_unit in (None, el.quantity)
            and (el.unit is None or normalise_unit(el.unit) in (None, ours))
            and 0.7 <= el.confidence < PRICED_AS_OURS
            and (
                "arithmetic" in el.rule
                or (exact_cells and el.rule == "table_row" and el.line_total is None)
            )
        )
        if not sure:
            lines.append(dl)
            read.append(el)
            continue
        changed = True
        el = replace(
            el,
            confidence=PRICED_AS_OURS,
            field_confidence={
                **el.field_confidence,
                "quantity": max(el.field_confidence.get("quantity", 0.0), PRICED_AS_OURS),
                "unit_price": max(el.field_confidence.get("unit_price", 0.0), PRICED_AS_OURS),
            },
            rule=el.rule + "+priced_as_ours",
        )
        read.append(el)
        lines.append(replace(dl, confidence=min(PRICED_AS_OURS, pm.confidence)))
    if not changed:
        return draft
    return replace(
        draft,
        extracted=replace(draft.extracted, lines=tuple(read)),
        lines=tuple(lines),
        confidence={
            **draft.confidence,
            "lines": min((ln.confidence for ln in lines), default=0.0),
        },
    )


def build_draft(
    extracted: ExtractedOrder,
    md: MasterData,
    *,
    sender_email: str | None = None,
    fax_number: str | None = None,
    known_customer_code: str | None = None,
    channel: str = "upload",
    own_postal_codes: frozenset[str] = frozenset(),
) -> Draft:
    """Match an extraction to the master data. ``own_postal_codes`` are the supplier's own
    (``ingestion.own_addresses``): printed on an order, they say nothing about its ship-to."""
    customer = match_customer(
        extracted,
        md,
        sender_email=sender_email,
        fax_number=fax_number,
        known_customer_code=known_customer_code,
    )
    issues: list[dict] = []
    if extracted.own_postal_codes:
        # a block under our own name: our address, unless it is the customer's (a customer
        # whose name we share a word with)
        record = md.customer(customer.code) if customer.code else None
        theirs = {_postal(a.postal_code) for a in (record.addresses if record else ())}
        own_postal_codes = frozenset(own_postal_codes) | {
            _postal(c) for c in extracted.own_postal_codes if _postal(c) not in theirs
        }
    if customer.code and customer.confidence >= AUTO_APPROVE_THRESHOLD:
        # an ambiguous 03/04/2026 read in the order of the customer's country
        record = md.customer(customer.code)
        country = record.country if record else None
        decided = (
            customer_locale_decides(extracted.order_date, country, extracted.language)
            if extracted.order_date
            else None
        )
        if decided is not extracted.order_date:
            extracted = replace(extracted, order_date=decided)
        delivery = extracted.requested_delivery_date
        month_first = (country or "").upper() in MONTH_FIRST
        if (
            decided is not None
            and decided.value is not None
            and delivery is not None
            and delivery.value is not None
            and delivery.confidence < 0.7
            and delivery.value.day <= 12
            and delivery.value.day != delivery.value.month
            and (
                decided.rule.endswith("+customer_locale_swapped")
                # read day first, it falls before the order: a US customer wrote it month first
                or (month_first and delivery.value < decided.value)
            )
        ):
            # the delivery date was written the same way as the order date
            swapped = dt.date(delivery.value.year, delivery.value.day, delivery.value.month)
            if decided.value <= swapped <= decided.value + dt.timedelta(days=366):
                extracted = replace(
                    extracted,
                    requested_delivery_date=Field(
                        value=swapped,
                        confidence=decided.confidence,
                        source=delivery.source,
                        rule=delivery.rule + "+customer_locale_swapped",
                    ),
                )
        extracted = _delivery_read_as_the_order_date(
            extracted,
            decided,
            month_first=month_first,
            same_order=_written_alike(extracted.order_date, extracted.requested_delivery_date),
        )
    lines = []
    read_lines = []
    # the currency the document prints, when it says which ("$" alone does not)
    printed_currency = (
        extracted.currency.value
        if extracted.currency is not None and not _a_dollar_sign(extracted.currency)
        else None
    )
    matches = [
        match_product(line, customer.code, md, currency=printed_currency)
        for line in extracted.lines
    ]
    share = _share_of_our_list(extracted.lines, matches, md)
    if share is not None:
        # prices in another currency than our list's, every sure line at one share of ours:
        # our prices at that share say which product, and in which unit, as our own would
        matches = [
            match_product(line, customer.code, md, currency=printed_currency, price_share=share)
            for line in extracted.lines
        ]
    for i, (line, pm) in enumerate(zip(extracted.lines, matches, strict=True)):
        line = _counted_by_its_code(line, pm, md)
        read_lines.append(line)
        if pm.sku is None:
            issues.append(
                _issue(
                    "unknown_product",
                    f"lines[{i}].sku",
                    f"no product matches '{line.customer_sku or line.description[:40]}'",
                )
            )
        elif (
            line.unit_price is not None
            and pm.expected_price is not None
            and abs(line.unit_price - pm.expected_price)
            > max(Decimal("0.005"), pm.expected_price * Decimal("0.005"))
        ):
            deviation = abs(line.unit_price - pm.expected_price) / max(
                pm.expected_price, Decimal("0.0001")
            )
            # a contract price a little off the list, on a line whose arithmetic holds, is the
            # customer's price: worth showing, not worth stopping the order for
            severity = (
                "warning" if deviation <= Decimal("0.2") and "arithmetic" in line.rule else "error"
            )
            issues.append(
                _issue(
                    "price_mismatch",
                    f"lines[{i}].unit_price",
                    f"document says {line.unit_price}, price list says {pm.expected_price}",
                    severity,
                )
            )
        confidence = min(line.confidence, pm.confidence) if pm.sku else 0.0
        lines.append(
            DraftLine(
                index=i,
                sku=pm.sku,
                customer_sku=line.customer_sku,
                description=line.description,
                quantity=line.quantity,
                unit=line.unit or pm.unit,
                unit_price=line.unit_price,
                line_total=line.line_total,
                requested_date=line.requested_date,
                confidence=confidence,
                match=pm,
            )
        )
    extracted = replace(extracted, lines=tuple(read_lines))
    customer = _confirmed_by_its_part_numbers(customer, extracted.lines, md)
    # currency: as printed, else the customer's
    currency = extracted.currency
    customer_currency = md.customer_currency(customer.code)
    record = md.customer(customer.code) if customer.code else None
    if (
        currency is not None
        and record is not None
        and record.currency
        and currency.value != record.currency
        and currency.rule.startswith("currency_marks")
    ):
        # the customer is invoiced in USD and the page shows EUR: a person checks
        currency = currency.with_confidence(min(currency.confidence, 0.8), "+not_the_customers")
    if currency is None and customer_currency:
        country_currency = md.country_currency(customer.code)
        priced = extracted.total is not None or any(
            line.unit_price is not None or line.line_total is not None for line in extracted.lines
        )
        doubtful = (
            record is not None
            and not record.currency
            and country_currency is not None
            and country_currency != customer_currency
        )
        if not priced:
            # an order that prices nothing and names no currency states none (CONTRACTS:
            # unknown values are null); it is booked off our list, in the list's currency, and
            # no figure of the document depends on it
            currency = Field(
                value=customer_currency,
                confidence=0.95 if customer.code else 0.5,
                rule=UNSTATED_CURRENCY,
            )
        else:
            # a British customer's order with no currency on it, and a catalogue in euros: its
            # prices are in pounds, more likely than not. A person confirms the guess.
            currency = Field(
                value=country_currency if doubtful else customer_currency,
                confidence=0.6 if doubtful else 0.9 if customer.code else 0.5,
                rule="customer_currency" + ("(not_the_countrys)" if doubtful else ""),
            )
        if doubtful and priced:
            currency = (
                _currency_of_our_prices(lines, customer_currency)
                or _currency_of_converted_prices(lines, customer_currency, country_currency)
                or currency
            )
    elif (
        currency is not None
        and _a_dollar_sign(currency)
        and customer_currency in OTHER_DOLLARS
        and (record is None or not record.currency or record.currency in OTHER_DOLLARS)
    ):
        currency = _which_dollars(currency, customer_currency, record, lines, md)
    elif (
        currency is not None
        and currency.rule.removesuffix(":$") == "currency_marks:ocr"
        and customer.code
        and currency.value == md.country_currency(customer.code)
    ):
        # a scanned "$" on a US customer's order: the mark and the customer's country agree
        currency = currency.with_confidence(max(currency.confidence, 0.9), "+customer_country")
    elif (
        currency is not None
        and currency.rule.removesuffix(":$") == "currency_marks:ocr"
        and customer_currency
        and customer.code
        and currency.value != customer_currency
    ):
        currency = Field(value=customer_currency, confidence=0.75, rule="customer_currency(ocr)")
    elif (
        currency is not None
        and customer_currency == currency.value
        and not (
            # a scanned mark agreeing with the price list's currency, from a Swiss customer
            # with no currency of its own: the mark may be a misread "CHF", nothing settles it
            ":ocr" in currency.rule
            and ":code" not in currency.rule
            and record is not None
            and not record.currency
            and md.country_currency(customer.code) not in (None, customer_currency)
            # (unless every line is priced as our list does, to the cent)
            and (_currency_of_our_prices(lines, customer_currency) or currency).confidence
            < LIST_PRICES_CURRENCY
        )
    ):
        currency = currency.with_confidence(max(currency.confidence, 0.97), "+customer_currency")
    elif (
        currency is not None
        and currency.rule.removesuffix(":$") == "currency_marks"
        and customer.code
        and md.country_currency(customer.code) == currency.value
    ):
        # "$" on a US customer's order, "£" on a British one's: the mark and the customer agree
        currency = currency.with_confidence(max(currency.confidence, 0.95), "+customer_country")
    # ship-to: as printed, else the letterhead (POs) or the customer's main address (emails)
    ship_to = extracted.ship_to
    ours_read = ship_to is not None and _postal(ship_to.value.postal_code) in {
        _postal(p) for p in own_postal_codes
    }
    if ours_read:
        ship_to = None  # our own address read as the ship-to: the goods do not go to us
    if ship_to is None or not ship_to.value.postal_code:
        if (
            extracted.buyer is not None
            and extracted.buyer.value.postal_code
            # the customer's own address printed elsewhere: its main address below
            and not _letterhead_of_someone_else(extracted, customer, md, own_postal_codes)
            # a name over a number and no street ("Company | Huber AG" over "PO no. | 88455"):
            # no address, unless the number is the postcode of one of the customer's
            and (
                extracted.buyer.value.street or _a_postcode_of_theirs(extracted.buyer, customer, md)
            )
        ):
            ship_to = Field(
                value=extracted.buyer.value,
                confidence=0.75,
                source=extracted.buyer.source,
                rule="letterhead_as_ship_to",
            )
        elif customer.code:
            main = md.customer(customer.code).main_address
            if main is not None:
                ship_to = Field(
                    value=Address(
                        name=main.name,
                        street=main.street,
                        postal_code=main.postal_code,
                        city=main.city,
                        country=main.country,
                    ),
                    confidence=0.8,
                    rule="customer_main_address",
                )
        if ship_to is not None and (
            extracted.ship_to is None
            # "Destinataire : <us>": the addressee of the page, no place the goods go; or a
            # sentence's address that is ours (the window's "8604 Volketswil" read on beside
            # "Livraison souhaitée : 2026-11-16")
            or (ours_read and extracted.ship_to.rule in _ADDRESSEE_BLOCKS | {"prose_address"})
            or _points_at_the_usual_address(extracted.ship_to, customer, md)
            or _names_no_place(extracted.ship_to)
            # "Deliver to: As invoice address", and no postal code read after another label
            or (extracted.delivers_to_billing and not extracted.ship_to.value.postal_code)
        ):
            ship_to = _only_address_confirmed(
                ship_to, extracted, customer, md, own_postal_codes=own_postal_codes
            )
    # totals
    if extracted.total is not None and lines:
        priced = [ln for ln in extracted.lines if ln.line_total is not None]
        if len(priced) == len(extracted.lines):
            line_sum = sum((ln.line_total for ln in priced), Decimal(0))
            if abs(line_sum - extracted.total.value) > Decimal("0.02"):
                issues.append(
                    _issue(
                        "total_mismatch",
                        "total",
                        f"lines add up to {line_sum}, document says {extracted.total.value}",
                    )
                )
    if not extracted.is_order:
        issues.append(_issue("not_an_order", "document", extracted.not_order_reason))
    confidence = {
        "customer_code": customer.confidence,
        "po_number": extracted.confidence("po_number") if extracted.po_number else 0.0,
        "order_date": extracted.confidence("order_date"),
        "requested_delivery_date": extracted.confidence("requested_delivery_date")
        if extracted.requested_delivery_date
        else 0.9,
        "currency": currency.confidence if currency else 0.0,
        "ship_to": ship_to.confidence if ship_to else 0.0,
        "total": extracted.confidence("total")
        if extracted.total
        else (0.9 if all(ln.unit_price is None for ln in extracted.lines) else 0.0),
        "lines": min((ln.confidence for ln in lines), default=0.0),
    }
    return Draft(
        extracted=extracted,
        customer=customer,
        lines=tuple(lines),
        currency=currency,
        ship_to=ship_to,
        issues=tuple(issues),
        confidence=confidence,
    )
