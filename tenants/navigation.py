"""The navigation of the base layout, per role.

Apps register their entries here so that the menu shows each role only what it may open.
An entry whose URL name does not resolve yet (an app still being built) is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from tenants.models import Role

A, M, S, D, L, C = (
    Role.ADMIN,
    Role.MANAGER,
    Role.SALES_REP,
    Role.ORDER_DESK,
    Role.LOGISTICS,
    Role.ACCOUNTING,
)


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    roles: tuple[str, ...]


NAVIGATION: list[NavEntry] = [
    NavEntry(_("Home"), "home", (A, M, S, D, L, C)),
    NavEntry(_("Order desk"), "desk:queue", (A, M, S, D)),
    NavEntry(_("Orders"), "orders:list", (A, M, S, D, L, C)),
    NavEntry(_("Inbox"), "ingestion:messages", (A, M, D)),
    NavEntry(_("Customers"), "customers:list", (A, M, S, D, L, C)),
    NavEntry(_("Catalog"), "catalog:list", (A, M, S, D, L, C)),
    NavEntry(_("Disputes"), "disputes:list", (A, M, S, L, C)),
    NavEntry(_("Dashboards"), "dashboards:home", (A, M, S, D)),
    NavEntry(_("Imports"), "customers:import", (A, M)),
]


def navigation_for(request: HttpRequest) -> list[dict]:
    role = getattr(request, "role", None)
    entries = []
    for entry in NAVIGATION:
        if role not in entry.roles:
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        entries.append({"label": entry.label, "url": url, "active": False})
    # One entry is current: the longest URL the path starts with (/customers/imports/ is
    # Imports, not Customers as well).
    matches = [
        e
        for e in entries
        if request.path == e["url"] or (e["url"] != "/" and request.path.startswith(e["url"]))
    ]
    if matches:
        max(matches, key=lambda e: len(e["url"]))["active"] = True
    return entries
