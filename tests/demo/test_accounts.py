import pytest

from customers.models import Customer, PortalAccount
from demo.accounts import DEMO_PASSWORD
from tenants.models import Membership, Role, User, UserKind

CONTRACT_STAFF = {
    "admin@demo.example": Role.ADMIN,
    "manager@demo.example": Role.MANAGER,
    "rep@demo.example": Role.SALES_REP,
    "desk@demo.example": Role.ORDER_DESK,
    "logistics@demo.example": Role.LOGISTICS,
    "accounting@demo.example": Role.ACCOUNTING,
}


def test_every_contract_account_has_its_role_in_demo(demo):
    roles = dict(
        Membership.objects.filter(tenant=demo, user__email__in=CONTRACT_STAFF).values_list(
            "user__email", "role"
        )
    )
    assert roles == CONTRACT_STAFF


def test_demo2_has_its_admin_and_the_demo_admin_can_switch_to_it(demo):
    demo2_roles = dict(
        Membership.objects.filter(tenant__slug="demo2")
        .exclude(role=Role.SALES_REP)
        .values_list("user__email", "role")
    )
    assert demo2_roles == {"admin@demo2.example": Role.ADMIN, "admin@demo.example": Role.ADMIN}


@pytest.mark.parametrize("email", sorted(CONTRACT_STAFF) + ["admin@demo2.example"])
def test_staff_accounts_sign_in_on_the_staff_page(client, demo, email):
    response = client.post("/accounts/login/", {"username": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)


def test_portal_buyer_belongs_to_one_demo_customer_and_signs_in_on_the_portal(client, demo):
    buyer = User.objects.get(email="buyer@customer.example")
    account = PortalAccount.objects.get(user=buyer)
    assert buyer.kind == UserKind.PORTAL
    assert account.tenant_id == demo.pk
    assert Membership.objects.filter(user=buyer).count() == 0
    assert account.customer.code == demo.settings["demo"]["events"]["portal_customer"]
    response = client.post("/portal/login/", {"username": buyer.email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/portal/"


def test_the_contract_rep_owns_a_portfolio_and_every_rep_has_the_sales_rep_role(demo):
    rep = User.objects.get(email="rep@demo.example")
    assert Customer.objects.for_tenant(demo).filter(sales_rep=rep).count() >= 10
    rep_ids = set(
        Customer.objects.for_tenant(demo)
        .exclude(sales_rep=None)
        .values_list("sales_rep", flat=True)
    )
    roles = set(
        Membership.objects.filter(tenant=demo, user__in=rep_ids).values_list("role", flat=True)
    )
    assert roles == {Role.SALES_REP}
    assert len(rep_ids) == 6
