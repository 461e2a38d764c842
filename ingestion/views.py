"""Inbox pages: messages, documents, the attention list, uploads, mailboxes, webhooks.

Who may do what: the order desk, managers and admins see what came in, upload files and retry
or close what needs attention. Mailbox settings (credentials) belong to admins and managers;
webhook secrets to admins.
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from ingestion import selectors, services
from ingestion.crypto import SecretUnreadable, secret_decrypt
from ingestion.forms import HookRotateForm, MailboxForm, UploadForm
from ingestion.limits import limit
from ingestion.models import (
    Channel,
    Document,
    DocumentKind,
    DocumentStatus,
    InboundHook,
    InboundMessage,
    Mailbox,
    MessageStatus,
)
from tenants.access import get_for_tenant_or_404
from tenants.models import Role, Tenant
from tenants.roles import staff_view

logger = logging.getLogger(__name__)

INBOX_ROLES = (Role.ADMIN, Role.MANAGER, Role.ORDER_DESK)
MAILBOX_EDITORS = (Role.ADMIN, Role.MANAGER)
PAGE_SIZE = 50


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# --- messages ------------------------------------------------------------------------------


@staff_view(*INBOX_ROLES)
@require_GET
def message_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    channel = request.GET.get("channel", "")
    query = request.GET.get("q", "").strip()[:100]
    page = _page(
        request,
        selectors.messages_list(
            tenant=request.tenant,
            status=status if status in MessageStatus.values else "",
            channel=channel if channel in Channel.values else "",
            query=query,
        ),
    )
    template = (
        "ingestion/messages.html#results"
        if request.htmx and not request.htmx.boosted
        else "ingestion/messages.html"
    )
    degraded = [
        m for m in Mailbox.objects.for_tenant(request.tenant).filter(enabled=True) if m.degraded
    ]
    return render(
        request,
        template,
        {
            "page": page,
            "statuses": MessageStatus.choices,
            "channels": Channel.choices,
            "status": status,
            "channel": channel,
            "q": query,
            "degraded": degraded,
            "attention_count": selectors.attention_documents(tenant=request.tenant).count()
            + selectors.attention_messages(tenant=request.tenant).count(),
        },
    )


@staff_view(*INBOX_ROLES)
@require_GET
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_for_tenant_or_404(
        InboundMessage.objects.select_related("duplicate_of", "mailbox", "known_customer"),
        tenant=request.tenant,
        pk=pk,
    )
    body = selectors.message_body(message=message)
    return render(
        request,
        "ingestion/message_detail.html",
        {
            "message": message,
            "body": body,
            "documents": selectors.message_documents(message=message),
            "duplicates": message.duplicates.order_by("pk"),
            "can_retry": message.status == MessageStatus.FAILED,
        },
    )


@staff_view(*INBOX_ROLES)
@require_GET
def message_raw(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_for_tenant_or_404(InboundMessage, tenant=request.tenant, pk=pk)
    try:
        handle = message.raw.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("The raw message is missing.")
    name = message.raw_filename or f"message-{message.pk}.eml"
    # Always a download, never rendered in our origin.
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type="application/octet-stream"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_view(*INBOX_ROLES)
@require_POST
def message_retry(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_for_tenant_or_404(InboundMessage, tenant=request.tenant, pk=pk)
    try:
        services.message_retry(message=message, actor=request.user)
        messages.success(request, _("The message is queued again."))
    except services.IngestionError as error:
        messages.error(request, str(error))
    return redirect(_next(request, reverse("ingestion:message", args=[message.pk])))


@staff_view(*INBOX_ROLES)
@require_POST
def message_handled(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_for_tenant_or_404(InboundMessage, tenant=request.tenant, pk=pk)
    try:
        services.message_mark_handled(message=message, actor=request.user)
        messages.success(request, _("The message is marked handled."))
    except services.IngestionError as error:
        messages.error(request, str(error))
    return redirect(_next(request, reverse("ingestion:message", args=[message.pk])))


def _next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else default


# --- documents -----------------------------------------------------------------------------


@staff_view(*INBOX_ROLES)
@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    page = _page(
        request,
        selectors.documents_list(
            tenant=request.tenant,
            status=status if status in DocumentStatus.values else "",
            kind=kind if kind in DocumentKind.values else "",
        ),
    )
    template = (
        "ingestion/documents.html#results"
        if request.htmx and not request.htmx.boosted
        else "ingestion/documents.html"
    )
    return render(
        request,
        template,
        {
            "page": page,
            "statuses": DocumentStatus.choices,
            "kinds": DocumentKind.choices,
            "status": status,
            "kind": kind,
        },
    )


@staff_view(*INBOX_ROLES)
@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_for_tenant_or_404(
        Document.objects.select_related("message", "duplicate_of"), tenant=request.tenant, pk=pk
    )
    return render(
        request,
        "ingestion/document_detail.html",
        {
            "document": document,
            "pages": document.pages.order_by("number"),
            "text": selectors.document_text(document=document),
            "orders": document.orders.order_by("pk") if hasattr(document, "orders") else [],
        },
    )


@staff_view(*INBOX_ROLES)
@require_POST
def document_retry(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_for_tenant_or_404(Document, tenant=request.tenant, pk=pk)
    try:
        services.document_retry(document=document, actor=request.user)
        messages.success(request, _("The document is queued again."))
    except services.IngestionError as error:
        messages.error(request, str(error))
    return redirect(_next(request, reverse("ingestion:attention")))


@staff_view(*INBOX_ROLES)
@require_POST
def document_handled(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_for_tenant_or_404(Document, tenant=request.tenant, pk=pk)
    try:
        services.document_mark_handled(document=document, actor=request.user)
        messages.success(request, _("The document is marked handled."))
    except services.IngestionError as error:
        messages.error(request, str(error))
    return redirect(_next(request, reverse("ingestion:attention")))


@staff_view(*INBOX_ROLES)
@require_GET
def attention(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "ingestion/attention.html",
        {
            "documents": selectors.attention_documents(tenant=request.tenant)[:200],
            "messages_failed": selectors.attention_messages(tenant=request.tenant)[:200],
        },
    )


# --- upload --------------------------------------------------------------------------------


@staff_view(*INBOX_ROLES)
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        stored = []
        for uploaded in form.cleaned_data["files"]:
            if uploaded.size > limit("max_message_bytes"):
                messages.error(
                    request,
                    _("%(name)s is too large (limit %(limit)s MB).")
                    % {"name": uploaded.name, "limit": limit("max_message_bytes") // (1024 * 1024)},
                )
                continue
            message = services.message_store(
                tenant=request.tenant,
                channel=form.cleaned_data["channel"],
                raw=uploaded.read(),
                filename=uploaded.name,
                uploaded_by=request.user,
                known_customer=form.cleaned_data.get("customer"),
                metadata={"source": "upload page"},
            )
            stored.append(message)
        duplicates = sum(1 for m in stored if m.duplicate_of_id)
        if stored:
            messages.success(
                request,
                _("%(count)s file(s) received, %(duplicates)s already known.")
                % {"count": len(stored), "duplicates": duplicates},
            )
        return redirect("ingestion:messages")
    return render(
        request, "ingestion/upload.html", {"form": form}, status=400 if form.errors else 200
    )


# --- mailboxes -----------------------------------------------------------------------------


@staff_view(*INBOX_ROLES)
@require_GET
def mailbox_list(request: HttpRequest) -> HttpResponse:
    mailboxes = Mailbox.objects.for_tenant(request.tenant).order_by("name", "pk")
    return render(
        request,
        "ingestion/mailboxes.html",
        {"mailboxes": mailboxes, "can_edit": request.role in MAILBOX_EDITORS},
    )


@staff_view(*MAILBOX_EDITORS)
def mailbox_create(request: HttpRequest) -> HttpResponse:
    return _mailbox_form(request, Mailbox(tenant=request.tenant))


@staff_view(*INBOX_ROLES)
def mailbox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mailbox = get_for_tenant_or_404(Mailbox, tenant=request.tenant, pk=pk)
    if request.method == "POST" and request.role not in MAILBOX_EDITORS:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Only admins and managers change mailboxes.")
    return _mailbox_form(request, mailbox)


def _mailbox_form(request: HttpRequest, mailbox: Mailbox) -> HttpResponse:
    form = MailboxForm(request.POST or None, instance=mailbox)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.mailbox_save(
                mailbox=form.save(commit=False), password=form.cleaned_data.get("password")
            )
        except services.IngestionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Mailbox saved."))
            return redirect("ingestion:mailbox", pk=saved.pk)
    health = selectors.mailbox_health(mailbox=mailbox) if mailbox.pk else None
    return render(
        request,
        "ingestion/mailbox.html",
        {
            "form": form,
            "mailbox": mailbox,
            "health": health,
            "can_edit": request.role in MAILBOX_EDITORS,
        },
        status=400 if form.errors else 200,
    )


@staff_view(*MAILBOX_EDITORS)
@require_POST
def mailbox_test(request: HttpRequest, pk: int) -> HttpResponse:
    from ingestion.mailboxes import mailbox_test_connection

    mailbox = get_for_tenant_or_404(Mailbox, tenant=request.tenant, pk=pk)
    ok, detail = mailbox_test_connection(mailbox=mailbox)
    (messages.success if ok else messages.error)(request, detail)
    return redirect("ingestion:mailbox", pk=mailbox.pk)


@staff_view(*MAILBOX_EDITORS)
@require_POST
def mailbox_poll_now(request: HttpRequest, pk: int) -> HttpResponse:
    from ingestion.tasks import mailbox_poll

    mailbox = get_for_tenant_or_404(Mailbox, tenant=request.tenant, pk=pk)
    Mailbox.objects.filter(pk=mailbox.pk).update(next_poll_at=None)
    transaction.on_commit(lambda: mailbox_poll.delay(mailbox.pk))
    messages.success(request, _("The mailbox will be polled in a moment."))
    return redirect("ingestion:mailbox", pk=mailbox.pk)


# --- webhooks ------------------------------------------------------------------------------


@staff_view(Role.ADMIN)
def hooks(request: HttpRequest) -> HttpResponse:
    new_secret = None
    form = HookRotateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hook, new_secret = services.inbound_hook_rotate(
            tenant=request.tenant, channel=form.cleaned_data["channel"]
        )
        messages.success(request, _("A new secret was made. Copy it now: it is not shown again."))
    existing = {h.channel: h for h in InboundHook.objects.for_tenant(request.tenant)}
    rows = [
        {
            "channel": channel,
            "label": label,
            "url": request.build_absolute_uri(
                reverse(f"ingestion:hook_{channel}", args=[request.tenant.slug])
            ),
            "hook": existing.get(channel),
            "new_secret": new_secret
            if new_secret and form.cleaned_data.get("channel") == channel
            else None,
        }
        for channel, label in ((Channel.EMAIL, _("Email")), (Channel.FAX, _("Fax")))
    ]
    return render(request, "ingestion/hooks.html", {"rows": rows})


SIGNATURE_HEADER = "X-Carnet-Signature"


def signature_for(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _inbound_hook(request: HttpRequest, tenant_slug: str, channel: str) -> HttpResponse:
    if request.method != "POST":
        return JsonResponse({"error": "POST a raw message"}, status=405, headers={"Allow": "POST"})
    tenant = Tenant.objects.filter(slug=tenant_slug).first()
    hook = (
        InboundHook.objects.filter(tenant=tenant, channel=channel, enabled=True).first()
        if tenant
        else None
    )
    if hook is None:
        return JsonResponse({"error": "no such hook"}, status=404)
    max_bytes = limit("webhook_max_bytes")
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isdigit() and int(declared) > max_bytes:
        return JsonResponse({"error": f"body larger than {max_bytes} bytes"}, status=413)
    body = request.read(max_bytes + 1)
    if len(body) > max_bytes:
        return JsonResponse({"error": f"body larger than {max_bytes} bytes"}, status=413)
    try:
        secret = secret_decrypt(hook.secret_encrypted)
    except SecretUnreadable:
        logger.error("inbound hook %s: secret cannot be decrypted", hook.pk)
        return JsonResponse({"error": "hook misconfigured"}, status=503)
    given = request.headers.get(SIGNATURE_HEADER, "")
    if not given or not hmac.compare_digest(given.strip().lower(), signature_for(secret, body)):
        return JsonResponse({"error": "bad signature"}, status=401)
    if not body:
        return JsonResponse({"error": "empty body"}, status=400)
    filename = (request.headers.get("X-Carnet-Filename") or "")[:200]
    message = services.message_store(
        tenant=tenant,
        channel=channel,
        raw=body,
        filename=filename,
        metadata={"source": "webhook", "content_type": request.content_type or ""},
    )
    # message_store has committed: the provider may forget the message now.
    return JsonResponse(
        {"id": message.pk, "status": message.status, "duplicate_of": message.duplicate_of_id},
        status=202 if message.duplicate_of_id is None else 200,
    )


@csrf_exempt
def hook_email(request: HttpRequest, tenant_slug: str) -> HttpResponse:
    return _inbound_hook(request, tenant_slug, Channel.EMAIL)


@csrf_exempt
def hook_fax(request: HttpRequest, tenant_slug: str) -> HttpResponse:
    return _inbound_hook(request, tenant_slug, Channel.FAX)


# Public on purpose (authenticated by the HMAC signature, not by a session).
hook_email.carnet_public = True  # type: ignore[attr-defined]
hook_fax.carnet_public = True  # type: ignore[attr-defined]
