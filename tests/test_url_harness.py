"""Tenant isolation and role checks over every URL of the project, discovered by walking the URLconf.

See tests/urlmap.py for how a view with object ids is described.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from customers.models import PortalAccount
from tenants.models import Role, UserKind
from tests.factories import CustomerFactory, UserFactory
from tests.urlmap import (
    ACCOUNT_NAMES,
    EXEMPT_NAMES,
    EXEMPT_PREFIXES,
    FOREIGN_MARKER,
    MAKERS,
    load_all,
    make_foreign_data,
)
from tests.urlwalk import Route, walk

load_all()
ROUTES = [
    r for r in walk() if not r.name.startswith(EXEMPT_PREFIXES) and r.name not in EXEMPT_NAMES
]
OBJECT_ROUTES = [r for r in ROUTES if r.params and r.name not in ACCOUNT_NAMES]
LIST_ROUTES = [r for r in ROUTES if not r.params and r.audience == "staff"]
STAFF_ROUTES = [r for r in ROUTES if r.audience == "staff"]


def _ids(routes: list[Route]) -> list[str]:
    return [r.name for r in routes]


def _fetch(client, url: str):
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return response


def _meta(kwargs: dict) -> tuple[dict, dict]:
    url_kwargs = {k: v for k, v in kwargs.items() if not k.startswith("_")}
    meta = {k: v for k, v in kwargs.items() if k.startswith("_")}
    return url_kwargs, meta


def _portal_user(tenant):
    user = UserFactory(kind=UserKind.PORTAL)
    PortalAccount.objects.create(tenant=tenant, user=user, customer=CustomerFactory(tenant=tenant))
    return user


def _viewer(route: Route, tenant, make_member):
    if route.audience == "portal":
        return _portal_user(tenant)
    roles = route.roles or (Role.ADMIN,)
    return make_member(tenant, Role.ADMIN if Role.ADMIN in roles else roles[0])


def test_every_view_declares_its_audience():
    undeclared = [r.name for r in ROUTES if r.audience == "unknown" and r.name not in ACCOUNT_NAMES]
    assert (
        undeclared == []
    ), "decorate these views with staff_view/portal_view or list them in tests/urlmap.py"


def test_every_view_with_an_object_id_is_described():
    missing = [r.name for r in OBJECT_ROUTES if r.name not in MAKERS]
    assert missing == [], "describe these URLs with @register in tests/<app>/urlmakers.py"


@pytest.mark.django_db
@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=_ids(OBJECT_ROUTES))
def test_another_tenants_object_answers_404(route, client, tenant, other_tenant, make_member):
    # given an object of the other tenant, which its own users can open
    url_kwargs, meta = _meta(MAKERS[route.name](other_tenant))
    url = reverse(route.name, kwargs=url_kwargs)
    owner = meta.get("_owner") or _viewer(route, other_tenant, make_member)
    client.force_login(owner)
    assert _fetch(client, url).status_code not in (403, 404), f"the owner cannot open {url}"
    # when a user of our tenant asks for it
    client.force_login(_viewer(route, tenant, make_member))
    # then it does not exist for them
    assert _fetch(client, url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("route", LIST_ROUTES, ids=_ids(LIST_ROUTES))
def test_list_pages_never_show_another_tenants_rows(
    route, client, tenant, other_tenant, make_member
):
    make_foreign_data(other_tenant)
    client.force_login(_viewer(route, tenant, make_member))
    response = client.get(reverse(route.name))
    assert response.status_code in (200, 302, 405)  # 405: a POST-only endpoint shows nothing
    assert FOREIGN_MARKER not in response.content.decode(errors="replace")


@pytest.mark.django_db
@pytest.mark.parametrize("route", STAFF_ROUTES, ids=_ids(STAFF_ROUTES))
def test_staff_views_check_roles(route, client, tenant, make_member):
    url_kwargs, _ = _meta(MAKERS[route.name](tenant)) if route.params else ({}, {})
    url = reverse(route.name, kwargs=url_kwargs)
    # anonymous: sent to the login page
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    # a customer's portal user never reaches staff pages
    client.force_login(_portal_user(tenant))
    assert _fetch(client, url).status_code == 403
    # each role: refused unless the view names it
    for role in Role.values:
        client.force_login(make_member(tenant, role))
        status = _fetch(client, url).status_code
        if role in route.roles:
            assert status != 403, f"{role} should open {url}"
        else:
            assert status == 403, f"{role} should be refused {url}"
