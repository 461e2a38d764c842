import factory

from customers.models import Address, AddressKind, Contact, Customer
from tests.factories.tenants import TenantFactory


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    tenant = factory.SubFactory(TenantFactory)
    code = factory.Sequence(lambda n: f"C{90000 + n:05d}")  # apart from the codes tests pick
    name = factory.Sequence(lambda n: f"Customer {n} SARL")
    currency = "EUR"


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    customer = factory.SubFactory(CustomerFactory)
    tenant = factory.SelfAttribute("customer.tenant")
    kind = AddressKind.SHIP_TO
    name = factory.SelfAttribute("customer.name")
    street = "12 rue des Lilas"
    postal_code = "69003"
    city = "Lyon"
    country = "FR"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    customer = factory.SubFactory(CustomerFactory)
    tenant = factory.SelfAttribute("customer.tenant")
    name = "Jeanne Martin"
    email = factory.Sequence(lambda n: f"buyer{n}@customer.example")
