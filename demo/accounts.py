"""The demo accounts of ../shared/spec/CONTRACTS.md. Created only by the demo command."""

from __future__ import annotations

from tenants.models import Role

DEMO_PASSWORD = "carnet-demo"

DEMO_STAFF = [
    ("admin@demo.example", Role.ADMIN, "Alice", "Admin"),
    ("manager@demo.example", Role.MANAGER, "Marc", "Manager"),
    ("rep@demo.example", Role.SALES_REP, "Rita", "Rep"),
    ("desk@demo.example", Role.ORDER_DESK, "Denis", "Desk"),
    ("logistics@demo.example", Role.LOGISTICS, "Louise", "Logistics"),
    ("accounting@demo.example", Role.ACCOUNTING, "Carl", "Accounting"),
]
DEMO2_STAFF = [("admin@demo2.example", Role.ADMIN, "Adam", "Admin")]
PORTAL_USER = "buyer@customer.example"
