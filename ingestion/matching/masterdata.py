"""A frozen snapshot of a tenant's master data, with the indexes matching needs.

The Django side builds it from the database (customers, products, aliases, prices, layout
hints); tests and scripts build it from the contract CSVs with :meth:`MasterData.from_csv`.
Indexes are computed once, when the snapshot is created.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

COUNTRY_CURRENCY = {
    "US": "USD",
    "GB": "GBP",
    "CH": "CHF",
    "CA": "CAD",
    "AU": "AUD",
    "NZ": "NZD",
    "JP": "JPY",
    "SE": "SEK",
    "NO": "NOK",
    "DK": "DKK",
    "PL": "PLN",
    "CZ": "CZK",
    "HU": "HUF",
}
EURO_COUNTRIES = set("AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK".split())
# currencies whose rates to one another stay within about 0.7 and 1.4
NEAR_CURRENCIES = {"EUR", "CHF", "GBP", "USD"}
# a price beyond these shares of our list price in a near currency is no exchange rate's doing
FOREIGN_PRICE_BAND = (Decimal("0.5"), Decimal("2"))
# "a.example|b.example", "a.example; b.example": as the customer import reads them
DOMAIN_SEPARATORS = re.compile(r"[|;,\s]+")


def fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).lower()


def norm_code(code: str) -> str:
    """Codes compare without case, spaces, dashes, dots, slashes or underscores."""
    return re.sub(r"[\s\-./_#]+", "", fold(code)).upper()


_SHAPES = str.maketrans(
    {"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2", "G": "6"}
    # signs a scan reads for a stroke or an S: "DT-50-§0-S]" is DT-50-50-SI
    | {"§": "5", "$": "5", "]": "1", "[": "1", "|": "1", "!": "1"}
)


def common_share(priced: list[tuple[Decimal, Decimal]]) -> Decimal | None:
    """The share of our price most of an order's lines are priced at, to the cent (an
    exchange rate, a customer's discount), from ``(price, ours)`` pairs: the one that more
    than half of them, and two at least, agree on; the others are discounted, or packs."""
    best, agreeing = None, 0
    for price, ours in priced:
        share = price / ours
        count = sum(price_close(p, (o * share).quantize(Decimal("0.01"))) for p, o in priced)
        if count > agreeing:
            best, agreeing = share, count
    if best is None or agreeing < 2 or 2 * agreeing <= len(priced):
        return None
    return best


def code_shape(code: str) -> str:
    """A normalised code with the characters OCR confuses folded together."""
    return code.translate(_SHAPES)


def price_close(a: Decimal, b: Decimal) -> bool:
    """Two prices the same to the cent (half a percent on large ones)."""
    return abs(a - b) <= max(Decimal("0.005"), abs(b) * Decimal("0.005"))


def norm_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return digits[-9:] if len(digits) >= 9 else digits


def norm_vat(vat: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", vat.upper())


@dataclass(frozen=True, slots=True)
class AddressRecord:
    name: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""
    kind: str = "main"  # main (bill-to), ship_to


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    code: str
    name: str
    vat_number: str = ""
    email_domains: tuple[str, ...] = ()
    sender_addresses: tuple[str, ...] = ()
    addresses: tuple[AddressRecord, ...] = ()
    phones: tuple[str, ...] = ()  # phone and fax numbers
    locale: str = ""
    currency: str = ""  # empty: derived from the country, then from the price list

    @property
    def main_address(self) -> AddressRecord | None:
        for a in self.addresses:
            if a.kind == "main":
                return a
        return self.addresses[0] if self.addresses else None

    @property
    def country(self) -> str:
        main = self.main_address
        return main.country if main else ""


@dataclass(frozen=True, slots=True)
class ProductRecord:
    sku: str
    description: str = ""
    gtin: str = ""
    unit: str = "EA"
    pack_size: Decimal | None = None  # units of ``unit`` in one carton/pack, when known
    list_price: Decimal | None = None
    currency: str = ""


@dataclass(frozen=True)
class MasterData:
    customers: tuple[CustomerRecord, ...] = ()
    products: tuple[ProductRecord, ...] = ()
    aliases: Mapping[tuple[str, str], str] = field(
        default_factory=dict
    )  # (customer, customer_sku) → sku
    customer_prices: Mapping[tuple[str, str], Decimal] = field(
        default_factory=dict
    )  # (customer, sku) → price
    layout_hints: Mapping[str, dict] = field(default_factory=dict)  # customer code → hints
    default_currency: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "aliases", MappingProxyType(dict(self.aliases)))
        object.__setattr__(self, "customer_prices", MappingProxyType(dict(self.customer_prices)))
        object.__setattr__(self, "layout_hints", MappingProxyType(dict(self.layout_hints)))
        object.__setattr__(self, "_index", _Index(self))

    @property
    def index(self) -> _Index:
        return self._index  # type: ignore[attr-defined]

    def customer(self, code: str) -> CustomerRecord | None:
        return self.index.customer_by_code.get(code.upper())

    def product(self, sku: str) -> ProductRecord | None:
        return self.index.product_by_sku.get(sku)

    def expected_price(
        self, customer_code: str | None, sku: str, currency: str | None = None
    ) -> Decimal | None:
        """The customer's price, else our list price; none when the list is in another
        ``currency`` than the document's (a price in EUR says nothing of one in CHF)."""
        if customer_code and (customer_code, sku) in self.customer_prices:
            return self.customer_prices[(customer_code, sku)]
        product = self.product(sku)
        if product is None:
            return None
        if currency and product.currency and product.currency.upper() != currency.upper():
            return None
        return product.list_price

    def country_currency(self, code: str | None) -> str | None:
        """The currency of the customer's country."""
        customer = self.customer(code) if code else None
        if customer is None:
            return None
        country = customer.country.upper()
        if country in COUNTRY_CURRENCY:
            return COUNTRY_CURRENCY[country]
        return "EUR" if country in EURO_COUNTRIES else None

    def customer_currency(self, code: str | None) -> str | None:
        """The customer's own currency, else the price list's (what an order from a customer
        with no currency of its own is priced in), else its country's."""
        customer = self.customer(code) if code else None
        if customer is not None:
            if customer.currency:
                return customer.currency
            if self.index.price_list_currency:
                return self.index.price_list_currency
            if self.country_currency(code):
                return self.country_currency(code)
        # no customer known: what our price list is written in, the currency we trade in
        return self.index.price_list_currency or self.default_currency

    # ------------------------------------------------------------------------------------
    @classmethod
    def from_csv(
        cls,
        customers_csv: str,
        products_csv: str,
        aliases_csv: str | None = None,
        *,
        layout_hints: Mapping[str, dict] | None = None,
    ) -> MasterData:
        """Build from the contract CSVs (``spec/CONTRACTS.md``), given as text."""
        customers = []
        for row in csv.DictReader(io.StringIO(customers_csv)):
            domains = tuple(
                d.lower() for d in DOMAIN_SEPARATORS.split(row.get("email_domains") or "") if d
            )
            address = AddressRecord(
                name=row.get("name", ""),
                street=row.get("street", ""),
                postal_code=row.get("postal_code", ""),
                city=row.get("city", ""),
                country=(row.get("country") or "").upper(),
            )
            phones = tuple(p for p in (row.get("phone", ""), row.get("fax", "")) if p)
            customers.append(
                CustomerRecord(
                    code=row["code"].strip(),
                    name=row.get("name", "").strip(),
                    vat_number=(row.get("vat_number") or "").strip(),
                    email_domains=domains,
                    addresses=(address,),
                    phones=phones,
                    currency=(row.get("currency") or "").strip().upper(),
                )
            )
        products = []
        for row in csv.DictReader(io.StringIO(products_csv)):
            products.append(
                ProductRecord(
                    sku=row["sku"].strip(),
                    description=(row.get("description") or "").strip(),
                    gtin=(row.get("gtin") or "").strip(),
                    unit=(row.get("unit") or "EA").strip().upper(),
                    list_price=_decimal(row.get("unit_price")),
                    currency=(row.get("currency") or "").strip().upper(),
                    pack_size=_decimal(row.get("pack_size")),
                )
            )
        aliases = {}
        if aliases_csv:
            for row in csv.DictReader(io.StringIO(aliases_csv)):
                aliases[(row["customer_code"].strip(), row["customer_sku"].strip())] = row[
                    "sku"
                ].strip()
        return cls(
            customers=tuple(customers),
            products=tuple(products),
            aliases=aliases,
            layout_hints=layout_hints or {},
        )


def _decimal(text: str | None) -> Decimal | None:
    if text is None or not str(text).strip():
        return None
    try:
        return Decimal(str(text).strip())
    except InvalidOperation:
        return None


class _Index:
    """Lookup tables built once per snapshot."""

    def __init__(self, md: MasterData):
        from ingestion.matching.text import norm_description, norm_name

        self.customer_by_code = {c.code.upper(): c for c in md.customers}
        self.customer_by_domain: dict[str, list[str]] = defaultdict(list)
        self.customer_by_sender: dict[str, str] = {}
        self.customer_by_vat: dict[str, str] = {}
        self.customer_by_phone: dict[str, list[str]] = defaultdict(list)
        self.customer_names: list[str] = []
        self.customer_name_codes: list[str] = []
        self.customer_by_postal: dict[str, list[str]] = defaultdict(list)
        for c in md.customers:
            for d in c.email_domains:
                self.customer_by_domain[d.lower()].append(c.code)
            for s in c.sender_addresses:
                self.customer_by_sender[s.lower()] = c.code
            if c.vat_number:
                self.customer_by_vat[norm_vat(c.vat_number)] = c.code
            for p in c.phones:
                if norm_phone(p):
                    self.customer_by_phone[norm_phone(p)].append(c.code)
            names = {c.name} | {a.name for a in c.addresses if a.name}
            for name in names:
                if name:
                    self.customer_names.append(norm_name(name))
                    self.customer_name_codes.append(c.code)
            for a in c.addresses:
                if a.postal_code:
                    self.customer_by_postal[re.sub(r"\s", "", a.postal_code).upper()].append(c.code)
        self.product_by_sku = {p.sku: p for p in md.products}
        self.product_by_norm_sku: dict[str, list[str]] = defaultdict(list)
        self.product_by_gtin: dict[str, str] = {}
        for p in md.products:
            self.product_by_norm_sku[norm_code(p.sku)].append(p.sku)
            if p.gtin:
                self.product_by_gtin[re.sub(r"\D", "", p.gtin).lstrip("0")] = p.sku
        self.alias: dict[tuple[str, str], str] = {}
        self.alias_any: dict[str, set[str]] = defaultdict(set)
        for (customer, customer_sku), sku in md.aliases.items():
            self.alias[(customer.upper(), norm_code(customer_sku))] = sku
            self.alias_any[norm_code(customer_sku)].add(sku)
        self.product_skus = [p.sku for p in md.products]
        # codes as OCR sees them: 0/O, 1/I/l, 5/S, 8/B, 2/Z confused
        self.norm_skus = [norm_code(p.sku) for p in md.products]
        self.product_by_shape: dict[str, list[str]] = defaultdict(list)
        for p in md.products:
            self.product_by_shape[code_shape(norm_code(p.sku))].append(p.sku)
        self.alias_by_shape: dict[tuple[str, str], str] = {}
        self.alias_keys_by_customer: dict[str, list[str]] = defaultdict(list)
        for (customer, customer_sku), sku in md.aliases.items():
            key = norm_code(customer_sku)
            self.alias_by_shape[(customer.upper(), code_shape(key))] = sku
            self.alias_keys_by_customer[customer.upper()].append(key)
        self.product_descriptions = [norm_description(p.description) for p in md.products]
        self.description_by_sku = dict(
            zip(self.product_skus, self.product_descriptions, strict=True)
        )
        # inverted index: a query is compared only with products sharing one of its words
        self.description_tokens: dict[str, list[int]] = defaultdict(list)
        for i, description in enumerate(self.product_descriptions):
            for token in set(description.split()):
                self.description_tokens[token].append(i)
        # list prices, to the cent: a line named in words nobody matched, priced as one of ours
        self.products_by_price: dict[Decimal, list[int]] = defaultdict(list)
        for i, p in enumerate(md.products):
            if p.list_price:
                self.products_by_price[p.list_price.quantize(Decimal("0.01"))].append(i)
        # manufacturers' part numbers written in our descriptions ("Lever connector 221-415"):
        # a buyer may order by them ("Wago 221-415")
        self.description_codes: dict[str, list[str]] = defaultdict(list)
        for p in md.products:
            for token in set(
                re.findall(r"(?<![\w-])\d{2,}[-./]\d{2,}(?:[-./]\d+)*(?![\w-])", p.description)
            ):
                self.description_codes[norm_code(token)].append(p.sku)
        currencies = [p.currency for p in md.products if p.currency]
        self.price_list_currency = (
            max(set(currencies), key=currencies.count) if currencies else None
        )


def iter_customer_codes(md: MasterData) -> Iterable[str]:
    return (c.code for c in md.customers)
