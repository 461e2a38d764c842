from catalog.imports import aliases_import
from customers.management.importcommand import ImportCommand


class Command(ImportCommand):
    help = (
        "Imports (upserts by customer_code and customer_sku) the customers' part numbers of an "
        "aliases.csv into a tenant, all or nothing."
    )
    service = staticmethod(aliases_import)
