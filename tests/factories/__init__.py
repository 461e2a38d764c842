"""factory_boy factories, one module per app. Import from here."""

from tests.factories.catalog import AliasFactory, ProductFactory
from tests.factories.customers import AddressFactory, ContactFactory, CustomerFactory
from tests.factories.orders import OrderFactory, OrderLineFactory
from tests.factories.tenants import MembershipFactory, TenantFactory, UserFactory

__all__ = [
    "AddressFactory",
    "AliasFactory",
    "ContactFactory",
    "CustomerFactory",
    "MembershipFactory",
    "OrderFactory",
    "OrderLineFactory",
    "ProductFactory",
    "TenantFactory",
    "UserFactory",
]
