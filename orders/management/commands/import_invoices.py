from customers.management.importcommand import ImportCommand
from orders.fulfilment import invoices_import


class Command(ImportCommand):
    help = (
        "Imports the ERP's invoices (invoice, order_number, issued_on, line, sku, quantity, unit_price, "
        "[due_on, tax_amount, paid_amount, currency]) into a tenant, all or nothing."
    )
    service = staticmethod(invoices_import)
