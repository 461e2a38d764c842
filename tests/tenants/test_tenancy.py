import pytest
from django.core.management import CommandError, call_command
from django.http import Http404
from django.urls import reverse

from customers.models import Customer
from tenants.access import get_for_tenant_or_404
from tenants.models import Membership, Role, Tenant, User
from tests.factories import CustomerFactory, MembershipFactory, TenantFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_create_tenant_is_idempotent(capsys):
    call_command("create_tenant", "acme", "--name", "Acme")
    call_command("create_tenant", "acme", "--name", "Another name")
    tenant = Tenant.objects.get(slug="acme")
    assert tenant.name == "Acme"
    assert Tenant.objects.count() == 1
    assert "already exists" in capsys.readouterr().out


def test_create_tenant_refuses_a_bad_slug():
    with pytest.raises(CommandError, match="invalid slug"):
        call_command("create_tenant", "Not A Slug", "--name", "X")


def test_create_user_adds_a_membership_with_the_role():
    call_command("create_tenant", "acme", "--name", "Acme")
    call_command(
        "create_user",
        "Rep@Acme.example",
        "--tenant",
        "acme",
        "--role",
        "sales_rep",
        "--password",
        "s3cret-pass",
    )
    user = User.objects.get(email="rep@acme.example")
    assert user.check_password("s3cret-pass")
    assert Membership.objects.get(user=user).role == Role.SALES_REP


def test_create_user_refuses_an_unknown_tenant():
    with pytest.raises(CommandError, match="unknown tenant"):
        call_command(
            "create_user", "x@y.example", "--tenant", "nope", "--role", "admin", "--password", "p"
        )


def test_scoped_lookup_answers_404_for_missing_and_foreign_alike(tenant, other_tenant):
    mine = CustomerFactory(tenant=tenant)
    theirs = CustomerFactory(tenant=other_tenant)
    assert get_for_tenant_or_404(Customer, tenant=tenant, pk=mine.pk) == mine
    with pytest.raises(Http404):
        get_for_tenant_or_404(Customer, tenant=tenant, pk=theirs.pk)
    with pytest.raises(Http404):
        get_for_tenant_or_404(Customer, tenant=tenant, pk=999_999)
    with pytest.raises(Http404):
        get_for_tenant_or_404(Customer, tenant=tenant, pk="not-a-number")


def test_for_tenant_filters_rows(tenant, other_tenant):
    CustomerFactory(tenant=tenant, name="Mine")
    CustomerFactory(tenant=other_tenant, name="Theirs")
    assert [c.name for c in Customer.objects.for_tenant(tenant)] == ["Mine"]


def test_a_user_switches_between_tenants(client):
    user = UserFactory()
    first = MembershipFactory(user=user, tenant=TenantFactory(name="Alpha"), role=Role.ADMIN).tenant
    second = MembershipFactory(
        user=user, tenant=TenantFactory(name="Beta"), role=Role.SALES_REP
    ).tenant
    client.force_login(user)
    assert client.get("/").context["current_tenant"] == first
    response = client.post(reverse("switch_tenant"), {"tenant": second.pk, "next": "/"})
    assert response.status_code == 302
    page = client.get("/")
    assert page.context["current_tenant"] == second
    assert page.context["current_role"] == Role.SALES_REP


def test_switching_to_a_tenant_without_membership_is_404(client, other_tenant, make_member, tenant):
    client.force_login(make_member(tenant))
    assert client.post(reverse("switch_tenant"), {"tenant": other_tenant.pk}).status_code == 404


def test_switch_refuses_an_offsite_redirect(client, make_member, tenant):
    client.force_login(make_member(tenant))
    response = client.post(
        reverse("switch_tenant"), {"tenant": tenant.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_login_and_logout(client, tenant, make_member, password):
    user = make_member(tenant, Role.ORDER_DESK)
    response = client.post(reverse("login"), {"username": user.email, "password": password})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


def test_navigation_depends_on_the_role(client, tenant, make_member):
    client.force_login(make_member(tenant, Role.LOGISTICS))
    labels = [str(e["label"]) for e in client.get("/").context["navigation"]]
    assert "Home" in labels
    assert "Inbox" not in labels


def test_the_page_speaks_french(client, tenant, make_member):
    client.force_login(make_member(tenant))
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert "Déconnexion" in client.get("/").content.decode()


def test_password_reset_sends_an_email(client, tenant, make_member, mailoutbox):
    user = make_member(tenant)
    client.post(reverse("password_reset"), {"email": user.email})
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]


def test_a_user_of_several_tenants_starts_in_the_one_joined_first(client):
    # given a user who joined "Zeta" first and "Alpha" later
    user = UserFactory()
    home = MembershipFactory(user=user, tenant=TenantFactory(name="Zeta"), role=Role.ADMIN).tenant
    MembershipFactory(user=user, tenant=TenantFactory(name="Alpha"), role=Role.ADMIN)
    client.force_login(user)
    # then the home company is current, not the first by name
    assert client.get("/").context["current_tenant"] == home


def test_only_the_most_specific_navigation_entry_is_current(client, tenant, make_member):
    client.force_login(make_member(tenant, Role.ADMIN))
    navigation = client.get(reverse("customers:import")).context["navigation"]
    assert [str(e["label"]) for e in navigation if e["active"]] == ["Imports"]
    navigation = client.get(reverse("customers:list")).context["navigation"]
    assert [str(e["label"]) for e in navigation if e["active"]] == ["Customers"]
    navigation = client.get("/").context["navigation"]
    assert [str(e["label"]) for e in navigation if e["active"]] == ["Home"]


def test_a_failed_sign_in_is_good_french(client, tenant, make_member):
    user = make_member(tenant)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    response = client.post(reverse("login"), {"username": user.email, "password": "wrong"})
    assert response.context["form"].non_field_errors() == [
        "Saisissez une adresse e-mail et un mot de passe valides. "
        "Les deux champs peuvent être sensibles à la casse."
    ]
