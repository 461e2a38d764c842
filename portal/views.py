from __future__ import annotations

from django import forms
from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from orders.models import Order
from portal.access import portal_view, public_view


class PortalAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "not_portal": _("This sign-in is for customers. Staff sign in on the staff page."),
    }

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if not user.is_portal_user:
            raise forms.ValidationError(self.error_messages["not_portal"], code="not_portal")


@public_view
def portal_login(request: HttpRequest) -> HttpResponse:
    form = PortalAuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        return redirect("portal:home")
    return render(request, "portal/login.html", {"form": form})


@public_view
@require_POST
def portal_logout(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:login")


@portal_view
def portal_home(request: HttpRequest) -> HttpResponse:
    orders = (
        Order.objects.for_tenant(request.tenant)
        .filter(customer=request.customer)
        .order_by("-created_at")[:50]
    )
    return render(request, "portal/home.html", {"orders": orders})
