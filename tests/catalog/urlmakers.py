from tests.factories import AliasFactory, ProductFactory
from tests.urlmap import FOREIGN_MARKER, register, register_foreign


@register("catalog:detail")
def product(tenant) -> dict:
    return {"pk": ProductFactory(tenant=tenant).pk}


@register_foreign("catalog")
def foreign_products(tenant) -> None:
    product = ProductFactory(
        tenant=tenant, sku=f"{FOREIGN_MARKER}-1", description=f"{FOREIGN_MARKER} glue"
    )
    AliasFactory(customer__tenant=tenant, product=product, customer_sku=FOREIGN_MARKER)
