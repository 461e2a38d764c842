"""The portal's gate: a signed-in customer user, scoped to their one customer of one tenant."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from customers.models import PortalAccount


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sets ``request.portal_account``, ``request.tenant`` and ``request.customer``; staff are refused."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url="portal:login")
        account = (
            PortalAccount.objects.select_related("tenant", "customer")
            .filter(user=request.user)
            .first()
            if request.user.is_portal_user
            else None
        )
        if account is None:
            raise PermissionDenied("Customer portal accounts only.")
        request.portal_account = account  # type: ignore[attr-defined]
        request.tenant = account.tenant  # type: ignore[attr-defined]
        request.customer = account.customer  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    wrapper.carnet_portal = True  # type: ignore[attr-defined]
    return wrapper


def public_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    view.carnet_public = True  # type: ignore[attr-defined]
    return view
