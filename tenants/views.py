from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from portal.access import public_view
from tenants.middleware import SESSION_KEY
from tenants.models import Membership
from tenants.roles import staff_view


@public_view
@login_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_portal_user:
        return redirect("portal:home")
    if request.tenant is None:
        return render(request, "tenants/no_membership.html", status=403)
    return _home_for_role(request)


@staff_view()
def _home_for_role(request: HttpRequest) -> HttpResponse:
    return render(request, "tenants/home.html")


@public_view
@require_POST
@login_required
def switch_tenant(request: HttpRequest) -> HttpResponse:
    try:
        tenant_id = int(request.POST.get("tenant", ""))
    except ValueError:
        raise Http404("Unknown tenant.")
    membership = Membership.objects.filter(user=request.user, tenant_id=tenant_id).first()
    if membership is None:
        raise Http404("Unknown tenant.")
    request.session[SESSION_KEY] = membership.tenant_id
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)
