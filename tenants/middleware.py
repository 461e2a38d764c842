from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from tenants.models import Membership

SESSION_KEY = "carnet_tenant_id"


class CurrentTenantMiddleware:
    """Resolves the current tenant once per request from the user's chosen membership.

    Sets ``request.tenant``, ``request.membership`` and ``request.role`` (all ``None`` for
    anonymous users, portal users and staff without any membership).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.tenant = None  # type: ignore[attr-defined]
        request.membership = None  # type: ignore[attr-defined]
        request.role = None  # type: ignore[attr-defined]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_portal_user:
            memberships = list(Membership.objects.filter(user=user).select_related("tenant"))
            chosen = request.session.get(SESSION_KEY)
            membership = next((m for m in memberships if m.tenant_id == chosen), None)
            if membership is None and memberships:
                # Until the user switches, the company they joined first (their home company),
                # not the first one by name.
                membership = min(memberships, key=lambda m: (m.created_at, m.pk))
            if membership is not None:
                request.tenant = membership.tenant  # type: ignore[attr-defined]
                request.membership = membership  # type: ignore[attr-defined]
                request.role = membership.role  # type: ignore[attr-defined]
            request.memberships = memberships  # type: ignore[attr-defined]
        return self.get_response(request)
