from django.http import HttpRequest

from tenants.navigation import navigation_for


def tenancy(request: HttpRequest) -> dict:
    tenant = getattr(request, "tenant", None)
    return {
        "current_tenant": tenant,
        "current_role": getattr(request, "role", None),
        "user_memberships": getattr(request, "memberships", []),
        "navigation": navigation_for(request) if tenant else [],
    }
