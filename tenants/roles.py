"""Role checks for staff views.

``@staff_view(Role.ORDER_DESK, Role.MANAGER)`` on a function-based view: anonymous users are
sent to the login page, portal users and staff without one of the roles get a 403. With no
roles given, any staff member of the current tenant may enter.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from tenants.models import Role

ALL_STAFF_ROLES = tuple(Role.values)
MANAGERS = (Role.ADMIN, Role.MANAGER)


def has_role(request: HttpRequest, *roles: str) -> bool:
    role = getattr(request, "role", None)
    return role is not None and (not roles or role in roles)


def staff_view(*roles: str) -> Callable:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.user.is_portal_user or getattr(request, "tenant", None) is None:
                raise PermissionDenied("Staff only.")
            if roles and request.role not in roles:
                raise PermissionDenied("Your role does not give access to this page.")
            return view(request, *args, **kwargs)

        wrapper.carnet_roles = roles or ALL_STAFF_ROLES  # type: ignore[attr-defined]
        return wrapper

    return decorator
