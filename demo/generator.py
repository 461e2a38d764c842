"""The demo business: master data and three years of B2B order history, written in bulk.

Everything random comes from ``random.Random`` seeded with the run's seed and the phase name,
and "today" is a parameter, so a seed and a day always give the same business. The shape of
the history is what real B2B demand looks like and what the dashboards and insights look for:

- orders only on working days of the customer's country, Mondays busiest;
- a yearly cycle: August closures (strongest in France), the Christmas shutdown, restocking
  in early September;
- each customer has a rhythm (weekly on a fixed weekday, fortnightly, monthly on a day of
  the month, or irregular) and a stable basket: an anchor item in every order plus usual items
  with their own probabilities and quantities, rarely an extra;
- a few customers grow, a few decline, some arrive during the period, a few left long ago;
- channels move from fax and email to the portal as customers adopt it;
- fulfilment: shipped one to five days later, some partial (back orders), some delivered
  late; invoiced on shipment, paid around the due date, slow payers leave invoices overdue;
- injected events (``Generator.events``): a customer who stopped three weeks ago, a quantity
  spike, a sales rep whose portfolio dropped over the last six weeks, an order without the
  item its customer always orders.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from catalog.models import CustomerProductAlias, PriceList, PriceListItem, Product
from customers.models import Address, AddressKind, Contact, Customer, CustomerSender, SenderKind
from demo import names
from demo.bulk import BulkWriter
from demo.calendar import WorkingDays
from demo.catalog_data import SEGMENT_FAMILIES, ProductSpec, build_catalog
from demo.checkdigits import VAT_GENERATORS, ean13
from orders.models import (
    DeliveryNote,
    DeliveryNoteLine,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Order,
    OrderChannel,
    OrderEvent,
    OrderLine,
    OrderStatus,
    OrderType,
)
from tenants.models import Membership, Role, Tenant, User

S = OrderStatus
C = OrderChannel


@dataclass(frozen=True)
class Scale:
    name: str
    customers: int
    products: int
    reps: int
    years: int
    mix: tuple[float, float, float, float]  # weekly, fortnightly, monthly, irregular
    core_items: tuple[int, int]  # usual items per customer besides the anchor


SCALES = {
    "tiny": Scale("tiny", 24, 150, 3, 1, (0.3, 0.25, 0.3, 0.15), (2, 6)),
    "small": Scale("small", 120, 600, 6, 3, (0.15, 0.2, 0.4, 0.25), (2, 8)),
    "large": Scale("large", 5000, 20000, 50, 3, (0.05, 0.15, 0.5, 0.3), (2, 7)),
}


@dataclass(frozen=True)
class Company:
    name: str
    countries: tuple[tuple[str, float], ...]
    families: tuple[str, ...] | None
    sku_prefix: str
    gtin_prefix: str  # four digits: a GS1 France prefix and a company number
    locale: str
    portal_users: bool
    inbound_documents: bool


DEMO_COMPANY = Company(
    "Vauban Industrial Supplies",
    (("FR", 0.40), ("DE", 0.18), ("BE", 0.14), ("GB", 0.15), ("US", 0.13)),
    None,
    "",
    "3760",
    "en",
    True,
    True,
)
SECOND_COMPANY = Company(
    "Cartonnages Delorme",
    (("FR", 0.8), ("BE", 0.2)),
    ("boxes", "film", "tape", "labels", "bags", "void_fill", "pallets", "strapping"),
    "CD-",
    "3761",
    "fr",
    False,
    False,
)
SECOND_SCALE = Scale("second", 30, 150, 2, 2, (0.2, 0.3, 0.3, 0.2), (2, 6))

TZ = zoneinfo.ZoneInfo("Europe/Paris")
SUPPLIER_COUNTRY = "FR"
FX = {"EUR": 1.0, "GBP": 0.86, "USD": 1.09}
YEARLY_INCREASE = 0.035
VAT_RATE = {"FR": Decimal("0.20")}  # intra-EU B2B (reverse charge) and exports are zero-rated
WEEKDAY_WEIGHTS = (0.38, 0.2, 0.17, 0.15, 0.10)  # Monday peak
TRANSIT = {"FR": (1, 2), "BE": (1, 3), "DE": (2, 3), "GB": (3, 5), "US": (6, 10)}
CARRIERS = {
    "FR": ["Geodis", "DB Schenker", "Heppner", "Kuehne+Nagel"],
    "BE": ["DHL Freight", "DB Schenker"],
    "DE": ["DB Schenker", "Dachser", "DHL Freight"],
    "GB": ["DHL Express", "UPS"],
    "US": ["UPS", "FedEx Freight"],
}
SIZES = ((0.5, 0.45), (1.0, 0.35), (2.5, 0.15), (6.0, 0.05))  # quantity factor, share of customers
TERMS_DAYS = {
    "45 jours fin de mois": 60,
    "60 jours date de facture": 60,
    "30 jours fin de mois": 45,
    "30 dagen einde maand": 45,
    "30 days net": 30,
    "30 Tage netto": 30,
    "14 Tage 2 % Skonto, 30 Tage netto": 30,
    "60 Tage netto": 60,
    "30 days end of month": 45,
    "Net 30": 30,
    "Net 60": 60,
    "Net 45": 45,
    "2% 10 Net 30": 30,
}
BASE_CHANNELS = {
    "FR": ((C.FAX, 0.35), (C.EMAIL, 0.55), (C.PHONE, 0.10)),
    "BE": ((C.FAX, 0.2), (C.EMAIL, 0.7), (C.PHONE, 0.1)),
    "DE": ((C.FAX, 0.3), (C.EMAIL, 0.6), (C.PHONE, 0.1)),
    "GB": ((C.EMAIL, 0.85), (C.PHONE, 0.15)),
    "US": ((C.EMAIL, 0.75), (C.PHONE, 0.1), (C.FAX, 0.15)),
}


def pick(rng: random.Random, weighted) -> object:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def cents(value: int) -> Decimal:
    return Decimal(value).scaleb(-2)


def at(day: dt.date, minutes: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=TZ)


@dataclass(eq=False)
class Cust:
    index: int
    id: int
    code: str
    name: str
    country: str
    currency: str
    rep: int | None
    vip: bool
    size: float
    segment: str
    rhythm: str
    weekday: int
    dom: int
    mean_gap: float
    start: dt.date
    stop: dt.date | None
    growth: float
    base_channel: str
    portal_from: dt.date | None
    edi: bool
    terms_days: int
    slow_payer: bool
    domain: str
    bill_to: int = 0
    ship_tos: list[tuple[int, dict]] = field(default_factory=list)
    consignment: tuple[int, dict] | None = None
    basket: list[tuple[int, int, float]] = field(
        default_factory=list
    )  # product index, usual quantity, p
    extras: list[int] = field(default_factory=list)
    aliases: dict[int, str] = field(default_factory=dict)
    contract: dict[int, float] = field(default_factory=dict)
    contract_from: dt.date | None = None
    po_style: str = "sap"
    po_counter: int = 0
    lead_slack: int = 1
    forced: set[dt.date] = field(default_factory=set)
    special: bool = False
    drop_from: dt.date | None = None


@dataclass(eq=False)
class Prod:
    id: int
    spec: ProductSpec
    sku: str
    prices: dict[tuple[str, int], int]  # (currency, year) -> cents
    break_qty: int | None


class Generator:
    """Writes one tenant's business. ``run()`` returns counts; ``events`` says what was injected."""

    def __init__(
        self,
        *,
        tenant: Tenant,
        company: Company,
        scale: Scale,
        seed: int,
        today: dt.date,
        staff: dict[str, User],
        portal_email: str | None,
        password_hash: str | None = None,
    ):
        self.tenant = tenant
        self.company = company
        self.scale = scale
        self.seed = seed
        self.today = today
        self.staff = staff
        self.portal_email = portal_email
        self.password_hash = password_hash or make_password(None)
        self.start = dt.date(today.year - scale.years, today.month, min(today.day, 28))
        self.years = list(range(self.start.year, today.year + 1))
        self.writer = BulkWriter(now=at(today, 0))
        self.calendars = {
            c: WorkingDays(c, self.start - dt.timedelta(days=800), today + dt.timedelta(days=120))
            for c in ("FR", "BE", "DE", "GB", "US")
        }
        self.supplier = self.calendars[SUPPLIER_COUNTRY]
        self.reps: list[User] = []
        self.rep_countries: list[str] = []
        self.products: list[Prod] = []
        self.customers: list[Cust] = []
        self.events: dict = {}
        self.portal_customer: Cust | None = None
        self.portal_users: list[tuple[User, Cust]] = []

    def rng(self, phase: str) -> random.Random:
        return random.Random(f"{self.seed}:{self.tenant.slug}:{phase}")

    # --- people ----------------------------------------------------------------------------

    def make_reps(self) -> None:
        rng = self.rng("reps")
        countries = [c for c, _ in self.company.countries]
        weights = dict(self.company.countries)
        quota = {c: max(1, round(self.scale.reps * weights[c])) for c in countries}
        while sum(quota.values()) > self.scale.reps and max(quota.values()) > 1:
            quota[max(quota, key=quota.get)] -= 1
        while sum(quota.values()) < self.scale.reps:
            quota[countries[0]] += 1
        order = [c for c in countries for _ in range(quota[c])][: self.scale.reps]
        contract_rep = self.staff.get(Role.SALES_REP)
        users, seen = [], set()
        for i, country in enumerate(order):
            if i == 0 and contract_rep is not None:
                users.append(contract_rep)
                continue
            first, last = names.person(rng, country)
            local = f"{names.ascii_slug(first)}.{names.ascii_slug(last)}"
            email, n = f"{local}@{self.tenant.slug}.example", 1
            while email in seen or User.objects.filter(email=email).exists():
                n += 1
                email = f"{local}{n}@{self.tenant.slug}.example"
            seen.add(email)
            users.append(
                User(email=email, first_name=first, last_name=last, password=self.password_hash)
            )
        new = [u for u in users if u.pk is None]
        User.objects.bulk_create(new)
        created = {u.email: u for u in User.objects.filter(email__in=[u.email for u in new])}
        users = [created.get(u.email, u) for u in users]
        Membership.objects.bulk_create(
            [
                Membership(user=u, tenant=self.tenant, role=Role.SALES_REP)
                for u in users
                if u.email in created
            ]
        )
        self.reps, self.rep_countries = users, order

    # --- catalog ---------------------------------------------------------------------------

    def make_catalog(self) -> None:
        rng = self.rng("catalog")
        specs = build_catalog(self.scale.products, rng, families=self.company.families)
        # EUR last: price lookups that ignore the list's currency then find the tenant's own currency.
        currencies = sorted(
            {names.CURRENCY[c] for c, _ in self.company.countries}, key=lambda c: c == "EUR"
        )
        w = self.writer
        products = w.table(
            Product,
            [
                "id",
                "tenant_id",
                "sku",
                "gtin",
                "description",
                "unit",
                "pack_size",
                "list_price",
                "currency",
                "created_at",
                "updated_at",
            ],
        )
        gtin_base = int(self.company.gtin_prefix) * 10**8 + rng.randint(10_000, 40_000_000)
        for i, spec in enumerate(specs):
            prices = {}
            for currency in currencies:
                for year in self.years:
                    eur = spec.price * (1 + YEARLY_INCREASE) ** (year - self.years[0])
                    prices[(currency, year)] = max(1, round(eur * FX[currency] * 100))
            prod = Prod(
                id=w.new_id(Product),
                spec=spec,
                sku=self.company.sku_prefix + spec.sku,
                prices=prices,
                break_qty=(spec.typical * 5 if rng.random() < 0.2 else None),
            )
            self.products.append(prod)
            gtin = ean13(f"{gtin_base + i * 7:012d}") if rng.random() < 0.92 else ""
            products.add(
                prod.id,
                self.tenant.id,
                prod.sku,
                gtin,
                spec.description,
                spec.unit,
                spec.pack_size,
                cents(prices[("EUR", self.today.year)]) if "EUR" in currencies else None,
                "EUR",
                at(self.start, 0),
                at(self.today, 0),
            )
        lists = w.table(
            PriceList,
            ["id", "tenant_id", "name", "customer_id", "currency", "valid_from", "valid_to"],
        )
        items = w.table(
            PriceListItem,
            ["tenant_id", "price_list_id", "product_id", "unit_price", "min_quantity"],
        )
        for currency in currencies:
            for year in self.years:
                list_id = w.new_id(PriceList)
                lists.add(
                    list_id,
                    self.tenant.id,
                    f"List prices {year} {currency}",
                    None,
                    currency,
                    dt.date(year, 1, 1),
                    dt.date(year, 12, 31),
                )
                for prod in self.products:
                    price = prod.prices[(currency, year)]
                    items.add(self.tenant.id, list_id, prod.id, cents(price), Decimal(0))
                    if prod.break_qty:
                        items.add(
                            self.tenant.id,
                            list_id,
                            prod.id,
                            cents(round(price * 0.95)),
                            Decimal(prod.break_qty),
                        )

    def unit_price(self, cust: Cust, pindex: int, day: dt.date, quantity: int) -> int:
        prod = self.products[pindex]
        price = prod.prices[(cust.currency, day.year)]
        if prod.break_qty and quantity >= prod.break_qty:
            price = round(price * 0.95)
        discount = cust.contract.get(pindex)
        if discount and cust.contract_from and day >= cust.contract_from:
            price = round(price * (1 - discount))
        return price

    # --- customers -------------------------------------------------------------------------

    def make_customers(self) -> None:
        rng = self.rng("customers")
        w, tid = self.writer, self.tenant.id
        n = self.scale.customers
        special = rng.sample(range(n), min(n, 5))
        roles = dict(
            zip(["stopped", "portal", "spike", "missing", "onhold"], special, strict=False)
        )
        by_family: dict[str, list[int]] = {}
        for i, prod in enumerate(self.products):
            by_family.setdefault(prod.spec.family, []).append(i)
        reps_by_country: dict[str, list[int]] = {}
        for i, country in enumerate(self.rep_countries):
            reps_by_country.setdefault(country, []).append(i)
        nearby = {"BE": "FR", "US": "GB", "GB": "US", "DE": "BE", "FR": "BE"}
        drop_rep = 1 if len(self.reps) > 1 else None
        used_domains: set[str] = set()
        span = (self.today - self.start).days

        customers = w.table(
            Customer,
            [
                "id",
                "tenant_id",
                "code",
                "name",
                "vat_number",
                "segment",
                "vip",
                "payment_terms",
                "credit_limit",
                "currency",
                "language",
                "sales_rep_id",
                "phone",
                "fax",
                "active",
                "created_at",
                "updated_at",
            ],
        )
        addresses = w.table(
            Address,
            [
                "id",
                "tenant_id",
                "customer_id",
                "kind",
                "name",
                "street",
                "postal_code",
                "city",
                "country",
                "is_default",
            ],
        )
        contacts = w.table(
            Contact,
            [
                "tenant_id",
                "customer_id",
                "name",
                "email",
                "phone",
                "role",
                "receives_acknowledgments",
            ],
        )
        senders = w.table(CustomerSender, ["tenant_id", "customer_id", "kind", "value"])
        aliases = w.table(
            CustomerProductAlias,
            ["tenant_id", "customer_id", "customer_sku", "product_id", "learned", "created_at"],
        )
        lists = w.table(
            PriceList,
            ["id", "tenant_id", "name", "customer_id", "currency", "valid_from", "valid_to"],
        )
        items = w.table(
            PriceListItem,
            ["tenant_id", "price_list_id", "product_id", "unit_price", "min_quantity"],
        )

        for i in range(n):
            role = next((r for r, idx in roles.items() if idx == i), None)
            country = (
                "FR"
                if role in ("stopped", "portal", "missing")
                else pick(rng, self.company.countries)
            )
            if role == "spike" and "DE" in dict(self.company.countries):
                country = "DE"
            name = names.company_name(rng, country)
            size = pick(rng, SIZES)
            vip = size >= 6.0 or (size >= 2.5 and rng.random() < 0.3) or role == "stopped"
            rhythm = pick(
                rng,
                zip(("weekly", "biweekly", "monthly", "irregular"), self.scale.mix, strict=True),
            )
            if vip and rng.random() < 0.7:
                rhythm = "weekly"
            if role in ("stopped", "portal", "spike", "missing"):
                rhythm = "weekly"
            start = self.start - dt.timedelta(days=rng.randint(30, 3000))
            if role is None and rng.random() < 0.15:
                start = self.start + dt.timedelta(days=rng.randint(20, int(span * 0.85)))
            stop = None
            if role is None and rng.random() < 0.03 and span > 400:
                stop = self.start + dt.timedelta(days=rng.randint(180, span - 200))
            trend = rng.random()
            growth = (
                rng.uniform(0.25, 0.5)
                if trend < 0.08
                else rng.uniform(-0.5, -0.3)
                if trend < 0.16
                else rng.gauss(0, 0.04)
            )
            if role is not None:
                growth = rng.gauss(0, 0.02)
            edi = vip and size >= 6.0 and rng.random() < 0.4 and role is None
            base = pick(rng, BASE_CHANNELS[country])
            portal_from = None
            if not edi and rng.random() < 0.65:
                portal_from = self.start + dt.timedelta(
                    days=int(span * math.sqrt(rng.random())) - 60
                )
            if role == "portal":
                portal_from = self.today - dt.timedelta(days=400)
            if role in ("stopped", "missing"):
                portal_from, base = None, (C.FAX if role == "missing" else C.EMAIL)
            rep_pool = reps_by_country.get(country) or reps_by_country.get(nearby[country]) or [0]
            rep_index = rng.choice(rep_pool)
            if role in ("stopped", "portal") or rep_index == drop_rep and role is not None:
                rep_index = 0
            if rng.random() < 0.02 and role is None:
                rep_index = None  # a house account
            terms = rng.choice(names.PAYMENT_TERMS[country])
            domain = names.ascii_slug(name.rsplit(" ", 1)[0]) + "." + names.TLD[country]
            while domain in used_domains:
                domain = f"{names.ascii_slug(name.rsplit(' ', 1)[0])}-{rng.randint(2, 99)}.{names.TLD[country]}"
            used_domains.add(domain)
            cust = Cust(
                index=i,
                id=w.new_id(Customer),
                code=f"C{i + 1:05d}",
                name=name,
                country=country,
                currency=names.CURRENCY[country],
                rep=None if rep_index is None else rep_index,
                vip=vip,
                size=size,
                segment=rng.choice(names.SEGMENTS),
                rhythm=rhythm,
                weekday=pick(rng, zip(range(5), WEEKDAY_WEIGHTS, strict=True)),
                dom=rng.randint(1, 28),
                mean_gap=rng.uniform(18, 60) / (1 if size < 2 else 1.6),
                start=start,
                stop=stop,
                growth=growth,
                base_channel=base,
                portal_from=portal_from,
                edi=edi,
                terms_days=TERMS_DAYS.get(terms, 30),
                slow_payer=rng.random() < 0.06 or role == "onhold",
                domain=domain,
                po_style=rng.choice(["sap", "year", "dated", "plain"]),
                po_counter=rng.randint(100, 9000),
                lead_slack=rng.choice([0, 1, 1, 2, 3]),
            )
            cust.special = role is not None
            self.customers.append(cust)

            # Addresses: the bill-to is also the main ship-to; some have a second site, a few a consignment stock.
            city, stem = rng.choice(names.CITIES[country])
            main = {
                "name": name,
                "street": names.street_line(rng, country),
                "postal_code": names.postal_code(rng, country, stem),
                "city": city,
                "country": country,
            }
            cust.bill_to = w.new_id(Address)
            addresses.add(cust.bill_to, tid, cust.id, AddressKind.BILL_TO, *main.values(), True)
            ship_id = w.new_id(Address)
            addresses.add(ship_id, tid, cust.id, AddressKind.SHIP_TO, *main.values(), True)
            cust.ship_tos.append((ship_id, main))
            if rng.random() < 0.3:
                city2, stem2 = rng.choice(names.CITIES[country])
                site = {"FR": "Site de", "BE": "Site", "DE": "Werk", "GB": "Depot", "US": "Plant"}[
                    country
                ]
                second = {
                    "name": f"{name} – {site} {city2.split(',')[0]}",
                    "street": names.street_line(rng, country),
                    "postal_code": names.postal_code(rng, country, stem2),
                    "city": city2,
                    "country": country,
                }
                second_id = w.new_id(Address)
                addresses.add(second_id, tid, cust.id, AddressKind.SHIP_TO, *second.values(), False)
                cust.ship_tos.append((second_id, second))
            if size >= 2.5 and rng.random() < 0.25:
                stock = {**main, "name": f"{name} – consignment stock"}
                stock_id = w.new_id(Address)
                addresses.add(
                    stock_id, tid, cust.id, AddressKind.CONSIGNMENT, *stock.values(), False
                )
                cust.consignment = (stock_id, stock)

            phone = names.phone(rng, country)
            fax = names.phone(rng, country) if base == C.FAX else ""
            credit = Decimal({0.5: 10_000, 1.0: 25_000, 2.5: 75_000, 6.0: 200_000}[size])
            created = at(min(start, self.start), 9 * 60)
            customers.add(
                cust.id,
                tid,
                cust.code,
                name,
                VAT_GENERATORS[country](rng),
                cust.segment,
                cust.vip,
                terms,
                credit,
                cust.currency,
                names.LANGUAGE[country],
                None if rep_index is None else self.reps[rep_index].id,
                phone,
                fax,
                True,
                created,
                created,
            )
            for k in range(rng.randint(1, 3)):
                first, last = names.person(rng, country)
                email = f"{names.ascii_slug(first)}.{names.ascii_slug(last)}@{domain}"
                contacts.add(
                    tid,
                    cust.id,
                    f"{first} {last}",
                    email,
                    names.phone(rng, country),
                    names.CONTACT_ROLES[0 if k == 0 else rng.randint(1, 4)],
                    k == 0,
                )
            senders.add(tid, cust.id, SenderKind.DOMAIN, domain)

            # The basket: an anchor in every order, usual items with their own odds, a few occasional extras.
            families = [f for f in SEGMENT_FAMILIES[cust.segment] if f in by_family] or list(
                by_family
            )
            count = rng.randint(*self.scale.core_items) + (1 if size >= 2.5 else 0)
            chosen: list[int] = []
            for k in range(count + 6):
                family = (
                    families[min(int(rng.expovariate(0.7)), len(families) - 1)]
                    if k
                    else families[0]
                )
                candidate = rng.choice(by_family[family])
                if candidate not in chosen:
                    chosen.append(candidate)
            core, extras = chosen[: count + 1], chosen[count + 1 :]
            for k, pindex in enumerate(core):
                spec = self.products[pindex].spec
                usual = spec.typical * size * rng.lognormvariate(0, 0.45)
                usual = max(spec.pack_size, round(usual / spec.pack_size) * spec.pack_size)
                cust.basket.append((pindex, usual, 1.0 if k == 0 else rng.uniform(0.45, 0.95)))
            cust.extras = extras
            if rng.random() < 0.45 or role == "missing":
                style = rng.choice(["A-{:03d}", "{}-{:06d}", "P{:05d}", "{:02d}.{:03d}"])
                prefix = "".join(word[0] for word in names.ascii_slug(name).split("-")[:3]).upper()
                for k, pindex in enumerate(core + extras):
                    number = rng.randint(1, 99_999)
                    alias = {
                        "A-{:03d}": f"A-{k + 1:03d}",
                        "{}-{:06d}": f"{prefix}-{number:06d}",
                        "P{:05d}": f"P{number:05d}",
                        "{:02d}.{:03d}": f"{number % 97:02d}.{number % 997:03d}",
                    }[style]
                    if alias not in cust.aliases.values():
                        cust.aliases[pindex] = alias
                        aliases.add(tid, cust.id, alias, self.products[pindex].id, False, created)
            if vip or rng.random() < 0.1:
                cust.contract_from = dt.date(self.today.year, 1, 1)
                cust.contract = {
                    p: rng.choice([0.04, 0.06, 0.08, 0.1, 0.12, 0.15]) for p, _, _ in cust.basket
                }
                list_id = w.new_id(PriceList)
                lists.add(
                    list_id,
                    tid,
                    f"Contract prices {cust.code} {self.today.year}",
                    cust.id,
                    cust.currency,
                    cust.contract_from,
                    None,
                )
                for pindex, discount in cust.contract.items():
                    base_price = self.products[pindex].prices[(cust.currency, self.today.year)]
                    items.add(
                        tid,
                        list_id,
                        self.products[pindex].id,
                        cents(round(base_price * (1 - discount))),
                        Decimal(0),
                    )
            if rep_index == drop_rep and drop_rep is not None:
                cust.drop_from = self.today - dt.timedelta(days=42)
        self.roles = {role: self.customers[idx] for role, idx in roles.items()}
        if drop_rep is not None:
            self.events["portfolio_drop"] = {
                "rep": self.reps[drop_rep].email,
                "since": str(self.today - dt.timedelta(days=42)),
            }

    # --- order dates ----------------------------------------------------------------------

    @staticmethod
    def season_skip(country: str, day: dt.date) -> float:
        m, d = day.month, day.day
        if (m == 12 and d >= 22) or (m == 1 and d <= 2):
            return 0.5 if country == "US" else 0.9
        if m == 8:
            base = {"FR": 0.75, "BE": 0.4, "DE": 0.25, "GB": 0.15, "US": 0.1}[country]
            return base if d <= 24 else base / 2
        if m == 7 and d >= 14 and country == "FR":
            return 0.2
        if m == 12:
            return 0.15
        return 0.0

    @staticmethod
    def season_quantity(country: str, day: dt.date) -> float:
        m, d = day.month, day.day
        if m == 7 and d < 14 and country in ("FR", "BE"):
            return 1.2
        if m == 9 and d <= 14:
            return 1.15
        if m in (10, 11):
            return 1.08
        if m == 12:
            return 0.9
        return 1.0

    def order_dates(self, cust: Cust, rng: random.Random) -> list[dt.date]:
        cal = self.calendars[cust.country]
        first = max(self.start, cust.start)
        last = min(self.today, cust.stop or self.today)
        candidates: list[dt.date] = []
        if cust.rhythm in ("weekly", "biweekly"):
            step = 7 if cust.rhythm == "weekly" else 14
            day = first + dt.timedelta(
                days=(cust.weekday - first.weekday()) % 7 + rng.randrange(0, step, 7)
            )
            while day <= last:
                actual = cal.on_or_after(day)
                if actual <= last and (actual - day).days < 4:
                    candidates.append(actual)
                day += dt.timedelta(days=step)
        elif cust.rhythm == "monthly":
            year, month = first.year, first.month
            while True:
                actual = cal.on_or_after(dt.date(year, month, cust.dom))
                if dt.date(year, month, cust.dom) > last:
                    break
                if first <= actual <= last:
                    candidates.append(actual)
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        else:
            day = first + dt.timedelta(days=rng.randint(0, int(cust.mean_gap)))
            while day <= last:
                monday = day - dt.timedelta(days=day.weekday())
                actual = cal.on_or_after(
                    monday
                    + dt.timedelta(days=pick(rng, zip(range(5), WEEKDAY_WEIGHTS, strict=True)))
                )
                if actual > last:
                    break
                if not candidates or actual > candidates[-1]:
                    candidates.append(actual)
                day = actual + dt.timedelta(
                    days=max(3, round(rng.gammavariate(4, cust.mean_gap / 4)))
                )
        kept = []
        base_skip = {"weekly": 0.03, "biweekly": 0.03, "monthly": 0.02, "irregular": 0.0}[
            cust.rhythm
        ]
        for day in candidates:
            years = (day - self.start).days / 365.25
            skip = base_skip + self.season_skip(cust.country, day)
            if cust.growth < -0.2:
                skip += 0.12 * years
            if cust.drop_from and day >= cust.drop_from:
                skip += 0.5
            if day in cust.forced or rng.random() >= skip:
                kept.append(day)
        return kept

    # --- history --------------------------------------------------------------------------

    def make_history(self) -> None:
        rng = self.rng("history")
        today = self.today
        roles = self.roles
        # Injected events shape some customers' calendars before the dates are drawn.
        stopped = roles.get("stopped")
        if stopped:
            last = self.calendars["FR"].on_or_after(today - dt.timedelta(days=21))
            if last > today - dt.timedelta(days=21):
                last = self.calendars["FR"].days[self.calendars["FR"].days.index(last) - 1]
            stopped.weekday, stopped.stop = last.weekday(), last
            stopped.forced.add(last)
        for role in ("spike", "missing", "portal", "onhold"):
            cust = roles.get(role)
            if cust is None:
                continue
            cal = self.calendars[cust.country]
            recent = [d for d in cal.days if today - dt.timedelta(days=6) <= d < today]
            if recent:
                cust.weekday = recent[-1].weekday() if role != "onhold" else recent[-1].weekday()
                cust.forced.add(recent[-1])
                if cust.rhythm not in ("weekly",):
                    cust.rhythm = "weekly"
        skeleton = []
        for cust in self.customers:
            crng = random.Random(f"{self.seed}:{self.tenant.slug}:dates:{cust.index}")
            for day in self.order_dates(cust, crng):
                channel = self._channel(crng, cust, day)
                skeleton.append(
                    (self._received_at(crng, cust, day, channel), cust.index, day, False, channel)
                )
                if cust.vip and not cust.special and crng.random() < 0.08:
                    top_up = self.calendars[cust.country].add(day, 2)
                    if top_up <= today:
                        channel = crng.choice([C.PHONE, C.EMAIL])
                        skeleton.append(
                            (
                                self._received_at(crng, cust, top_up, channel),
                                cust.index,
                                top_up,
                                True,
                                channel,
                            )
                        )
        skeleton.sort(key=lambda row: (row[0], row[1]))
        last_order = {}
        for k, (_, ci, _, top_up, _) in enumerate(skeleton):
            if not top_up:
                last_order[ci] = k
        self._write_orders(skeleton, last_order, rng)

    def _received_at(
        self, rng: random.Random, cust: Cust, day: dt.date, channel: str
    ) -> dt.datetime:
        if day == self.today:
            return at(day, rng.randint(6 * 60, 8 * 60 + 30))
        if channel == C.EDI:
            minutes = rng.randint(2 * 60, 5 * 60)
        elif channel == C.PORTAL:
            minutes = rng.randint(6 * 60, 21 * 60)
        elif channel == C.FAX:
            minutes = (
                rng.randint(7 * 60, 11 * 60)
                if rng.random() < 0.7
                else rng.randint(11 * 60, 17 * 60)
            )
        else:
            minutes = rng.randint(8 * 60, 17 * 60 + 30)
        if cust.country == "US":
            minutes = min(23 * 60 + 30, minutes + 6 * 60)
        elif cust.country == "GB":
            minutes = min(23 * 60 + 30, minutes + 60)
        return at(day, minutes)

    def _channel(self, rng: random.Random, cust: Cust, day: dt.date) -> str:
        if cust.edi:
            return C.EDI
        if cust.portal_from and day >= cust.portal_from:
            return C.PORTAL if rng.random() < 0.85 else cust.base_channel
        roll = rng.random()
        if roll < 0.88:
            return cust.base_channel
        return C.EMAIL if cust.base_channel != C.EMAIL else C.PHONE if roll < 0.95 else C.UPLOAD

    def _po_number(self, cust: Cust, day: dt.date, rng: random.Random) -> str:
        cust.po_counter += rng.randint(1, 9)
        n = cust.po_counter
        return {
            "sap": f"45{n % 100_000_000:08d}",
            "year": f"PO-{day.year}-{n % 10_000:04d}",
            "dated": f"BC{day:%y%m%d}-{rng.randint(1, 9):02d}",
            "plain": f"{n:06d}",
        }[cust.po_style]

    def _write_orders(self, skeleton: list, last_order: dict[int, int], rng: random.Random) -> None:
        w, tid, today = self.writer, self.tenant.id, self.today
        orders = w.table(
            Order,
            [
                "id",
                "tenant_id",
                "number",
                "customer_id",
                "channel",
                "order_type",
                "status",
                "po_number",
                "order_date",
                "requested_delivery_date",
                "ship_to_id",
                "ship_to_address",
                "currency",
                "total_amount",
                "stated_total",
                "notes",
                "auto_approved",
                "created_by_id",
                "validated_by_id",
                "validated_at",
                "received_at",
                "created_at",
                "updated_at",
            ],
        )
        lines = w.table(
            OrderLine,
            [
                "id",
                "tenant_id",
                "order_id",
                "position",
                "product_id",
                "customer_sku",
                "description",
                "quantity",
                "unit",
                "unit_price",
                "line_total",
                "requested_date",
            ],
        )
        events = w.table(
            OrderEvent,
            [
                "tenant_id",
                "order_id",
                "kind",
                "from_status",
                "to_status",
                "actor_id",
                "reason",
                "data",
                "created_at",
            ],
        )
        dn_lines = w.table(
            DeliveryNoteLine, ["tenant_id", "delivery_note_id", "order_line_id", "quantity"]
        )
        inv_lines = w.table(
            InvoiceLine,
            ["tenant_id", "invoice_id", "order_line_id", "quantity", "unit_price", "line_total"],
        )
        notes_rows: list[tuple] = []
        invoice_rows: list[tuple] = []
        numbers: dict[int, int] = {}
        desk = self.staff.get(Role.ORDER_DESK)
        validators = [
            u.id
            for u in (desk, desk, desk, self.staff.get(Role.MANAGER), self.staff.get(Role.ADMIN))
            if u is not None
        ] or [None]
        portal_user_of = {cust.id: user.id for user, cust in self.portal_users}
        spike, missing = self.roles.get("spike"), self.roles.get("missing")
        onhold = self.roles.get("onhold")
        # JSON written as text once instead of once per row.
        created_data = {c: json.dumps({"channel": str(c)}) for c in C.values}
        ship_json: dict[int, str] = {}

        for k, (received, ci, day, top_up, channel) in enumerate(skeleton):
            cust = self.customers[ci]
            numbers[day.year] = numbers.get(day.year, 0) + 1
            number = f"SO-{day.year}-{numbers[day.year]:06d}"
            order_id = w.new_id(Order)
            order_type = OrderType.STANDARD
            ship_id, ship = cust.ship_tos[0] if rng.random() < 0.8 else rng.choice(cust.ship_tos)
            if cust.consignment and rng.random() < 0.2 and not cust.special:
                order_type = OrderType.REPLENISHMENT
                ship_id, ship = cust.consignment
            elif rng.random() < 0.004 and not cust.special:
                order_type = OrderType.SAMPLE
            years = (day - self.start).days / 365.25
            factor = math.exp(cust.growth * years) * self.season_quantity(cust.country, day)
            if cust.drop_from and day >= cust.drop_from:
                factor *= 0.6
            # The basket of this order.
            wanted: list[tuple[int, int]] = []
            if order_type == OrderType.SAMPLE:
                wanted = [(rng.choice(cust.extras or [cust.basket[0][0]]), 1)]
            elif top_up:
                pindex, usual, _ = rng.choice(cust.basket)
                wanted = [(pindex, usual)]
            else:
                for pindex, usual, p in cust.basket:
                    if rng.random() < p:
                        pack = self.products[pindex].spec.pack_size
                        quantity = usual * factor * rng.lognormvariate(0, 0.18)
                        wanted.append((pindex, max(pack, round(quantity / pack) * pack)))
                if cust.extras and rng.random() < 0.25:
                    pindex = rng.choice(cust.extras)
                    if all(pindex != p for p, _ in wanted):
                        spec = self.products[pindex].spec
                        wanted.append(
                            (
                                pindex,
                                max(
                                    spec.pack_size,
                                    round(spec.typical * cust.size / spec.pack_size)
                                    * spec.pack_size,
                                ),
                            )
                        )
            is_last = last_order.get(ci) == k
            if is_last and cust is spike:
                anchor, usual, _ = cust.basket[0]
                quantity = usual * 10
                wanted = [(p, quantity if p == anchor else q) for p, q in wanted]
                self.events["quantity_spike"] = {
                    "customer": cust.code,
                    "order": number,
                    "sku": self.products[anchor].sku,
                    "quantity": quantity,
                    "usual": usual,
                }
            if is_last and cust is missing:
                anchor = cust.basket[0][0]
                wanted = [(p, q) for p, q in wanted if p != anchor] or [
                    (cust.basket[1][0], cust.basket[1][1])
                ]
                self.events["missing_item"] = {
                    "customer": cust.code,
                    "order": number,
                    "sku": self.products[anchor].sku,
                }
            transit = rng.randint(*TRANSIT[cust.country])
            requested = self.supplier.add(day, 3 + transit + cust.lead_slack)
            line_ids, total = [], 0
            for position, (pindex, quantity) in enumerate(wanted, start=1):
                prod = self.products[pindex]
                price = (
                    0
                    if order_type == OrderType.SAMPLE
                    else self.unit_price(cust, pindex, day, quantity)
                )
                amount = price * quantity
                total += amount
                line_id = w.new_id(OrderLine)
                alias = (
                    cust.aliases.get(pindex, "")
                    if channel in (C.FAX, C.EMAIL, C.EDI, C.UPLOAD)
                    else ""
                )
                lines.add(
                    line_id,
                    tid,
                    order_id,
                    position,
                    prod.id,
                    alias,
                    prod.spec.description,
                    Decimal(quantity),
                    prod.spec.unit,
                    cents(price),
                    cents(amount),
                    None,
                )
                line_ids.append((line_id, quantity, price))

            # Fulfilment, invoicing, payment: the order's story up to today.
            auto = channel in (C.PORTAL, C.EDI)
            history: list[tuple[str, str, str, dt.datetime, int | None, str]] = [
                ("created", "", S.RECEIVED, received, None, "")
            ]
            validated_by = None if auto else rng.choice(validators)
            validated_at = received + dt.timedelta(minutes=2 if auto else rng.randint(8, 150))
            status = S.VALIDATED
            notes = ""
            if onhold is cust and k == last_order.get(ci):
                status, notes = (
                    S.ON_HOLD,
                    "Credit limit exceeded: waiting for the overdue invoices to be paid.",
                )
                history.append(
                    ("status_changed", S.RECEIVED, S.ON_HOLD, validated_at, validators[0], notes)
                )
                validated_by = validated_at = None
                self.events["on_hold"] = {"customer": cust.code, "order": number}
            elif day < today - dt.timedelta(days=10) and rng.random() < 0.008:
                history.append(
                    ("status_changed", S.RECEIVED, S.VALIDATED, validated_at, validated_by, "")
                )
                status = S.CANCELLED
                history.append(
                    (
                        "status_changed",
                        S.VALIDATED,
                        S.CANCELLED,
                        validated_at + dt.timedelta(hours=rng.randint(2, 30)),
                        validators[0],
                        rng.choice(
                            [
                                "Cancelled by the customer",
                                "Duplicate of a phone order",
                                "Replaced by a corrected PO",
                            ]
                        ),
                    )
                )
            else:
                history.append(
                    (
                        "status_changed",
                        S.RECEIVED,
                        S.VALIDATED,
                        validated_at,
                        validated_by,
                        "auto-approved" if auto else "",
                    )
                )
                if validated_at.date() < today:
                    status = S.EXPORTED
                    history.append(
                        (
                            "status_changed",
                            S.VALIDATED,
                            S.EXPORTED,
                            validated_at + dt.timedelta(minutes=5),
                            None,
                            "",
                        )
                    )
                status = self._fulfil(
                    rng,
                    cust,
                    day,
                    status,
                    order_id,
                    order_type,
                    line_ids,
                    requested,
                    transit,
                    history,
                    notes_rows,
                    invoice_rows,
                    dn_lines,
                    inv_lines,
                )
            for kind, from_status, to_status, when, actor, reason in history:
                events.add(
                    tid,
                    order_id,
                    kind,
                    from_status,
                    to_status,
                    actor,
                    reason,
                    created_data[channel] if kind == "created" else "{}",
                    when,
                )
            created_by = portal_user_of.get(cust.id) if channel == C.PORTAL else None
            if channel == C.PHONE:
                created_by = validated_by
            orders.add(
                order_id,
                tid,
                number,
                cust.id,
                channel,
                order_type,
                status,
                self._po_number(cust, day, rng) if channel != C.PHONE or rng.random() < 0.5 else "",
                day,
                requested,
                ship_id,
                ship_json.get(ship_id)
                or ship_json.setdefault(ship_id, json.dumps(ship, ensure_ascii=False)),
                cust.currency,
                cents(total),
                cents(total) if channel in (C.FAX, C.EMAIL, C.UPLOAD) else None,
                notes,
                auto and status != S.ON_HOLD,
                created_by,
                validated_by,
                validated_at,
                received,
                received,
                history[-1][3],
            )
        self.order_numbers = numbers
        # Delivery notes and invoices are numbered in date order, as the law (and accountants) want.
        dn_table = w.table(
            DeliveryNote,
            [
                "id",
                "tenant_id",
                "order_id",
                "number",
                "carrier",
                "tracking_number",
                "shipped_at",
                "delivered_at",
                "created_at",
            ],
        )
        counters: dict[int, int] = {}
        for row in sorted(notes_rows, key=lambda r: (r[4], r[0])):
            note_id, order_id, carrier, tracking, shipped, delivered = row
            counters[shipped.year] = counters.get(shipped.year, 0) + 1
            number = f"DN-{shipped.year}-{counters[shipped.year]:06d}"
            dn_table.add(
                note_id,
                tid,
                order_id,
                number,
                carrier,
                tracking,
                shipped,
                delivered,
                at(shipped, 16 * 60),
            )
            events.add(
                tid,
                order_id,
                "delivery_note",
                "",
                "",
                None,
                "",
                json.dumps({"number": number, "carrier": carrier}),
                at(shipped, 16 * 60 + 25),
            )
        inv_table = w.table(
            Invoice,
            [
                "id",
                "tenant_id",
                "order_id",
                "customer_id",
                "number",
                "issued_on",
                "due_on",
                "currency",
                "total_net",
                "total_tax",
                "total_gross",
                "paid_amount",
                "status",
                "created_at",
            ],
        )
        counters = {}
        for row in sorted(invoice_rows, key=lambda r: (r[4], r[0])):
            invoice_id, order_id, customer_id, _, issued = row[:5]
            counters[issued.year] = counters.get(issued.year, 0) + 1
            number = f"INV-{issued.year}-{counters[issued.year]:06d}"
            inv_table.add(
                invoice_id,
                tid,
                order_id,
                customer_id,
                number,
                issued,
                *row[5:],
                at(issued, 19 * 60),
            )
            events.add(
                tid,
                order_id,
                "invoice",
                "",
                "",
                None,
                "",
                json.dumps({"number": number, "total_gross": format(row[9], "f")}),
                at(issued, 19 * 60 + 55),
            )

    def _fulfil(
        self,
        rng,
        cust,
        day,
        status,
        order_id,
        order_type,
        line_ids,
        requested,
        transit,
        history,
        notes_rows,
        invoice_rows,
        dn_lines,
        inv_lines,
    ) -> str:
        w, tid, today = self.writer, self.tenant.id, self.today
        cal = self.calendars[cust.country]
        processing = pick(rng, ((1, 0.3), (2, 0.35), (3, 0.22), (4, 0.08), (6, 0.05)))
        ship1 = self.supplier.add(day, processing)
        if day >= today or ship1 > today:
            return status
        partial = len(line_ids) >= 2 and rng.random() < 0.06
        shipments = [(ship1, {lid: q for lid, q, _ in line_ids})]
        if partial:
            short = rng.randrange(len(line_ids))
            lid, quantity, _ = line_ids[short]
            first = {lid2: q for lid2, q, _ in line_ids}
            first[lid] = max(0, int(quantity * rng.uniform(0.3, 0.7)))
            shipments = [
                (ship1, {k: v for k, v in first.items() if v}),
                (self.supplier.add(ship1, rng.randint(3, 8)), {lid: quantity - first[lid]}),
            ]
        carrier = rng.choice(CARRIERS[cust.country])
        shipped_all = True
        for n, (shipped, quantities) in enumerate(shipments):
            if shipped > today:
                shipped_all = False
                break
            delay = rng.randint(1, 4) if rng.random() < 0.06 else 0
            delivered = cal.add(shipped, transit + delay)
            note_id = w.new_id(DeliveryNote)
            tracking = {
                "UPS": f"1Z{rng.randint(10**15, 10**16 - 1):X}"[:18],
                "FedEx Freight": f"{rng.randint(10**11, 10**12 - 1)}",
                "DHL Express": f"{rng.randint(10**9, 10**10 - 1)}",
            }.get(carrier, f"{carrier[:2].upper()}{rng.randint(10**9, 10**10 - 1)}")
            notes_rows.append(
                (
                    note_id,
                    order_id,
                    carrier,
                    tracking,
                    shipped,
                    delivered if delivered <= today else None,
                )
            )
            for lid, quantity in quantities.items():
                dn_lines.add(tid, note_id, lid, Decimal(quantity))
            when = at(shipped, 16 * 60 + 30)
            if partial and n == 0:
                history.append(
                    ("status_changed", status, S.IN_FULFILMENT, when, None, "partial shipment")
                )
                status = S.IN_FULFILMENT
            else:
                history.append(("status_changed", status, S.SHIPPED, when, None, ""))
                status = S.SHIPPED
        if not shipped_all or shipments[-1][0] >= today:
            return status
        issued = shipments[-1][0]
        if order_type == OrderType.SAMPLE:
            history.append(
                ("status_changed", S.SHIPPED, S.CLOSED, at(issued, 20 * 60), None, "sample")
            )
            return S.CLOSED
        net = sum(q * p for _, q, p in line_ids)
        rate = VAT_RATE.get(cust.country, Decimal(0))
        net_d = cents(net)
        tax = (net_d * rate).quantize(Decimal("0.01"))
        gross = net_d + tax
        due = issued + dt.timedelta(days=cust.terms_days)
        invoice_id = w.new_id(Invoice)
        for lid, quantity, price in line_ids:
            inv_lines.add(
                tid, invoice_id, lid, Decimal(quantity), cents(price), cents(price * quantity)
            )
        history.append(("status_changed", S.SHIPPED, S.INVOICED, at(issued, 20 * 60), None, ""))
        if cust.slow_payer:
            paid_on = None if rng.random() < 0.25 else due + dt.timedelta(days=rng.randint(20, 80))
        else:
            paid_on = (
                None if rng.random() < 0.004 else due + dt.timedelta(days=round(rng.gauss(2, 6)))
            )
        if paid_on is not None and paid_on <= today:
            paid, inv_status = gross, InvoiceStatus.PAID
            history.append(
                ("status_changed", S.INVOICED, S.CLOSED, at(paid_on, 10 * 60), None, "paid")
            )
            status = S.CLOSED
        else:
            status = S.INVOICED
            paid, inv_status = Decimal("0.00"), InvoiceStatus.OPEN
            if due < today and rng.random() < 0.15:
                paid = (gross * Decimal(rng.choice(["0.3", "0.5", "0.7"]))).quantize(
                    Decimal("0.01")
                )
                inv_status = InvoiceStatus.PARTIALLY_PAID
        invoice_rows.append(
            (
                invoice_id,
                order_id,
                cust.id,
                None,
                issued,
                due,
                cust.currency,
                net_d,
                tax,
                gross,
                paid,
                inv_status,
            )
        )
        return status

    # --- everything -----------------------------------------------------------------------

    def make_portal_users(self) -> None:
        """The contract's portal buyer on one customer, and a couple of other customers' buyers."""
        from customers.models import PortalAccount
        from tenants.models import UserKind

        if not self.company.portal_users or self.portal_email is None:
            return
        rng = self.rng("portal")
        chosen = [self.roles["portal"]] if "portal" in self.roles else []
        others = [
            c
            for c in self.customers
            if c.portal_from and c.portal_from < self.today and c not in chosen and not c.special
        ]
        chosen += rng.sample(others, min(2, len(others)))
        for k, cust in enumerate(chosen):
            if k == 0:
                email, first, last = self.portal_email, "Bruno", "Buyer"
            else:
                first, last = names.person(rng, cust.country)
                email = f"{names.ascii_slug(first)}.{names.ascii_slug(last)}@{cust.domain}"
                if User.objects.filter(email=email).exists():
                    continue
            user = User.objects.create(
                email=email,
                first_name=first,
                last_name=last,
                kind=UserKind.PORTAL,
                password=self.password_hash,
                language=names.LANGUAGE[cust.country],
            )
            PortalAccount.objects.create(tenant=self.tenant, user=user, customer_id=cust.id)
            self.portal_users.append((user, cust))
        if chosen:
            self.events["portal_customer"] = chosen[0].code

    def run(self) -> dict[str, int]:
        self.make_reps()
        self.make_catalog()
        self.make_customers()
        self.writer.flush()
        self.make_portal_users()
        self.make_history()
        counts = self.writer.flush()
        from orders.models import OrderNumberSequence

        for year, last in self.order_numbers.items():
            OrderNumberSequence.objects.update_or_create(
                tenant=self.tenant, year=year, defaults={"last_value": last}
            )
        stopped = self.roles.get("stopped")
        if stopped is not None:
            self.events["stopped_customer"] = {
                "customer": stopped.code,
                "last_order": str(stopped.stop),
            }
        from demo.disputes import make_disputes

        counts["Dispute"] = make_disputes(self)
        return counts
