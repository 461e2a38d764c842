from django.core.files.base import ContentFile

from customers.models import ImportBatch, ImportKind
from tests.factories import AddressFactory, ContactFactory, CustomerFactory
from tests.urlmap import FOREIGN_MARKER, register, register_foreign


@register("customers:detail")
@register("customers:edit")
def customer(tenant) -> dict:
    return {"pk": CustomerFactory(tenant=tenant).pk}


def _batch(tenant) -> ImportBatch:
    batch = ImportBatch(
        tenant=tenant,
        kind=ImportKind.PRODUCTS,
        filename=f"{FOREIGN_MARKER}.csv",
        report={"created": [], "updated": [], "unchanged": [], "rejected": [], "warnings": []},
    )
    batch.file.save(
        "products.csv", ContentFile(b"sku,gtin,description,unit,unit_price,currency\n"), save=False
    )
    batch.save()
    return batch


@register("customers:import_batch")
@register("customers:import_batch_apply")
def import_batch(tenant) -> dict:
    return {"pk": _batch(tenant).pk}


@register_foreign("customers")
def foreign_customers(tenant) -> None:
    customer = CustomerFactory(
        tenant=tenant,
        name=f"{FOREIGN_MARKER} customer",
        code=f"{FOREIGN_MARKER}1",
        segment=FOREIGN_MARKER,
    )
    AddressFactory(customer=customer, city=FOREIGN_MARKER)
    ContactFactory(customer=customer, name=FOREIGN_MARKER)
    _batch(tenant)
