"""The supplier's own postal code, learned from the orders of several customers, no longer keeps
a letter that prints no delivery address from a sure ship-to."""

from decimal import Decimal

from ingestion.own_addresses import own_postal_codes, remember_printed_postal_codes
from orders.models import Order
from tenants.models import Tenant
from tests.drafting.conftest import ingest
from tests.extraction.docs import pdf, table
from tests.factories import AddressFactory, CustomerFactory, ProductFactory

SUPPLIER = [
    (40, 110, "Techniflux Industrial Supplies SAS"),
    (40, 122, "14 Rue du Rhin Napoléon"),
    (40, 134, "67100 Strasbourg"),
]


def _customer(tenant, code, name, street, postal, city):
    customer = CustomerFactory(tenant=tenant, code=code, name=name)
    AddressFactory(
        customer=customer, name=name, street=street, postal_code=postal, city=city, country="FR"
    )
    return customer


def _letter(name, street, postal_city, number):
    return pdf(
        [
            [
                (40, 40, name),
                (40, 52, street),
                (40, 64, postal_city),
                *SUPPLIER,
                (40, 170, f"Objet : Commande n° {number}"),
                *table(
                    [40, 90, 330, 400, 480],
                    200,
                    [
                        ["Qté", "Référence", "Désignation", "P.U. HT", "Total HT"],
                        ["10", "310-0044", "Courroie SPB 2000", "17,85", "178,50"],
                    ],
                ),
            ]
        ]
    )


def test_a_postal_code_counts_as_ours_once_two_customers_printed_it(tenant):
    remember_printed_postal_codes(
        tenant.pk, customer_code="C1", printed=("44000", "67100"), customer_postals={"44000"}
    )
    tenant.refresh_from_db()
    assert own_postal_codes(tenant) == frozenset()
    remember_printed_postal_codes(
        tenant.pk, customer_code="C2", printed=("67 100",), customer_postals={"79106"}
    )
    tenant.refresh_from_db()
    assert own_postal_codes(tenant) == {"67100"}


def test_a_labelled_vendor_block_is_ours_at_once(tenant):
    remember_printed_postal_codes(
        tenant.pk, customer_code="C1", printed=(), customer_postals=set(), vendor_postal="69007"
    )
    assert own_postal_codes(Tenant.objects.get(pk=tenant.pk)) == {"69007"}


def test_letters_without_a_delivery_address_keep_the_customers_only_address(tenant):
    ProductFactory(tenant=tenant, sku="310-0044", list_price=Decimal("17.85"))
    _customer(tenant, "C1012", "Établissements Morel", "5 Quai de la Fosse", "44000", "Nantes")
    _customer(tenant, "C1013", "Schreinerei Bauer", "Lehener Str. 9", "79106", "Freiburg")

    def ship_to_of(message):
        order = Order.objects.get(source_document__message=message)
        return order.extraction["fields"]["ship_to"]

    first = ingest(
        tenant,
        "morel-1.pdf",
        data=_letter("Établissements Morel", "5 Quai de la Fosse", "44000 Nantes", "1127"),
    )
    assert ship_to_of(first)["confidence"] < 0.85  # 67100 might be a delivery address
    ingest(
        tenant,
        "bauer.pdf",
        data=_letter("Schreinerei Bauer", "Lehener Str. 9", "79106 Freiburg", "B-2611"),
    )
    again = ingest(
        tenant,
        "morel-2.pdf",
        data=_letter("Établissements Morel", "5 Quai de la Fosse", "44000 Nantes", "1131"),
    )
    ship_to = ship_to_of(again)
    assert ship_to["value"]["postal_code"] == "44000"
    assert ship_to["confidence"] >= 0.9


def test_the_supplier_is_named_by_its_staffs_email_domain(tenant):
    from customers.models import CustomerSender, SenderKind
    from ingestion.own_addresses import domain_name, own_names
    from tests.factories import MembershipFactory, UserFactory

    assert domain_name("r.caduff@alpenhof-hotelbedarf.ch".split("@")[1]) == "alpenhof-hotelbedarf"
    assert domain_name("fenlandcomponents.co.uk") == "fenlandcomponents"
    assert domain_name("example.com") == ""
    assert own_names(tenant) == ()
    for email in ("r.caduff@alpenhof-hotelbedarf.ch", "someone@gmail.com", "rep@contoso.example"):
        MembershipFactory(tenant=tenant, user=UserFactory(email=email))
    # a customer's name or domain that the staff's domain gives too names no supplier
    contoso = CustomerFactory(tenant=tenant, code="C1", name="Contoso Electronics")
    assert own_names(tenant) == ("alpenhof-hotelbedarf",)
    contoso.name = "Dupont"
    contoso.save()
    assert own_names(tenant) == ("alpenhof-hotelbedarf", "contoso")
    CustomerSender.objects.create(
        tenant=tenant, customer=contoso, kind=SenderKind.DOMAIN, value="contoso.com"
    )
    assert own_names(tenant) == ("alpenhof-hotelbedarf",)


def test_a_block_under_the_suppliers_name_is_its_address_from_the_first_letter(tenant):
    """No order has taught the supplier's postal code yet, but the letter's unlabelled block
    in the envelope's window bears the supplier's name, which its sales rep's email domain
    gives: the customer's only address is a sure ship-to at once."""
    from tests.factories import MembershipFactory, UserFactory

    MembershipFactory(tenant=tenant, user=UserFactory(email="rep@techniflux-industrial.fr"))
    ProductFactory(tenant=tenant, sku="310-0044", list_price=Decimal("17.85"))
    _customer(tenant, "C1012", "Établissements Morel", "5 Quai de la Fosse", "44000", "Nantes")
    message = ingest(
        tenant,
        "morel-1.pdf",
        data=_letter("Établissements Morel", "5 Quai de la Fosse", "44000 Nantes", "1127"),
    )
    order = Order.objects.get(source_document__message=message)
    ship_to = order.extraction["fields"]["ship_to"]
    assert ship_to["value"]["postal_code"] == "44000"
    assert ship_to["confidence"] >= 0.9
    # and the postal code is remembered as ours
    assert own_postal_codes(Tenant.objects.get(pk=tenant.pk)) == {"67100"}
