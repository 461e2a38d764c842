import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import Product
from customers.models import Customer, CustomerSender, ImportBatch, ImportStatus
from tenants.models import Role
from tests.factories import (
    AddressFactory,
    AliasFactory,
    ContactFactory,
    CustomerFactory,
    OrderFactory,
)

pytestmark = pytest.mark.django_db


def test_the_list_searches_and_filters(member_client, tenant, make_member):
    rep = make_member(tenant, Role.SALES_REP)
    CustomerFactory(
        tenant=tenant, name="Brasserie du Port", vip=True, segment="HoReCa", sales_rep=rep
    )
    CustomerFactory(tenant=tenant, name="Garage Central", segment="Auto")
    CustomerFactory(tenant=tenant, name="Old Brasserie", active=False)
    client = member_client(tenant, Role.MANAGER)
    url = reverse("customers:list")
    names = lambda response: [c.name for c in response.context["page"]]  # noqa: E731
    assert names(client.get(url)) == ["Brasserie du Port", "Garage Central"]
    assert names(client.get(url, {"q": "brasserie"})) == ["Brasserie du Port"]
    assert names(client.get(url, {"q": "brasserie", "active": ""})) == [
        "Brasserie du Port",
        "Old Brasserie",
    ]
    assert names(client.get(url, {"vip": "1"})) == ["Brasserie du Port"]
    assert names(client.get(url, {"segment": "Auto"})) == ["Garage Central"]
    assert names(client.get(url, {"rep": str(rep.pk)})) == ["Brasserie du Port"]


def test_a_sales_rep_starts_from_their_portfolio(client, tenant, make_member):
    rep = make_member(tenant, Role.SALES_REP)
    CustomerFactory(tenant=tenant, name="Mine", sales_rep=rep)
    CustomerFactory(tenant=tenant, name="Not mine")
    client.force_login(rep)
    assert [c.name for c in client.get(reverse("customers:list")).context["page"]] == ["Mine"]
    assert [c.name for c in client.get(reverse("customers:list"), {"rep": ""}).context["page"]] == [
        "Mine",
        "Not mine",
    ]


def test_htmx_gets_only_the_results_partial(member_client, tenant):
    for n in range(55):
        CustomerFactory(tenant=tenant, name=f"Customer {n:02d}")
    client = member_client(tenant, Role.ORDER_DESK)
    full = client.get(reverse("customers:list"))
    partial = client.get(reverse("customers:list"), {"page": "2"}, headers={"HX-Request": "true"})
    assert b"<html" in full.content
    assert b"<html" not in partial.content
    assert partial.content.decode().strip().startswith('<div id="results">')
    assert [c.name for c in partial.context["page"]] == [f"Customer {n:02d}" for n in range(50, 55)]
    assert 'hx-get="?page=1"' in partial.content.decode()


def test_the_detail_shows_addresses_contacts_orders_and_aliases(member_client, tenant):
    customer = CustomerFactory(tenant=tenant, name="Brasserie du Port")
    AddressFactory(customer=customer, city="Marseille")
    ContactFactory(customer=customer, name="Jeanne Martin", email="jeanne@port.example")
    OrderFactory(customer=customer, number="SO-2026-000777")
    AliasFactory(customer=customer, customer_sku="BDP-778")
    page = (
        member_client(tenant, Role.LOGISTICS)
        .get(reverse("customers:detail", args=[customer.pk]))
        .content.decode()
    )
    for text in ("Marseille", "jeanne@port.example", "SO-2026-000777", "BDP-778", "Open disputes"):
        assert text in page


def test_a_manager_creates_a_customer_with_an_address_a_contact_and_a_domain(member_client, tenant):
    client = member_client(tenant, Role.MANAGER)
    data = {
        "code": "C00100",
        "name": "Brasserie du Port",
        "vat_number": "",
        "segment": "HoReCa",
        "vip": "on",
        "sales_rep": "",
        "payment_terms": "30 days",
        "credit_limit": "5000",
        "currency": "eur",
        "language": "fr",
        "phone": "",
        "fax": "",
        "active": "on",
        "addresses-TOTAL_FORMS": "1",
        "addresses-INITIAL_FORMS": "0",
        "addresses-0-kind": "bill_to",
        "addresses-0-name": "BDP",
        "addresses-0-street": "1 quai",
        "addresses-0-postal_code": "13002",
        "addresses-0-city": "Marseille",
        "addresses-0-country": "fr",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Jeanne",
        "contacts-0-email": "jeanne@port.example",
        "contacts-0-receives_acknowledgments": "on",
        "senders-TOTAL_FORMS": "1",
        "senders-INITIAL_FORMS": "0",
        "senders-0-kind": "domain",
        "senders-0-value": "@Port.example",
    }
    response = client.post(reverse("customers:create"), data)
    customer = Customer.objects.get(tenant=tenant, code="C00100")
    assert response.status_code == 302
    assert (customer.currency, customer.vip, customer.language) == ("EUR", True, "fr")
    assert customer.addresses.get().country == "FR"
    assert customer.contacts.get().email == "jeanne@port.example"
    assert CustomerSender.objects.get(customer=customer).value == "port.example"


def test_a_bad_field_saves_nothing_and_is_shown_next_to_the_field(member_client, tenant):
    CustomerFactory(tenant=tenant, code="C00100")
    client = member_client(tenant, Role.ADMIN)
    data = {
        "code": "C00100",
        "name": "Clash",
        "currency": "EUR",
        "language": "en",
        "active": "on",
        "addresses-TOTAL_FORMS": "1",
        "addresses-INITIAL_FORMS": "0",
        "addresses-0-kind": "ship_to",
        "addresses-0-city": "Lyon",
        "addresses-0-country": "F1",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "senders-TOTAL_FORMS": "0",
        "senders-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("customers:create"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_code-error">Another customer already has this number.' in page
    assert "Use a two-letter ISO country code, such as FR." in page
    assert Customer.objects.filter(tenant=tenant).count() == 1


def test_the_import_page_previews_then_applies(member_client, tenant):
    client = member_client(tenant, Role.MANAGER)
    csv = b"sku,gtin,description,unit,unit_price,currency\nGT-1,4006381333931,Glue,EA,3.45,EUR\n"
    response = client.post(
        reverse("customers:import"), {"kind": "products", "file": SimpleUploadedFile("p.csv", csv)}
    )
    batch = ImportBatch.objects.get(tenant=tenant)
    assert response["Location"] == reverse("customers:import_batch", args=[batch.pk])
    assert batch.status == ImportStatus.PREVIEWED
    assert batch.report["created"] == ["GT-1"]
    assert Product.objects.count() == 0
    preview = client.get(response["Location"]).content.decode()
    assert 'data-testid="created">1<' in preview
    client.post(reverse("customers:import_batch_apply", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED
    assert list(Product.objects.filter(tenant=tenant).values_list("sku", flat=True)) == ["GT-1"]
    # applying twice does nothing more
    client.post(reverse("customers:import_batch_apply", args=[batch.pk]))
    assert Product.objects.count() == 1


def test_a_refused_upload_cannot_be_applied(member_client, tenant):
    client = member_client(tenant, Role.ADMIN)
    csv = b"sku,gtin,description,unit,unit_price,currency\nGT-1,,Glue,EA,3;45,EUR\n"
    client.post(
        reverse("customers:import"), {"kind": "products", "file": SimpleUploadedFile("p.csv", csv)}
    )
    batch = ImportBatch.objects.get(tenant=tenant)
    assert batch.status == ImportStatus.REFUSED
    page = client.get(reverse("customers:import_batch", args=[batch.pk])).content.decode()
    assert "line 2: GT-1: unit_price &#x27;3;45&#x27; is not a number" in page
    assert "Apply this import" not in page
    client.post(reverse("customers:import_batch_apply", args=[batch.pk]))
    assert Product.objects.count() == 0


def test_customer_suggestions(member_client, tenant):
    CustomerFactory(tenant=tenant, code="C00042", name="Brasserie du Port")
    response = member_client(tenant, Role.ORDER_DESK).get(
        reverse("customers:suggestions"), {"customer": "brass"}
    )
    assert response.content.decode().strip() == '<option value="C00042">Brasserie du Port</option>'
