"""The order desk workspace: the queue, the review page and its HTMX endpoints, the dashboard.

Views stay thin: they read through ``desk.selectors``, validate through ``desk.forms`` and
write through ``desk.services``. Every object comes through a tenant-scoped lookup.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from desk import presenters, selectors
from desk import services as desk
from desk.forms import clean_subset, header_fields, line_fields
from desk.models import HEARTBEAT_SECONDS
from ingestion.models import Document, DocumentKind, PageImage
from orders.models import Order, OrderChannel, OrderLine
from orders.services import OrderError
from tenants.access import get_for_tenant_or_404
from tenants.models import Role
from tenants.roles import staff_view

A, M, S, D = Role.ADMIN, Role.MANAGER, Role.SALES_REP, Role.ORDER_DESK
VIEWERS = (A, M, D, S)  # sales reps look, read-only
EDITORS = (A, M, D)
MAX_TEXT_WORDS = 6000


def _order(request: HttpRequest, pk) -> Order:
    return get_for_tenant_or_404(Order, tenant=request.tenant, pk=pk)


def _line(request: HttpRequest, order: Order, line_pk) -> OrderLine:
    return get_for_tenant_or_404(
        OrderLine.objects.select_related("product"), tenant=request.tenant, pk=line_pk, order=order
    )


def _can_edit(request: HttpRequest, order: Order) -> bool:
    return request.role in EDITORS and order.status in desk.EDITABLE_STATUSES


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def _go(request: HttpRequest, url: str) -> HttpResponse:
    if request.htmx:
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)


# ---------------------------------------------------------------- queue


@staff_view(*VIEWERS)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    filters = selectors.QueueFilters.from_query(request.GET)
    data = selectors.desk_queue(tenant=request.tenant, user=request.user, filters=filters)
    query = request.GET.copy()
    query.pop("issue", None)
    for row in data.rows:
        row.labels = [(code, presenters.issue_label(code)) for code in row.issue_codes]
    context = {
        "queue": data,
        "filters": filters,
        "issue_counts": [(code, presenters.issue_label(code), n) for code, n in data.issue_counts],
        "channels": [
            (c, OrderChannel(c).label if c in OrderChannel.values else c) for c in data.channels
        ],
        "query_without_issue": query.urlencode(),
        "query": request.GET.urlencode(),
        "can_edit": request.role in EDITORS,
        "status_choices": [("needs_review", _("Needs review")), ("on_hold", _("On hold"))],
    }
    template = "desk/queue.html#queue" if request.htmx else "desk/queue.html"
    return render(request, template, context)


@staff_view(*VIEWERS)
@require_GET
def next_order(request: HttpRequest) -> HttpResponse:
    after = None
    if request.GET.get("after"):
        after = (
            Order.objects.for_tenant(request.tenant).filter(pk=request.GET["after"]).first()
            if request.GET["after"].isdigit()
            else None
        )
    order = selectors.desk_next_order(tenant=request.tenant, user=request.user, after=after)
    if order is None:
        messages.success(request, _("The queue is empty. Well done."))
        return redirect("desk:queue")
    return redirect("desk:review", pk=order.pk)


@staff_view(*EDITORS)
@require_POST
def claim(request: HttpRequest, pk) -> HttpResponse:
    order = _order(request, pk)
    if request.POST.get("release"):
        desk.order_unclaim(order=order, actor=request.user)
    else:
        desk.order_claim(order=order, user=request.user)
    if request.htmx:
        return HttpResponse(status=204, headers={"HX-Trigger": "queue-changed"})
    return redirect(_back(request, reverse("desk:queue")))


# ---------------------------------------------------------------- review page


def _document_context(order: Order) -> dict:
    document = order.source_document
    if document is None:
        return {
            "document": None,
            "pages": [],
            "words": {},
            "text_lines": [],
            "message": None,
            "attachments": [],
        }
    layout = document.layout if isinstance(document.layout, dict) else {}
    layout_pages = {p.get("number"): p for p in layout.get("pages", []) if isinstance(p, dict)}
    pages = []
    words: dict[int, list] = {}
    for page in (
        PageImage.objects.for_tenant(order.tenant_id).filter(document=document).order_by("number")
    ):
        info = layout_pages.get(page.number, {})
        pages.append(
            {"image": page, "width": info.get("width") or "", "height": info.get("height") or ""}
        )
        words[page.number] = [w[:5] for w in info.get("words", [])]
    text_lines: list[list[dict]] = []
    if not pages and layout_pages:
        # An email body or a sheet: the words themselves, row by row, as clickable text.
        count = 0
        for number, info in sorted(layout_pages.items()):
            rows: dict[float, list] = {}
            for w in info.get("words", []):
                rows.setdefault(round(float(w[2]) / 4), []).append(w)
                count += 1
                if count > MAX_TEXT_WORDS:
                    break
            for key in sorted(rows):
                text_lines.append(
                    [
                        {"text": w[0], "box": f"{number}:{w[1]:g},{w[2]:g},{w[3]:g},{w[4]:g}"}
                        for w in sorted(rows[key], key=lambda w: w[1])
                    ]
                )
    message = document.message
    attachments = list(
        Document.objects.for_tenant(order.tenant_id)
        .filter(message=message)
        .exclude(kind=DocumentKind.BODY)
        .order_by("pk")
        .only("pk", "filename", "kind", "size", "status", "content_type")
    )
    return {
        "document": document,
        "pages": pages,
        "words": words,
        "text_lines": text_lines,
        "message": message if message.channel == "email" else None,
        "attachments": attachments,
    }


# Headers of a request made ahead of a click (link prefetch, prerender, previews): nobody looks yet.
PREFETCH_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")


def is_prefetch(request: HttpRequest) -> bool:
    """A speculative fetch (``Sec-Purpose: prefetch``, ``Purpose: prefetch``, ``X-Moz: prefetch``,
    ``X-Purpose: preview``) or an htmx preload, not a person opening the page."""
    if request.headers.get("HX-Preloaded"):
        return True
    for name in PREFETCH_HEADERS:
        value = request.headers.get(name, "").lower()
        if "prefetch" in value or "prerender" in value or "preview" in value:
            return True
    return False


def _takes_lock(request: HttpRequest) -> bool:
    """Only a person opening the page takes the lock on render; the page's heartbeat keeps it.

    A HEAD (link checkers) or a prefetch only reads: its page takes the lock from the browser
    once it is really shown (review.js), or never.
    """
    return request.method == "GET" and not is_prefetch(request)


def _review_context(request: HttpRequest, order: Order) -> dict:
    thresholds = presenters.thresholds_for(request.tenant)
    issues = presenters.order_issues(order)
    lines = selectors.review_lines(order)
    line_ids = [line.pk for line in lines]
    can_edit = _can_edit(request, order)
    columns = presenters.columns_for(lines)
    lock = None
    heartbeat = can_edit and order.status in desk.EDITABLE_STATUSES
    taken = heartbeat and _takes_lock(request)
    if order.status in desk.EDITABLE_STATUSES:
        lock = (
            desk.lock_acquire(order=order, user=request.user)
            if taken
            else selectors.live_lock(order)
        )
    claim_row = selectors.claim_of(order)
    context = {
        "order": order,
        "can_edit": can_edit,
        "header": presenters.header_cells(order, thresholds=thresholds, issues=issues),
        "rows": presenters.render_rows(
            presenters.line_rows(lines, thresholds=thresholds, issues=issues, columns=columns),
            can_edit=can_edit,
            span=len(columns) + (2 if can_edit else 1),
        ),
        "columns": columns,
        "issues": presenters.issue_list(order, issues, line_ids),
        "totals": presenters.totals(order),
        "lock": lock,
        "lock_heartbeat": heartbeat,
        # rendered without taking the lock: the browser takes it when the page is really shown
        "lock_pending": heartbeat and not taken,
        "claim": claim_row,
        "duplicates": selectors.duplicate_candidates(order) if can_edit else [],
        "events": list(order.events.select_related("actor").order_by("-created_at", "-pk")[:25]),
        "heartbeat": HEARTBEAT_SECONDS,
        "order_types": Order._meta.get_field("order_type").choices,
        "line_marker": LINE_MARKER,
        **_document_context(order),
    }
    return context


LINE_MARKER = 987654321


@staff_view(*VIEWERS)
@require_safe
def review(request: HttpRequest, pk) -> HttpResponse:
    order = selectors.review_order(tenant=request.tenant, pk=pk)
    context = _review_context(request, order)
    return render(request, "desk/review.html", context)


@staff_view(*EDITORS)
@require_POST
def lock(request: HttpRequest, pk) -> HttpResponse:
    """Heartbeat of the review page (and "take over" with ``force``): renders the lock banner."""
    order = _order(request, pk)
    held = None
    if order.status in desk.EDITABLE_STATUSES:
        held = desk.lock_acquire(
            order=order, user=request.user, force=bool(request.POST.get("force"))
        )
    context = {
        "order": order,
        "lock": held,
        "can_edit": True,
        "lock_heartbeat": held is not None,
        "heartbeat": HEARTBEAT_SECONDS,
    }
    if not request.htmx:
        return redirect("desk:review", pk=order.pk)
    return render(request, "desk/review.html#lock", context)


def _moment(text: str):
    try:
        moment = parse_datetime(text.strip()[:40])
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


@staff_view(*EDITORS)
@require_POST
def unlock(request: HttpRequest, pk) -> HttpResponse:
    order = _order(request, pk)
    # The page sends the heartbeat it last saw: a newer one means the order was opened again
    # since (another tab, or this one reloaded before the beacon arrived), and the lock stays.
    seen = request.POST.get("heartbeat", "")
    moment = _moment(seen) if seen else None
    if seen and moment is None:
        return HttpResponse(status=204)  # unreadable: the lock expires on its own
    desk.lock_release(order=order, user=request.user, heartbeat_at=moment)
    return HttpResponse(status=204)


def _refused(request: HttpRequest, order: Order, error: Exception) -> HttpResponse:
    if request.htmx:
        return render(
            request, "desk/review.html#refused", {"flash": str(error), "flash_kind": "error"}
        )
    messages.error(request, str(error))
    return redirect("desk:review", pk=order.pk)


def _fragments(
    request: HttpRequest,
    order: Order,
    *,
    header: list[dict] | None = None,
    row: dict | None = None,
    flash: str = "",
    span: int = 0,
) -> HttpResponse:
    """The out-of-band pieces refreshed after a save: the fields, totals, issues and history."""
    order.refresh_from_db()
    line_ids = list(order.lines.order_by("position", "pk").values_list("pk", flat=True))
    issues = presenters.order_issues(order)
    context = {
        "order": order,
        "can_edit": True,
        "header_oob": header or [],
        "row": row,
        "issues": presenters.issue_list(order, issues, line_ids),
        "totals": presenters.totals(order),
        "flash": flash,
        "oob": True,
        "span": span,
    }
    return render(request, "desk/review.html#saved", context)


@staff_view(*EDITORS)
@require_POST
def header_save(request: HttpRequest, pk) -> HttpResponse:
    order = _order(request, pk)
    values, errors = clean_subset(header_fields(request.tenant), request.POST)
    if not errors:
        try:
            order = desk.order_header_update(order=order, values=values, actor=request.user)
        except (desk.DeskError, OrderError) as error:
            return _refused(request, order, error)
    if not request.htmx:
        for name, problems in errors.items():
            messages.error(
                request, f"{presenters.HEADER_LABELS.get(name, name)}: {' '.join(problems)}"
            )
        return redirect("desk:review", pk=order.pk)
    order.refresh_from_db()
    thresholds = presenters.thresholds_for(request.tenant)
    cells = presenters.header_cells(
        order,
        thresholds=thresholds,
        issues=presenters.order_issues(order),
        errors=errors,
        raw={k: v for k, v in request.POST.items()},
        only=[k for k in request.POST if k in presenters.HEADER_LABELS],
    )
    return _fragments(request, order, header=cells)


@staff_view(*EDITORS)
@require_POST
def line_save(request: HttpRequest, pk, line_pk) -> HttpResponse:
    order = _order(request, pk)
    line = _line(request, order, line_pk)
    values, errors = clean_subset(line_fields(request.tenant), request.POST)
    if not errors:
        try:
            line = desk.order_line_update(line=line, values=values, actor=request.user)
        except (desk.DeskError, OrderError) as error:
            return _refused(request, order, error)
    if not request.htmx:
        for name, problems in errors.items():
            messages.error(request, f"{name}: {' '.join(problems)}")
        return redirect("desk:review", pk=order.pk)
    line = _line(request, order, line.pk)
    order.refresh_from_db()
    index = list(order.lines.order_by("position", "pk").values_list("pk", flat=True)).index(line.pk)
    row = presenters.line_row(
        line,
        index,
        thresholds=presenters.thresholds_for(request.tenant),
        issues=presenters.order_issues(order),
        errors=errors,
        raw=dict(request.POST.items()),
    )
    row["only"] = [k for k in request.POST if k in {c[0] for c in presenters.LINE_COLUMNS}]
    dated = order.lines.exclude(requested_date=None).exists()
    presenters.render_rows(
        [row], can_edit=True, span=len(presenters.LINE_COLUMNS) + (2 if dated else 1)
    )
    return _fragments(request, order, row=row)


def _lines_response(request: HttpRequest, order: Order, focus: str = "") -> HttpResponse:
    if not request.htmx:
        return redirect("desk:review", pk=order.pk)
    order.refresh_from_db()
    issues = presenters.order_issues(order)
    lines = selectors.review_lines(order)
    columns = presenters.columns_for(lines)
    thresholds = presenters.thresholds_for(request.tenant)
    context = {
        "order": order,
        "can_edit": True,
        "columns": columns,
        "span": len(columns) + 2,
        "rows": presenters.render_rows(
            presenters.line_rows(lines, thresholds=thresholds, issues=issues, columns=columns),
            can_edit=True,
            span=len(columns) + 2,
        ),
        "issues": presenters.issue_list(order, issues, [line.pk for line in lines]),
        "totals": presenters.totals(order),
        "oob": True,
        "line_marker": LINE_MARKER,
    }
    response = render(request, "desk/review.html#lines_changed", context)
    if focus:
        response["HX-Trigger-After-Settle"] = json.dumps({"desk:focus": focus})
    return response


@staff_view(*EDITORS)
@require_POST
def line_add(request: HttpRequest, pk) -> HttpResponse:
    order = _order(request, pk)
    after = None
    if request.POST.get("after", "").isdigit():
        after = (
            OrderLine.objects.for_tenant(request.tenant)
            .filter(order=order, pk=request.POST["after"])
            .first()
        )
    try:
        line = desk.order_line_add(order=order, actor=request.user, after=after)
    except (desk.DeskError, OrderError) as error:
        return _refused(request, order, error)
    return _lines_response(request, order, focus=presenters.line_input_id(line.pk, "product"))


@staff_view(*EDITORS)
@require_POST
def line_action(request: HttpRequest, pk, line_pk, action: str) -> HttpResponse:
    order = _order(request, pk)
    line = _line(request, order, line_pk)
    focus = ""
    try:
        if action == "split":
            quantity = None
            if request.POST.get("quantity"):
                try:
                    quantity = Decimal(request.POST["quantity"].replace(",", "."))
                except InvalidOperation:
                    raise desk.DeskError(_("Enter the quantity to split off as a number."))
            new_line = desk.order_line_split(line=line, quantity=quantity, actor=request.user)
            focus = presenters.line_input_id(new_line.pk, "quantity")
        elif action == "delete":
            desk.order_line_delete(line=line, actor=request.user)
        elif action in ("up", "down"):
            desk.order_line_move(line=line, offset=-1 if action == "up" else 1, actor=request.user)
            focus = request.POST.get("focus", "")
        else:
            raise Http404
    except (desk.DeskError, OrderError) as error:
        return _refused(request, order, error)
    return _lines_response(request, order, focus=focus)


@staff_view(*EDITORS)
@require_POST
def issue_accept(request: HttpRequest, pk) -> HttpResponse:
    order = _order(request, pk)
    try:
        desk.order_issue_accept(
            order=order, index=int(request.POST.get("index", "-1")), actor=request.user
        )
    except ValueError:
        return _refused(request, order, desk.DeskError(_("This issue no longer exists.")))
    except (desk.DeskError, OrderError) as error:
        return _refused(request, order, error)
    if not request.htmx:
        return redirect("desk:review", pk=order.pk)
    return _lines_response(request, order)


@staff_view(*EDITORS)
@require_GET
def products(request: HttpRequest, pk) -> HttpResponse:
    order = _order(request, pk)
    line = None
    if request.GET.get("line", "").isdigit():
        line = (
            OrderLine.objects.for_tenant(request.tenant)
            .filter(order=order, pk=request.GET["line"])
            .first()
        )
    found = selectors.product_search(
        tenant=request.tenant,
        query=request.GET.get("q", "")[:100],
        customer=order.customer,
        line=line,
    )
    reasons = {
        "sku": _("SKU"),
        "gtin": _("GTIN"),
        "alias": _("their part number"),
        "description": _("description"),
        "match": _("match"),
    }
    for item in found:
        item["why"] = reasons.get(item["reason"], item["reason"])
        # Matching scores of 0..1 read as a percentage; evidence scores (above 1) are not one.
        score = item["score"]
        item["percent"] = round(score * 100) if score is not None and 0 <= score <= 1 else None
    return render(request, "desk/review.html#product_options", {"found": found, "line": line})


@staff_view(*EDITORS)
@require_GET
def customers(request: HttpRequest, pk) -> HttpResponse:
    _order(request, pk)
    found = selectors.customer_search(tenant=request.tenant, query=request.GET.get("q", "")[:100])
    return render(request, "desk/review.html#customer_options", {"found": found})


# ---------------------------------------------------------------- decisions


@staff_view(*EDITORS)
@require_POST
def approve(request: HttpRequest, pk) -> HttpResponse:
    order = _order(request, pk)
    try:
        desk.order_approve(order=order, actor=request.user)
    except (desk.DeskError, OrderError) as error:
        return _refused(request, order, error)
    messages.success(request, _("Order %(number)s approved.") % {"number": order.number})
    return _go(request, _next_url(request, order))


def _next_url(request: HttpRequest, order: Order) -> str:
    following = selectors.desk_next_order(tenant=request.tenant, user=request.user, after=order)
    return reverse("desk:review", args=[following.pk]) if following else reverse("desk:queue")


@staff_view(*EDITORS)
@require_POST
def reject(request: HttpRequest, pk) -> HttpResponse:
    order = _order(request, pk)
    try:
        desk.order_reject(
            order=order, actor=request.user, reason=request.POST.get("reason", "")[:1000]
        )
    except (desk.DeskError, OrderError) as error:
        return _refused(request, order, error)
    messages.success(request, _("Order %(number)s rejected.") % {"number": order.number})
    return _go(request, _next_url(request, order))


@staff_view(*EDITORS)
@require_POST
def hold(request: HttpRequest, pk) -> HttpResponse:
    order = _order(request, pk)
    try:
        if request.POST.get("resume"):
            desk.order_resume(order=order, actor=request.user)
            return _go(request, reverse("desk:review", args=[order.pk]))
        desk.order_hold(order=order, actor=request.user, note=request.POST.get("note", "")[:2000])
    except (desk.DeskError, OrderError) as error:
        return _refused(request, order, error)
    messages.success(request, _("Order %(number)s put on hold.") % {"number": order.number})
    return _go(request, _next_url(request, order))


@staff_view(*EDITORS)
@require_POST
def merge(request: HttpRequest, pk) -> HttpResponse:
    order = _order(request, pk)
    into_ref = (request.POST.get("into") or "").strip()
    orders = Order.objects.for_tenant(request.tenant)
    into = orders.filter(number=into_ref).first() or (
        orders.filter(pk=into_ref).first() if into_ref.isdigit() else None
    )
    try:
        if into is None:
            raise desk.DeskError(
                _("No order %(reference)s to merge into.") % {"reference": into_ref or "—"}
            )
        into = desk.order_merge(order=order, into=into, actor=request.user)
    except (desk.DeskError, OrderError) as error:
        return _refused(request, order, error)
    messages.success(request, _("Merged into %(number)s.") % {"number": into.number})
    return _go(request, reverse("desk:review", args=[into.pk]))


def parse_line_numbers(text: str, count: int) -> list[int]:
    """``"2, 4-6"`` → ``[2, 4, 5, 6]`` (1-based, within ``count``)."""
    numbers: set[int] = set()
    for part in re.split(r"[,\s;]+", text.strip()):
        if not part:
            continue
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not match:
            raise ValueError(part)
        start, end = int(match.group(1)), int(match.group(2) or match.group(1))
        if not 1 <= start <= end <= count:
            raise ValueError(part)
        numbers.update(range(start, end + 1))
    return sorted(numbers)


@staff_view(*EDITORS)
@require_POST
def split(request: HttpRequest, pk) -> HttpResponse:
    order = _order(request, pk)
    line_ids = list(order.lines.order_by("position", "pk").values_list("pk", flat=True))
    try:
        try:
            numbers = parse_line_numbers(request.POST.get("lines", ""), len(line_ids))
        except ValueError as error:
            raise desk.DeskError(
                _("Lines are numbers or ranges such as 3, 5-7 (not “%(part)s”).")
                % {"part": error.args[0]}
            )
        new_order = desk.order_split_off(
            order=order, line_ids=[line_ids[n - 1] for n in numbers], actor=request.user
        )
    except (desk.DeskError, OrderError) as error:
        return _refused(request, order, error)
    messages.success(
        request,
        _("Lines moved to the new order %(number)s, which waits in the queue.")
        % {"number": new_order.number},
    )
    return _go(request, reverse("desk:review", args=[order.pk]))


# ---------------------------------------------------------------- files


@staff_view(*VIEWERS)
@require_GET
def page_image(request: HttpRequest, pk) -> HttpResponse:
    page = get_for_tenant_or_404(PageImage, tenant=request.tenant, pk=pk)
    try:
        handle = page.image.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("The page image is missing.")
    response = FileResponse(handle, content_type=_image_type(page.image.name))
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _image_type(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith((".jpg", ".jpeg")):
        return "image/jpeg"
    if lowered.endswith(".webp"):
        return "image/webp"
    return "image/png"


@staff_view(*VIEWERS)
@require_GET
def document_file(request: HttpRequest, pk) -> HttpResponse:
    document = get_for_tenant_or_404(Document, tenant=request.tenant, pk=pk)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("The file is missing.")
    # Always a download: an attached HTML file must never run in our origin.
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.filename or f"document-{document.pk}",
        content_type="application/octet-stream",
    )


# ---------------------------------------------------------------- dashboard


@staff_view(*VIEWERS)
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    data = selectors.desk_dashboard(tenant=request.tenant)
    from desk.charts import dashboard_charts

    return render(request, "desk/dashboard.html", {"data": data, "charts": dashboard_charts(data)})
