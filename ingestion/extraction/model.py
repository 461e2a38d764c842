"""What extraction produces: a draft order, every value with a confidence, a source and a rule.

All classes are frozen dataclasses; :meth:`ExtractedOrder.to_json` gives plain JSON (decimals as
strings with ``.``, dates ISO) and :meth:`ExtractedOrder.from_json` reads it back exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class Address:
    name: str | None = None
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    contact: str | None = None  # attention line
    lines: tuple[str, ...] = ()  # the block as printed

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "street": self.street,
            "postal_code": self.postal_code,
            "city": self.city,
            "country": self.country,
            "contact": self.contact,
            "lines": list(self.lines),
        }

    @classmethod
    def from_json(cls, data: dict) -> Address:
        return cls(
            name=data.get("name"),
            street=data.get("street"),
            postal_code=data.get("postal_code"),
            city=data.get("city"),
            country=data.get("country"),
            contact=data.get("contact"),
            lines=tuple(data.get("lines") or ()),
        )

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True, slots=True)
class Field:
    """One extracted value.

    ``source`` says where it was read: ``{"page": 1, "bbox": [x0, top, x1, bottom]}`` in PDF
    points for a layout, ``{"span": [start, end]}`` in a text; ``rule`` names the rule that
    produced it (e.g. ``label_right:po_number:"PO #"``), which the order desk shows and the
    learning uses.
    """

    value: Any
    confidence: float
    source: dict = field(default_factory=dict)
    rule: str = ""

    def with_confidence(self, confidence: float, rule_suffix: str = "") -> Field:
        return replace(
            self, confidence=max(0.0, min(1.0, confidence)), rule=self.rule + rule_suffix
        )


def _enc(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Address):
        return value.to_json()
    if isinstance(value, tuple | list):
        return [_enc(v) for v in value]
    return value


def _dec(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "decimal":
        return Decimal(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "address":
        return Address.from_json(value)
    if kind == "list":
        return tuple(value)
    return value


def _field_to_json(f: Field | None) -> dict | None:
    if f is None:
        return None
    return {
        "value": _enc(f.value),
        "confidence": round(f.confidence, 4),
        "source": f.source,
        "rule": f.rule,
    }


def _field_from_json(data: dict | None, kind: str) -> Field | None:
    if data is None:
        return None
    return Field(
        value=_dec(data.get("value"), kind),
        confidence=float(data.get("confidence", 0.0)),
        source=dict(data.get("source") or {}),
        rule=data.get("rule", ""),
    )


@dataclass(frozen=True, slots=True)
class ExtractedLine:
    line_no: int | None = None
    sku: str | None = None  # the supplier's article, when a column says so
    customer_sku: str | None = None  # the customer's own part number
    gtin: str | None = None
    description: str = ""
    quantity: Decimal | None = None
    unit: str | None = None  # as printed, normalised to EA/BOX/KG/... when recognised
    unit_price: Decimal | None = None  # as printed (gross, before a line discount)
    discount: Decimal | None = None  # percent
    line_total: Decimal | None = None
    requested_date: dt.date | None = None
    price_unit: Decimal | None = None  # price per N units (German "Preiseinheit"), None = 1
    codes: tuple[str, ...] = ()  # every article-like code printed on the line, best first
    description_lines: tuple[str, ...] = ()  # the description as printed, line by line
    confidence: float = 0.0
    field_confidence: dict[str, float] = field(default_factory=dict)
    source: dict = field(default_factory=dict)
    rule: str = ""
    raw_text: str = ""

    _DECIMALS = ("quantity", "unit_price", "discount", "line_total", "price_unit")

    def to_json(self) -> dict:
        out = {}
        for f in fields(self):
            if f.name.startswith("_"):
                continue
            out[f.name] = _enc(getattr(self, f.name))
        out["field_confidence"] = {k: round(v, 4) for k, v in self.field_confidence.items()}
        return out

    @classmethod
    def from_json(cls, data: dict) -> ExtractedLine:
        kwargs = {}
        for f in fields(cls):
            if f.name.startswith("_") or f.name not in data:
                continue
            value = data[f.name]
            if f.name in cls._DECIMALS:
                value = _dec(value, "decimal")
            elif f.name == "requested_date":
                value = _dec(value, "date")
            elif f.name in ("codes", "description_lines"):
                value = tuple(value or ())
            elif f.name == "field_confidence":
                value = dict(value or {})
            kwargs[f.name] = value
        return cls(**kwargs)


# header fields of ExtractedOrder and how their values are typed in JSON
HEADER_FIELDS: dict[str, str] = {
    "po_number": "str",
    "order_date": "date",
    "requested_delivery_date": "date",
    "currency": "str",
    "buyer": "address",
    "customer_number": "str",
    "vat_numbers": "list",
    "sender": "str",
    "ship_to": "address",
    "bill_to": "address",
    "vendor": "address",
    "contact": "str",
    "payment_terms": "str",
    "notes": "str",
    "total": "decimal",
    "grand_total": "decimal",
    "tax_total": "decimal",
}


@dataclass(frozen=True, slots=True)
class ExtractedOrder:
    po_number: Field | None = None
    order_date: Field | None = None
    requested_delivery_date: Field | None = None
    currency: Field | None = None
    buyer: Field | None = None  # Address of the issuing company (letterhead / buyer block)
    customer_number: Field | None = None  # our customer code as printed on the document
    vat_numbers: Field | None = None  # tuple of VAT ids outside the vendor block
    sender: Field | None = None  # email address of the sender
    ship_to: Field | None = None
    bill_to: Field | None = None
    vendor: Field | None = None  # the supplier block (us): never used to find the customer
    contact: Field | None = None
    payment_terms: Field | None = None
    notes: Field | None = None
    total: Field | None = None  # net goods total: sum of lines before tax and charges
    grand_total: Field | None = None
    tax_total: Field | None = None
    lines: tuple[ExtractedLine, ...] = ()
    is_order: bool = True
    not_order_reason: str = ""
    document_type: str = "purchase_order"  # purchase_order, invoice, quote, confirmation, ...
    language: str = "en"
    emails: tuple[str, ...] = ()  # addresses printed on the document outside the vendor block
    phones: tuple[str, ...] = ()  # phone/fax numbers printed outside the vendor block, digits only
    warnings: tuple[str, ...] = ()
    # items of a written list that could not be read while others of the list were
    unread_lines: tuple[str, ...] = ()
    # sentences of a message that name prices while no line carries one ("Prices as per your
    # list (EUR 82.00 and 118.00 net)"): the prices were written, not read
    prices_in_prose: tuple[str, ...] = ()
    # postal codes printed on the first page outside the vendor block, upper-case, no spaces
    postal_codes: tuple[str, ...] = ()
    # postal codes of blocks headed by the supplier's own name (``own_names``)
    own_postal_codes: tuple[str, ...] = ()
    # the first page's lines outside the vendor block and the item table (names, addresses)
    header_lines: tuple[str, ...] = ()
    # a delivery label that sends the goods to the buyer's own (billing) address ("Lieferung
    # an Rechnungsanschrift", "Ship to: same as billing")
    delivers_to_billing: bool = False
    # a reply's words that changed the lines of the order it quotes ("Pos. 4 streichen")
    amendments: tuple[str, ...] = ()
    # whether the item table's titles name a price or an amount column (None: no titles read):
    # a scanned form titled "Réf. | Article | Quantité" prices nothing, no column was lost
    price_titled: bool | None = None

    def to_json(self) -> dict:
        out: dict[str, Any] = {name: _field_to_json(getattr(self, name)) for name in HEADER_FIELDS}
        out["lines"] = [line.to_json() for line in self.lines]
        out.update(
            is_order=self.is_order,
            not_order_reason=self.not_order_reason,
            document_type=self.document_type,
            language=self.language,
            emails=list(self.emails),
            phones=list(self.phones),
            warnings=list(self.warnings),
            unread_lines=list(self.unread_lines),
            prices_in_prose=list(self.prices_in_prose),
            postal_codes=list(self.postal_codes),
            own_postal_codes=list(self.own_postal_codes),
            header_lines=list(self.header_lines),
            amendments=list(self.amendments),
            price_titled=self.price_titled,
        )
        return out

    @classmethod
    def from_json(cls, data: dict) -> ExtractedOrder:
        kwargs: dict[str, Any] = {
            name: _field_from_json(data.get(name), kind) for name, kind in HEADER_FIELDS.items()
        }
        return cls(
            **kwargs,
            lines=tuple(ExtractedLine.from_json(line) for line in data.get("lines", [])),
            is_order=bool(data.get("is_order", True)),
            not_order_reason=data.get("not_order_reason", ""),
            document_type=data.get("document_type", "purchase_order"),
            language=data.get("language", "en"),
            emails=tuple(data.get("emails") or ()),
            phones=tuple(data.get("phones") or ()),
            warnings=tuple(data.get("warnings") or ()),
            unread_lines=tuple(data.get("unread_lines") or ()),
            prices_in_prose=tuple(data.get("prices_in_prose") or ()),
            postal_codes=tuple(data.get("postal_codes") or ()),
            own_postal_codes=tuple(data.get("own_postal_codes") or ()),
            header_lines=tuple(data.get("header_lines") or ()),
            amendments=tuple(data.get("amendments") or ()),
            price_titled=data.get("price_titled"),
        )

    def value(self, name: str) -> Any:
        """The value of a header field, or None."""
        f = getattr(self, name)
        return None if f is None else f.value

    def confidence(self, name: str) -> float:
        f = getattr(self, name)
        return 0.0 if f is None else f.confidence
