"""Master-data import of customers (CONTRACTS.md, customers.csv), and the CSV plumbing shared
with ``catalog.imports``.

Every import follows the same steps: read the whole file (UTF-8, header row), check every row,
work out what would be created and updated against what the tenant already has, and only if no
row was rejected write everything in one transaction with bulk operations. A file is imported
whole or not at all. The management commands and the imports page both call these services;
``dry_run=True`` is the page's preview.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from customers.models import Address, AddressKind, Customer, CustomerSender, SenderKind
from ingestion.matching.masterdata import DOMAIN_SEPARATORS
from tenants.models import Membership, Role, Tenant, User

BATCH_SIZE = 1000
TRUE_VALUES = {"true", "1", "yes", "y", "oui", "x"}
FALSE_VALUES = {"false", "0", "no", "n", "non", ""}
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
DOMAIN_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


class ImportRefused(Exception):
    """The file as a whole cannot be read (encoding, missing column): a one-line reason."""


@dataclass
class RowIssue:
    line: int
    reason: str

    def as_dict(self) -> dict:
        return {"line": self.line, "reason": self.reason}


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    kind: str
    rows: int = 0
    created: list[str] = field(default_factory=list)  # keys of the rows created
    updated: list[str] = field(default_factory=list)  # keys of existing rows whose values changed
    unchanged: list[str] = field(default_factory=list)  # keys of existing rows already up to date
    rejected: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    error: str = ""  # a file-level refusal (unreadable, missing column)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.error and not self.rejected

    def summary(self) -> str:
        return (
            f"created: {len(self.created)}, updated: {len(self.updated)}, "
            f"unchanged: {len(self.unchanged)}, rejected: {len(self.rejected)}"
        )

    def summary_display(self) -> str:
        """The counts for a page, in the reader's language (``summary`` stays the CLI's)."""
        return _(
            "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
            "%(rejected)s rejected"
        ) % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "rejected": len(self.rejected),
        }

    def refusal_reason(self) -> str:
        """The one-line reason a refused file was refused."""
        if self.error:
            return self.error
        first = self.rejected[0]
        more = len(self.rejected) - 1
        tail = (
            ngettext(" (and %(n)s more rejected row)", " (and %(n)s more rejected rows)", more)
            % {"n": more}
            if more
            else ""
        )
        return _("line %(line)s: %(reason)s%(tail)s; nothing was imported") % {
            "line": first.line,
            "reason": first.reason,
            "tail": tail,
        }

    def lines(self) -> list[str]:
        """The printable report: the counts, then every rejected row and warning with its line."""
        if self.error:
            return [f"{self.kind}: refused: {self.error}"]
        out = [f"{self.kind}: {self.summary()}"]
        out += [f"  rejected line {issue.line}: {issue.reason}" for issue in self.rejected]
        out += [f"  warning line {issue.line}: {issue.reason}" for issue in self.warnings]
        return out

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [i.as_dict() for i in self.rejected],
            "warnings": [i.as_dict() for i in self.warnings],
            "error": self.error,
            "applied": self.applied,
        }


@dataclass(frozen=True)
class CsvRow:
    line: int  # the line number in the file, the header being line 1
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")


def csv_rows(data: bytes, *, required: tuple[str, ...]) -> list[CsvRow]:
    """Decodes and parses the whole file, or raises ImportRefused with a one-line reason."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRefused(
            _("line %(line)s: the file is not valid UTF-8 (byte %(byte)s)")
            % {"line": line, "byte": f"{data[error.start]:#04x}"}
        )
    if "\x00" in text:
        raise ImportRefused(_("the file contains NUL bytes: it is not a CSV text file"))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRefused(_("the file is empty: a header row is required"))
    except csv.Error as error:
        raise ImportRefused(_("line %(line)s: %(error)s") % {"line": 1, "error": error})
    header = [h.strip().lower() for h in header]
    missing = [column for column in required if column not in header]
    if missing:
        raise ImportRefused(
            ngettext("missing column: %(columns)s", "missing columns: %(columns)s", len(missing))
            % {"columns": ", ".join(missing)}
        )
    rows: list[CsvRow] = []
    try:
        for raw in reader:
            if not any(cell.strip() for cell in raw):
                continue  # blank lines are not rows
            line = reader.line_num
            if len(raw) > len(header):
                extra = raw[len(header) :]
                if any(cell.strip() for cell in extra):
                    rows.append(
                        CsvRow(
                            line,
                            {
                                "__error__": _("%(fields)s fields where the header has %(header)s")
                                % {"fields": len(raw), "header": len(header)}
                            },
                        )
                    )
                    continue
            values = {
                column: (raw[i].strip() if i < len(raw) else "") for i, column in enumerate(header)
            }
            rows.append(CsvRow(line, values))
    except csv.Error as error:
        raise ImportRefused(
            _("line %(line)s: %(error)s") % {"line": reader.line_num, "error": error}
        )
    return rows


def parse_bool(value: str) -> bool | None:
    lowered = value.strip().lower()
    if lowered in TRUE_VALUES:
        return True
    if lowered in FALSE_VALUES:
        return False
    return None


def first_seen(rows: list[CsvRow], key: str, report: ImportReport, label: str) -> Iterator[CsvRow]:
    """Yields the rows whose key was not seen before; a repeated key rejects the row."""
    seen: dict[str, int] = {}
    for row in rows:
        if "__error__" in row.values:
            report.rejected.append(RowIssue(row.line, row.values["__error__"]))
            continue
        value = row[key]
        if value and value in seen:
            report.rejected.append(
                RowIssue(
                    row.line,
                    _("duplicate %(label)s %(value)s (first on line %(first)s)")
                    % {"label": label, "value": value, "first": seen[value]},
                )
            )
            continue
        if value:
            seen[value] = row.line
        yield row


# ---------------------------------------------------------------- customers

CUSTOMER_COLUMNS = (
    "code",
    "name",
    "vat_number",
    "email_domains",
    "street",
    "postal_code",
    "city",
    "country",
    "sales_rep_email",
    "vip",
)
# Optional columns (CONTRACTS.md allows adding columns): language, currency, segment, payment_terms.
CUSTOMER_FIELDS = (
    "name",
    "vat_number",
    "vip",
    "country_code",
    "language",
    "currency",
    "segment",
    "payment_terms",
)
LANGUAGES = {"en", "fr", "de", "nl", "es", "it"}


@dataclass
class _CustomerRow:
    line: int
    code: str
    name: str
    vat_number: str
    vip: bool
    domains: list[str]
    street: str
    postal_code: str
    city: str
    country: str
    rep_email: str
    optional: dict[str, str]


def _customer_row(row: CsvRow, report: ImportReport) -> _CustomerRow | None:
    def reject(reason: str) -> None:
        report.rejected.append(RowIssue(row.line, reason))

    code, name = row["code"], row["name"]
    if not code:
        return reject(_("code is empty"))
    if len(code) > 40:
        return reject(_("code %(code)s… is longer than 40 characters") % {"code": code[:40]})
    if not name:
        return reject(_("%(code)s: name is empty") % {"code": code})
    vip = parse_bool(row["vip"])
    if vip is None:
        return reject(
            _("%(code)s: vip must be true or false, not %(value)r")
            % {"code": code, "value": row["vip"]}
        )
    country = row["country"].upper()
    if country and not COUNTRY_RE.match(country):
        return reject(
            _("%(code)s: country must be an ISO 3166-1 alpha-2 code, not %(value)r")
            % {"code": code, "value": row["country"]}
        )
    rep_email = row["sales_rep_email"].lower()
    if rep_email:
        try:
            validate_email(rep_email)
        except ValidationError:
            return reject(
                _("%(code)s: sales_rep_email %(value)r is not an email address")
                % {"code": code, "value": row["sales_rep_email"]}
            )
    domains = []
    # the contract separates domains with "|"; a list written with ";", "," or spaces means
    # the same (no domain name holds one of them)
    for raw in DOMAIN_SEPARATORS.split(row["email_domains"]):
        domain = raw.strip().lower().lstrip("@")
        if not domain:
            continue
        if not DOMAIN_RE.match(domain):
            return reject(
                _("%(code)s: email domain %(value)r is not a domain name")
                % {"code": code, "value": raw.strip()}
            )
        if domain not in domains:
            domains.append(domain)
    optional = {}
    for column in ("language", "currency", "segment", "payment_terms"):
        if row[column]:
            optional[column] = row[column]
    if "language" in optional:
        optional["language"] = optional["language"].lower()[:2]
        if optional["language"] not in LANGUAGES:
            return reject(
                _("%(code)s: unknown language %(value)r") % {"code": code, "value": row["language"]}
            )
    if "currency" in optional:
        optional["currency"] = optional["currency"].upper()
        if not CURRENCY_RE.match(optional["currency"]):
            return reject(
                _("%(code)s: currency must be an ISO 4217 code, not %(value)r")
                % {"code": code, "value": row["currency"]}
            )
    if len(name) > 200:
        return reject(_("%(code)s: name is longer than 200 characters") % {"code": code})
    return _CustomerRow(
        row.line,
        code,
        name,
        row["vat_number"][:40],
        vip,
        domains,
        row["street"][:200],
        row["postal_code"][:20],
        row["city"][:100],
        country,
        rep_email,
        optional,
    )


def customers_import(*, tenant: Tenant, data: bytes, dry_run: bool = False) -> ImportReport:
    """Upserts the customers of a customers.csv, keyed by ``code``; all or nothing."""
    report = ImportReport(kind="customers")
    try:
        rows = csv_rows(data, required=CUSTOMER_COLUMNS)
    except ImportRefused as refusal:
        report.error = str(refusal)
        return report
    report.rows = len(rows)
    parsed = [
        p for row in first_seen(rows, "code", report, "code") if (p := _customer_row(row, report))
    ]
    parsed.sort(key=lambda p: p.line)
    report.rejected.sort(key=lambda issue: issue.line)
    if report.rejected:
        return report

    existing = {c.code: c for c in Customer.objects.for_tenant(tenant).select_related("sales_rep")}
    addresses = _bill_to_addresses(tenant)
    senders = {
        s.value: s for s in CustomerSender.objects.for_tenant(tenant).filter(kind=SenderKind.DOMAIN)
    }
    # An email domain identifies one customer: the first row claiming it wins, the others are warned.
    claimed: dict[str, tuple[str, int]] = {}
    for p in parsed:
        kept = []
        for domain in p.domains:
            if domain in claimed:
                report.warnings.append(
                    RowIssue(
                        p.line,
                        _(
                            "%(code)s: email domain %(domain)s is already given to %(other)s "
                            "on line %(line)s; ignored"
                        )
                        % {
                            "code": p.code,
                            "domain": domain,
                            "other": claimed[domain][0],
                            "line": claimed[domain][1],
                        },
                    )
                )
                continue
            claimed[domain] = (p.code, p.line)
            kept.append(domain)
        p.domains = kept
    for p in parsed:
        current = existing.get(p.code)
        if current is None:
            report.created.append(p.code)
        elif _customer_changes(current, p, addresses.get(current.pk), senders):
            report.updated.append(p.code)
        else:
            report.unchanged.append(p.code)
    if dry_run:
        return report
    with transaction.atomic():
        _customers_apply(
            tenant=tenant, parsed=parsed, existing=existing, addresses=addresses, senders=senders
        )
    report.applied = True
    return report


def _customer_values(p: _CustomerRow) -> dict:
    values = {"name": p.name, "vat_number": p.vat_number, "vip": p.vip}
    values.update(p.optional)
    return values


def _address_values(p: _CustomerRow) -> dict:
    return {
        "name": p.name,
        "street": p.street,
        "postal_code": p.postal_code,
        "city": p.city,
        "country": p.country,
    }


def _customer_changes(
    current: Customer, p: _CustomerRow, address: Address | None, senders: dict[str, CustomerSender]
) -> bool:
    if any(getattr(current, k) != v for k, v in _customer_values(p).items()):
        return True
    if p.rep_email and (current.sales_rep is None or current.sales_rep.email != p.rep_email):
        return True
    wanted = _address_values(p)
    if address is None:
        if any(wanted[k] for k in ("street", "postal_code", "city", "country")):
            return True
    elif any(getattr(address, k) != v for k, v in wanted.items()):
        return True
    return any(
        domain not in senders or senders[domain].customer_id != current.pk for domain in p.domains
    )


def _bill_to_addresses(tenant: Tenant) -> dict[int, Address]:
    """The main bill-to address of each customer of the tenant."""
    current: dict[int, Address] = {}
    for address in (
        Address.objects.for_tenant(tenant)
        .filter(kind=AddressKind.BILL_TO)
        .order_by("-is_default", "pk")
    ):
        current.setdefault(address.customer_id, address)
    return current


def _customers_apply(
    *,
    tenant: Tenant,
    parsed: list[_CustomerRow],
    existing: dict[str, Customer],
    addresses: dict[int, Address],
    senders: dict[str, CustomerSender],
) -> None:
    now = timezone.now()
    reps = _sales_reps_ensure(tenant=tenant, emails={p.rep_email for p in parsed if p.rep_email})
    to_create, to_update = [], []
    for p in parsed:
        values = _customer_values(p)
        rep = reps.get(p.rep_email) if p.rep_email else None
        current = existing.get(p.code)
        if current is None:
            to_create.append(
                Customer(
                    tenant=tenant,
                    code=p.code,
                    sales_rep=rep,
                    currency=p.optional.get("currency", tenant.currency),
                    language=p.optional.get("language", tenant.locale[:2] or "en"),
                    **{k: v for k, v in values.items() if k not in ("currency", "language")},
                )
            )
        else:
            changed = any(getattr(current, k) != v for k, v in values.items())
            if rep is not None and current.sales_rep_id != rep.pk:
                changed = True
            if changed:
                for k, v in values.items():
                    setattr(current, k, v)
                if rep is not None:
                    current.sales_rep = rep
                current.updated_at = now
                to_update.append(current)
    Customer.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    Customer.objects.bulk_update(
        to_update,
        [
            *CUSTOMER_FIELDS[:3],
            "language",
            "currency",
            "segment",
            "payment_terms",
            "sales_rep",
            "updated_at",
        ],
        batch_size=BATCH_SIZE,
    )
    ids = dict(Customer.objects.for_tenant(tenant).values_list("code", "pk"))
    _bill_to_addresses_upsert(tenant=tenant, parsed=parsed, ids=ids, current=addresses)
    _domains_upsert(tenant=tenant, parsed=parsed, ids=ids, current=senders)


def _sales_reps_ensure(*, tenant: Tenant, emails: set[str]) -> dict[str, User]:
    """The sales reps by email; a missing one is created inactive, with a sales_rep membership."""
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    for email in sorted(emails - users.keys()):
        users[email] = User.objects.create_user(email=email, password=None, is_active=False)
    members = set(
        Membership.objects.filter(tenant=tenant, user__in=users.values()).values_list(
            "user_id", flat=True
        )
    )
    Membership.objects.bulk_create(
        [
            Membership(tenant=tenant, user=user, role=Role.SALES_REP)
            for user in users.values()
            if user.pk not in members and not user.is_portal_user
        ]
    )
    return users


def _bill_to_addresses_upsert(
    *, tenant: Tenant, parsed: list[_CustomerRow], ids: dict[str, int], current: dict[int, Address]
) -> None:
    to_create, to_update = [], []
    for p in parsed:
        wanted = _address_values(p)
        customer_id = ids[p.code]
        address = current.get(customer_id)
        if address is None:
            if any(wanted[k] for k in ("street", "postal_code", "city", "country")):
                to_create.append(
                    Address(
                        tenant=tenant,
                        customer_id=customer_id,
                        kind=AddressKind.BILL_TO,
                        is_default=True,
                        **wanted,
                    )
                )
        elif any(getattr(address, k) != v for k, v in wanted.items()):
            for k, v in wanted.items():
                setattr(address, k, v)
            to_update.append(address)
    Address.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    Address.objects.bulk_update(
        to_update, ["name", "street", "postal_code", "city", "country"], batch_size=BATCH_SIZE
    )


def _domains_upsert(
    *,
    tenant: Tenant,
    parsed: list[_CustomerRow],
    ids: dict[str, int],
    current: dict[str, CustomerSender],
) -> None:
    """Adds the listed domains; a domain that belonged to another customer moves to this one."""
    to_create, to_update = [], []
    for p in parsed:
        customer_id = ids[p.code]
        for domain in p.domains:
            sender = current.get(domain)
            if sender is None:
                to_create.append(
                    CustomerSender(
                        tenant=tenant, customer_id=customer_id, kind=SenderKind.DOMAIN, value=domain
                    )
                )
            elif sender.customer_id != customer_id:
                sender.customer_id = customer_id
                to_update.append(sender)
    CustomerSender.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    CustomerSender.objects.bulk_update(to_update, ["customer"], batch_size=BATCH_SIZE)
