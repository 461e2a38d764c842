from catalog.imports import products_import
from customers.management.importcommand import ImportCommand


class Command(ImportCommand):
    help = "Imports (upserts by sku) the products of a products.csv into a tenant, all or nothing."
    service = staticmethod(products_import)
