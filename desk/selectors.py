"""Reads of the order desk: the queue, the next order, the review page's data, the dashboard."""

from __future__ import annotations

import statistics
import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from catalog.models import CustomerProductAlias, Product
from customers.models import Customer
from desk.extraction import candidates as ranked_candidates
from desk.models import LOCK_TTL, DeskLock
from orders.models import Order, OrderChannel, OrderEvent, OrderLine, OrderStatus
from tenants.models import Tenant

S = OrderStatus
DEFAULT_SLA_MINUTES = 60
QUEUE_STATUSES = {"needs_review": (S.NEEDS_REVIEW,), "on_hold": (S.ON_HOLD,)}
QUEUE_LIMIT = 300


def desk_settings(tenant: Tenant) -> dict:
    raw = (tenant.settings or {}).get("desk") if isinstance(tenant.settings, dict) else None
    return raw if isinstance(raw, dict) else {}


def desk_sla_minutes(tenant: Tenant) -> int:
    try:
        minutes = int(desk_settings(tenant).get("sla_minutes", DEFAULT_SLA_MINUTES))
    except (TypeError, ValueError):
        return DEFAULT_SLA_MINUTES
    return minutes if minutes > 0 else DEFAULT_SLA_MINUTES


def live_lock(order: Order, now: datetime | None = None) -> DeskLock | None:
    """The order's lock if someone renewed it recently (uses a select_related lock when loaded)."""
    try:
        lock = order.desk_lock
    except DeskLock.DoesNotExist:
        return None
    return lock if lock is not None and lock.is_live(now) else None


def claim_of(order: Order):
    try:
        return order.desk_claim
    except Order.desk_claim.RelatedObjectDoesNotExist:
        return None


# ---------------------------------------------------------------- the queue


@dataclass(frozen=True)
class QueueFilters:
    status: str = "needs_review"
    channel: str = ""
    customer: int | None = None
    rep: int | None = None
    issue: str = ""
    mine: bool = False

    @classmethod
    def from_query(cls, query) -> QueueFilters:
        def as_int(name: str) -> int | None:
            try:
                return int(query.get(name, ""))
            except ValueError:
                return None

        status = query.get("status", "needs_review")
        return cls(
            status=status if status in QUEUE_STATUSES else "needs_review",
            channel=query.get("channel", "")[:10],
            customer=as_int("customer"),
            rep=as_int("rep"),
            issue=query.get("issue", "")[:40],
            mine=query.get("mine") in ("1", "on", "true"),
        )


@dataclass
class QueueRow:
    order: Order
    waited_minutes: int
    sla_minutes: int
    issue_codes: list[str]
    blocking: int
    lock: DeskLock | None
    claim: object | None

    @property
    def sla_ratio(self) -> float:
        return self.waited_minutes / self.sla_minutes

    @property
    def sla_state(self) -> str:
        ratio = self.sla_ratio
        return "late" if ratio >= 1 else "soon" if ratio >= 0.75 else "ok"

    @property
    def sla_percent(self) -> int:
        return min(100, round(self.sla_ratio * 100))

    @property
    def minutes_left(self) -> int:
        return self.sla_minutes - self.waited_minutes

    @property
    def minutes_late(self) -> int:
        return max(0, -self.minutes_left)


@dataclass
class Queue:
    rows: list[QueueRow]
    total: int  # orders in the queue, before the filters
    matching: int  # orders that match the filters (rows may be cut at QUEUE_LIMIT)
    issue_counts: list[tuple[str, int]]
    customers: list[tuple[int, str]] = field(default_factory=list)
    reps: list[tuple[int, str]] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    sla_minutes: int = DEFAULT_SLA_MINUTES
    late: int = 0


def _queue_queryset(tenant: Tenant, statuses) -> object:
    return (
        Order.objects.for_tenant(tenant)
        .filter(status__in=statuses)
        .select_related("customer", "customer__sales_rep", "desk_lock__user", "desk_claim__user")
        .annotate(arrived=Coalesce("received_at", "created_at"))
        .order_by("arrived", "pk")
    )


def desk_queue(
    *, tenant: Tenant, user, filters: QueueFilters, now: datetime | None = None
) -> Queue:
    """Orders waiting for the desk, the most overdue first, with facet counts per issue type."""
    now = now or timezone.now()
    sla = desk_sla_minutes(tenant)
    orders = list(
        _queue_queryset(tenant, QUEUE_STATUSES[filters.status]).defer(
            "extraction", "notes", "ship_to_address"
        )
    )
    customers: dict[int, str] = {}
    reps: dict[int, str] = {}
    channels: set[str] = set()
    issue_counts: Counter[str] = Counter()
    rows: list[QueueRow] = []
    matching = 0
    late = 0
    for order in orders:
        if order.customer_id:
            customers[order.customer_id] = str(order.customer)
            if order.customer.sales_rep_id:
                reps[order.customer.sales_rep_id] = str(order.customer.sales_rep)
        channels.add(order.channel)
        codes = sorted(
            {
                str(i.get("code"))
                for i in (order.issues or [])
                if isinstance(i, dict) and i.get("code")
            }
        )
        claim = claim_of(order)
        if filters.channel and order.channel != filters.channel:
            continue
        if filters.customer and order.customer_id != filters.customer:
            continue
        if filters.rep and (order.customer is None or order.customer.sales_rep_id != filters.rep):
            continue
        if filters.mine and (claim is None or claim.user_id != user.pk):
            continue
        issue_counts.update(codes)
        if filters.issue and filters.issue not in codes:
            continue
        waited = max(0, int((now - order.arrived).total_seconds() // 60))
        matching += 1
        if waited >= sla:
            late += 1
        if len(rows) < QUEUE_LIMIT:
            blocking = sum(
                1 for i in order.issues or [] if isinstance(i, dict) and i.get("blocking", True)
            )
            rows.append(
                QueueRow(
                    order=order,
                    waited_minutes=waited,
                    sla_minutes=sla,
                    issue_codes=codes,
                    blocking=blocking,
                    lock=live_lock(order, now),
                    claim=claim,
                )
            )
    return Queue(
        rows=rows,
        total=len(orders),
        matching=matching,
        issue_counts=sorted(issue_counts.items(), key=lambda kv: (-kv[1], kv[0])),
        customers=sorted(customers.items(), key=lambda kv: kv[1]),
        reps=sorted(reps.items(), key=lambda kv: kv[1]),
        channels=sorted(channels),
        sla_minutes=sla,
        late=late,
    )


def desk_next_order(*, tenant: Tenant, user, after: Order | None = None) -> Order | None:
    """The order this person should open next: theirs first, then nobody's, most overdue first.

    Orders someone else has open (a live lock) or claimed are skipped.
    """
    cutoff = timezone.now() - LOCK_TTL
    queryset = _queue_queryset(tenant, (S.NEEDS_REVIEW,)).filter(
        Q(desk_lock__isnull=True) | Q(desk_lock__heartbeat_at__lte=cutoff) | Q(desk_lock__user=user)
    )
    if after is not None:
        queryset = queryset.exclude(pk=after.pk)
    mine = queryset.filter(desk_claim__user=user).first()
    if mine is not None:
        return mine
    return queryset.filter(desk_claim__isnull=True).first()


# ---------------------------------------------------------------- the review page


def review_order(*, tenant: Tenant, pk) -> Order:
    from tenants.access import get_for_tenant_or_404

    return get_for_tenant_or_404(
        Order.objects.select_related(
            "customer",
            "customer__sales_rep",
            "source_document",
            "source_document__message",
            "duplicate_of",
        ),
        tenant=tenant,
        pk=pk,
    )


def review_lines(order: Order) -> list[OrderLine]:
    return list(order.lines.select_related("product").order_by("position", "pk"))


def duplicate_candidates(order: Order) -> list[Order]:
    """Other orders that look like this one: same customer and PO number, or marked so."""
    query = Q(pk=order.duplicate_of_id) if order.duplicate_of_id else Q(pk__in=[])
    if order.customer_id and order.po_number:
        query |= Q(customer_id=order.customer_id, po_number=order.po_number)
    return list(
        Order.objects.for_tenant(order.tenant_id)
        .filter(query)
        .exclude(pk=order.pk)
        .exclude(status__in=(S.CANCELLED, S.REJECTED))
        .select_related("customer")
        .order_by("-created_at")[:10]
    )


def product_search(
    *,
    tenant: Tenant,
    query: str,
    customer: Customer | None = None,
    line: OrderLine | None = None,
    limit: int = 12,
) -> list[dict]:
    """Products for the autocomplete: the line's ranked candidates first, then by SKU, GTIN,
    the customer's own part number and description, each with why it is proposed."""
    query = query.strip()
    found: dict[int, dict] = {}
    products = Product.objects.for_tenant(tenant).filter(active=True)

    def add(product: Product, reason: str, score: float | None = None) -> None:
        if product.pk not in found and len(found) < limit:
            found[product.pk] = {"product": product, "reason": reason, "score": score}

    if line is not None and not query:
        ranked = ranked_candidates(line.extraction)
        by_id = products.in_bulk([c["product_id"] for c in ranked])
        for candidate in ranked:
            if candidate["product_id"] in by_id:
                add(
                    by_id[candidate["product_id"]],
                    candidate["reason"] or "match",
                    candidate["score"],
                )
        if line.customer_sku and customer is not None:
            for alias in (
                CustomerProductAlias.objects.for_tenant(tenant)
                .filter(customer=customer, customer_sku__iexact=line.customer_sku)
                .select_related("product")
            ):
                add(alias.product, "alias")
        return list(found.values())
    if not query:
        return []
    for product in products.filter(sku__iexact=query):
        add(product, "sku")
    if query.isdigit():
        for product in products.filter(gtin=query):
            add(product, "gtin")
    if customer is not None:
        for alias in (
            CustomerProductAlias.objects.for_tenant(tenant)
            .filter(customer=customer)
            .filter(customer_sku__istartswith=query)
            .select_related("product")[:limit]
        ):
            if alias.product.active:
                add(alias.product, "alias")
    for product in products.filter(sku__istartswith=query)[:limit]:
        add(product, "sku")
    if query.isdigit() and len(query) >= 4:
        for product in products.filter(gtin__startswith=query)[:limit]:
            add(product, "gtin")
    words = [w for w in query.split() if w]
    description_query = products
    for word in words:
        description_query = description_query.filter(
            Q(description__icontains=word) | Q(sku__icontains=word)
        )
    for product in description_query[:limit]:
        add(product, "description")
    return list(found.values())


def customer_search(*, tenant: Tenant, query: str, limit: int = 12) -> list[Customer]:
    query = query.strip()
    if not query:
        return []
    customers = Customer.objects.for_tenant(tenant).filter(active=True)
    match = Q(code__istartswith=query) | Q(name__icontains=query) | Q(vat_number__iexact=query)
    if "@" in query or "." in query:
        match |= Q(senders__value__iexact=query.split("@")[-1]) | Q(senders__value__iexact=query)
    return list(customers.filter(match).distinct().order_by("name")[:limit])


# ---------------------------------------------------------------- the dashboard


def _zone(tenant: Tenant):
    try:
        return zoneinfo.ZoneInfo(tenant.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_current_timezone()


def _day_bounds(day: date, zone) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, start + timedelta(days=1)


@dataclass
class DaySeries:
    days: list[date]
    received: list[int]
    received_by_channel: dict[str, list[int]]
    queue_size: list[int]
    touchless_rate: list[float | None]
    median_minutes: list[float | None]
    corrections: list[int]
    decided: list[int]


@dataclass
class Dashboard:
    today: date
    received_today: list[tuple[str, int]]
    received_today_total: int
    queue_size: int
    queue_oldest_minutes: int | None
    queue_median_minutes: int | None
    late: int
    sla_minutes: int
    touchless_rate: float | None  # over the period
    median_minutes: float | None  # received → validated, over the period
    corrections_by_field: list[tuple[str, int]]
    throughput: list[dict]  # per person: name, total, per day
    series: DaySeries


def desk_dashboard(*, tenant: Tenant, days: int = 14, now: datetime | None = None) -> Dashboard:
    """Every figure of the order desk dashboard, for today and for each of the last ``days`` days."""
    now = now or timezone.now()
    zone = _zone(tenant)
    today = now.astimezone(zone).date()
    day_list = [today - timedelta(days=days - 1 - i) for i in range(days)]
    start, _end = _day_bounds(day_list[0], zone)
    index = {d: i for i, d in enumerate(day_list)}

    def day_of(moment: datetime) -> int | None:
        return index.get(moment.astimezone(zone).date())

    orders = Order.objects.for_tenant(tenant)
    received = [0] * days
    by_channel: dict[str, list[int]] = defaultdict(lambda: [0] * days)
    for arrived, channel in (
        orders.annotate(arrived=Coalesce("received_at", "created_at"))
        .filter(arrived__gte=start)
        .values_list("arrived", "channel")
    ):
        i = day_of(arrived)
        if i is not None:
            received[i] += 1
            by_channel[channel][i] += 1

    validated_per_day: list[list[float]] = [[] for _ in range(days)]
    touchless = [0] * days
    validated_count = [0] * days
    all_waits: list[float] = []
    all_touchless = 0
    for arrived, validated_at, auto in (
        orders.filter(validated_at__gte=start)
        .annotate(arrived=Coalesce("received_at", "created_at"))
        .values_list("arrived", "validated_at", "auto_approved")
    ):
        i = day_of(validated_at)
        if i is None:
            continue
        minutes = max(0.0, (validated_at - arrived).total_seconds() / 60)
        validated_per_day[i].append(minutes)
        all_waits.append(minutes)
        validated_count[i] += 1
        if auto:
            touchless[i] += 1
            all_touchless += 1

    corrections = [0] * days
    by_field: Counter[str] = Counter()
    for created_at, data in (
        OrderEvent.objects.for_tenant(tenant)
        .filter(kind="field_corrected", created_at__gte=start)
        .values_list("created_at", "data")
    ):
        i = day_of(created_at)
        if i is not None:
            corrections[i] += 1
            by_field[str((data or {}).get("field", "?"))] += 1

    decided = [0] * days
    people: dict[int, dict] = {}
    decisions = (
        OrderEvent.objects.for_tenant(tenant)
        .filter(
            kind="status_changed",
            created_at__gte=start,
            actor__isnull=False,
            from_status__in=(S.NEEDS_REVIEW, S.ON_HOLD),
            to_status__in=(S.VALIDATED, S.REJECTED, S.CANCELLED),
        )
        .select_related("actor")
    )
    for event in decisions:
        i = day_of(event.created_at)
        if i is None:
            continue
        decided[i] += 1
        person = people.setdefault(
            event.actor_id, {"name": str(event.actor), "total": 0, "per_day": [0] * days}
        )
        person["total"] += 1
        person["per_day"][i] += 1

    queue_size = _queue_size_per_day(tenant, day_list, zone, now)
    waiting = [
        now - a
        for a in orders.filter(status=S.NEEDS_REVIEW)
        .annotate(arrived=Coalesce("received_at", "created_at"))
        .values_list("arrived", flat=True)
    ]
    waiting_minutes = sorted(int(w.total_seconds() // 60) for w in waiting)
    sla = desk_sla_minutes(tenant)
    today_index = days - 1
    total_validated = sum(validated_count)
    return Dashboard(
        today=today,
        received_today=sorted(
            ((_channel_label(c), v[today_index]) for c, v in by_channel.items() if v[today_index]),
            key=lambda kv: -kv[1],
        ),
        received_today_total=received[today_index],
        queue_size=len(waiting_minutes),
        queue_oldest_minutes=waiting_minutes[-1] if waiting_minutes else None,
        queue_median_minutes=int(statistics.median(waiting_minutes)) if waiting_minutes else None,
        late=sum(1 for m in waiting_minutes if m >= sla),
        sla_minutes=sla,
        touchless_rate=all_touchless / total_validated if total_validated else None,
        median_minutes=statistics.median(all_waits) if all_waits else None,
        corrections_by_field=by_field.most_common(),
        throughput=sorted(people.values(), key=lambda p: -p["total"]),
        series=DaySeries(
            days=day_list,
            received=received,
            received_by_channel=dict(by_channel),
            queue_size=queue_size,
            touchless_rate=[
                touchless[i] / validated_count[i] if validated_count[i] else None
                for i in range(days)
            ],
            median_minutes=[statistics.median(v) if v else None for v in validated_per_day],
            corrections=corrections,
            decided=decided,
        ),
    )


def _channel_label(channel: str) -> str:
    return str(OrderChannel(channel).label) if channel in OrderChannel.values else channel


def _queue_size_per_day(tenant: Tenant, day_list: list[date], zone, now: datetime) -> list[int]:
    """How many orders waited for review at the end of each day, from the status events."""
    horizon = _day_bounds(day_list[0], zone)[0] - timedelta(days=30)
    spans: dict[int, list[datetime | None]] = {}
    events = (
        OrderEvent.objects.for_tenant(tenant)
        .filter(kind="status_changed", created_at__gte=horizon)
        .filter(Q(to_status=S.NEEDS_REVIEW) | Q(from_status=S.NEEDS_REVIEW))
        .order_by("created_at", "pk")
        .values_list("order_id", "created_at", "to_status")
    )
    intervals: list[tuple[datetime, datetime | None]] = []
    exits_without_entry: list[tuple[int, datetime]] = []
    for order_id, created_at, to_status in events:
        if to_status == S.NEEDS_REVIEW:
            spans[order_id] = [created_at, None]
        elif order_id in spans:
            intervals.append((spans.pop(order_id)[0], created_at))  # type: ignore[arg-type]
        else:  # created straight into review (no entry event): it waited since it arrived
            exits_without_entry.append((order_id, created_at))
    intervals += [(span[0], None) for span in spans.values()]  # type: ignore[misc]
    waiting = (
        Order.objects.for_tenant(tenant).filter(status=S.NEEDS_REVIEW).exclude(pk__in=list(spans))
    )
    arrived = dict(
        Order.objects.for_tenant(tenant)
        .filter(Q(pk__in=[o for o, _ in exits_without_entry]) | Q(pk__in=waiting.values("pk")))
        .annotate(arrived=Coalesce("received_at", "created_at"))
        .values_list("pk", "arrived")
    )
    left_at = dict(exits_without_entry)
    intervals += [(moment, left_at.get(pk)) for pk, moment in arrived.items()]
    sizes = []
    for day in day_list:
        moment = min(_day_bounds(day, zone)[1], now)
        sizes.append(
            sum(
                1
                for entered, left in intervals
                if entered <= moment and (left is None or left > moment)
            )
        )
    return sizes


__all__ = [
    "Dashboard",
    "Queue",
    "QueueFilters",
    "customer_search",
    "desk_dashboard",
    "desk_next_order",
    "desk_queue",
    "desk_sla_minutes",
    "duplicate_candidates",
    "live_lock",
    "product_search",
    "review_lines",
    "review_order",
]
