from customers.imports import customers_import
from customers.management.importcommand import ImportCommand


class Command(ImportCommand):
    help = (
        "Imports (upserts by code) the customers of a customers.csv into a tenant, all or nothing."
    )
    service = staticmethod(customers_import)
