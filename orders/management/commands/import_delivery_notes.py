from customers.management.importcommand import ImportCommand
from orders.fulfilment import delivery_notes_import


class Command(ImportCommand):
    help = (
        "Imports the ERP's delivery notes (delivery_note, order_number, line, sku, quantity, "
        "[carrier, tracking_number, shipped_on, delivered_on]) into a tenant, all or nothing."
    )
    service = staticmethod(delivery_notes_import)
