"""``POST /api/documents/``: upload documents (multipart), honouring ``Idempotency-Key``.

A request carrying an ``Idempotency-Key`` the tenant used before gets the first response back
(same status, same body, header ``Idempotent-Replayed: true``) and stores nothing; the same key
with different content is refused (422). The (tenant, key) unique constraint settles races.
"""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction
from django.urls import path
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ingestion.limits import limit
from ingestion.models import Channel, IdempotencyKey, InboundMessage
from tenants.models import Membership, Role

UPLOAD_ROLES = (Role.ADMIN, Role.MANAGER, Role.ORDER_DESK)
API_CHANNELS = (Channel.API, Channel.UPLOAD, Channel.FAX, Channel.EMAIL)


def _membership(request) -> Membership | None:
    """The tenant of the request: the session's (middleware), else the token user's only
    membership, or the one named by ``X-Carnet-Tenant``."""
    tenant = getattr(request._request, "tenant", None)
    memberships = Membership.objects.filter(user=request.user).select_related("tenant")
    wanted = request.headers.get("X-Carnet-Tenant", "")
    if tenant is not None and not wanted:
        return memberships.filter(tenant=tenant).first()
    if wanted:
        return memberships.filter(tenant__slug=wanted).first()
    found = list(memberships[:2])
    return found[0] if len(found) == 1 else None


def _request_fingerprint(files, data) -> str:
    digest = hashlib.sha256()
    for uploaded in files:
        digest.update(uploaded.name.encode("utf-8", "replace") + b"\0")
        for chunk in uploaded.chunks():
            digest.update(chunk)
        uploaded.seek(0)
    for key in sorted(k for k in data if k != "file"):
        digest.update(f"{key}={data.get(key)}".encode())
    return digest.hexdigest()


def _message_json(message: InboundMessage, filename: str) -> dict:
    return {
        "id": message.pk,
        "file": filename,
        "status": message.status,
        "sha256": message.sha256,
        "duplicate_of": message.duplicate_of_id,
    }


class DocumentUpload(APIView):
    parser_classes = [MultiPartParser, FormParser]
    permission_classes = [IsAuthenticated]

    def post(self, request):
        from customers.models import Customer
        from ingestion.services import message_store

        membership = _membership(request)
        if membership is None or request.user.is_portal_user:
            return Response(
                {"detail": "No tenant for this user."}, status=status.HTTP_403_FORBIDDEN
            )
        if membership.role not in UPLOAD_ROLES:
            return Response(
                {"detail": "Your role cannot upload documents."}, status=status.HTTP_403_FORBIDDEN
            )
        tenant = membership.tenant
        files = request.FILES.getlist("file")
        if not files:
            return Response({"file": ["Send one or more files in the 'file' field."]}, status=400)
        channel = request.data.get("channel") or Channel.API
        if channel not in API_CHANNELS:
            return Response({"channel": [f"One of {', '.join(API_CHANNELS)}."]}, status=400)
        customer = None
        if request.data.get("customer"):
            customer = (
                Customer.objects.for_tenant(tenant).filter(code=request.data["customer"]).first()
            )
            if customer is None:
                return Response({"customer": ["Unknown customer code."]}, status=400)
        too_big = [f.name for f in files if f.size > limit("max_message_bytes")]
        if too_big:
            return Response(
                {"file": [f"{name} is larger than the limit." for name in too_big]}, status=413
            )

        key = (request.headers.get("Idempotency-Key") or "").strip()
        if len(key) > 255:
            return Response(
                {"detail": "Idempotency-Key is longer than 255 characters."}, status=400
            )
        fingerprint = _request_fingerprint(files, request.data) if key else ""
        if key:
            replay = self._replay(tenant, key, fingerprint)
            if replay is not None:
                return replay
        try:
            with transaction.atomic():
                record = None
                if key:
                    record = IdempotencyKey.objects.create(
                        tenant=tenant, key=key, request_sha256=fingerprint
                    )
                stored = [
                    _message_json(
                        message_store(
                            tenant=tenant,
                            channel=channel,
                            raw=uploaded.read(),
                            filename=uploaded.name,
                            uploaded_by=request.user,
                            known_customer=customer,
                            metadata={"source": "api"},
                        ),
                        uploaded.name,
                    )
                    for uploaded in files
                ]
                body = {"messages": stored}
                if record is not None:
                    record.response_body = body
                    record.response_status = status.HTTP_201_CREATED
                    record.message_id = stored[0]["id"]
                    record.save(update_fields=["response_body", "response_status", "message"])
        except IntegrityError:
            # The same key arrived twice at the same time: the first one won.
            replay = self._replay(tenant, key, fingerprint) if key else None
            if replay is None:
                raise
            return replay
        return Response(body, status=status.HTTP_201_CREATED)

    def _replay(self, tenant, key: str, fingerprint: str) -> Response | None:
        record = IdempotencyKey.objects.for_tenant(tenant).filter(key=key).first()
        if record is None:
            return None
        if record.request_sha256 != fingerprint:
            return Response(
                {"detail": "This Idempotency-Key was used with a different request."},
                status=status.HTTP_422_UNPROCESSABLE_ENTITY,
            )
        return Response(
            record.response_body,
            status=record.response_status,
            headers={"Idempotent-Replayed": "true"},
        )


urlpatterns = [path("documents/", DocumentUpload.as_view(), name="api_documents")]
