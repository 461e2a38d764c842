"""Order desk: server time of the review page of an order with 200 lines.

Builds a throwaway test database (like the test suite), an order as the extraction leaves
it (200 lines with ranked candidates and boxes, one rendered page), signs a desk user in and
times ``GET /desk/orders/<pk>/`` through Django's test client: middleware, queries, template
rendering; no network. Reports the median of the timed runs after a warm-up.
"""

from __future__ import annotations

import statistics
import tempfile
import time

NAMES = ["desk.review_200_lines.ms"]
RUNS = 15
TARGET_MS = 300


def _build(tenant_slug: str = "bench-desk"):
    from decimal import Decimal

    from catalog.models import Product
    from customers.models import Customer
    from orders.models import Order, OrderChannel, OrderLine, OrderStatus
    from tenants.models import Membership, Role, Tenant, User

    tenant = Tenant.objects.create(slug=tenant_slug, name="Bench Desk")
    user = User.objects.create_user("desk@bench.example", "bench-pass-1234")
    Membership.objects.create(user=user, tenant=tenant, role=Role.ORDER_DESK)
    customer = Customer.objects.create(tenant=tenant, code="C00001", name="Bench Customer")
    products = Product.objects.bulk_create(
        [
            Product(
                tenant=tenant,
                sku=f"SKU-{i:05d}",
                description=f"Product {i} heat shrink sleeve",
                list_price=Decimal("3.45"),
            )
            for i in range(400)
        ]
    )
    try:
        from tests.desk.builders import document_with_page

        document = document_with_page(tenant)
    except ImportError:  # the benchmark still runs without the test helpers
        document = None
    order = Order.objects.create(
        tenant=tenant,
        number="SO-BENCH-000001",
        customer=customer,
        channel=OrderChannel.EMAIL,
        status=OrderStatus.NEEDS_REVIEW,
        po_number="4500012345",
        source_document=document,
        extraction={
            "fields": {
                "po_number": {
                    "value": "4500012345",
                    "confidence": 0.97,
                    "source": {"page": 1, "bbox": [62, 60, 120, 70]},
                }
            }
        },
        issues=[
            {
                "code": "price_mismatch",
                "field": f"lines[{i}].unit_price",
                "blocking": True,
                "message": f"price 3.60 differs from price list 3.45 (+4.3%) on line {i + 1}",
            }
            for i in range(0, 200, 10)
        ],
    )
    OrderLine.objects.bulk_create(
        [
            OrderLine(
                tenant=tenant,
                order=order,
                position=i + 1,
                product=products[i],
                customer_sku=f"A-{i}",
                description=f"Sleeve {i} as written by the customer",
                quantity=Decimal("12"),
                unit="EA",
                unit_price=Decimal("3.60"),
                line_total=Decimal("43.20"),
                extraction={
                    "source": {"page": 1, "bbox": [40, 100 + i * 3, 560, 102 + i * 3]},
                    "fields": {
                        "quantity": {"confidence": 0.99},
                        "unit_price": {"confidence": 0.8 if i % 7 == 0 else 0.98},
                    },
                    "candidates": [
                        {"product_id": products[i].pk, "score": 0.93, "reason": "alias"},
                        {
                            "product_id": products[i + 200].pk,
                            "score": 0.61,
                            "reason": "description",
                        },
                    ],
                },
            )
            for i in range(200)
        ]
    )
    return user, order


def measure(runs: int = RUNS) -> float:
    """Median milliseconds of the review page of a 200-line order (needs a database ready)."""
    from django.test import Client
    from django.urls import reverse

    user, order = _build()
    client = Client()
    client.force_login(user)
    url = reverse("desk:review", args=[order.pk])
    for _ in range(3):  # warm-up: template loading, first queries
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return statistics.median(timings)


def run() -> list[dict]:
    from django.db import connection
    from django.test.utils import (
        override_settings,
        setup_test_environment,
        teardown_test_environment,
    )

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        with (
            tempfile.TemporaryDirectory() as media,
            override_settings(
                MEDIA_ROOT=media,
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                ALLOWED_HOSTS=["testserver", "localhost"],
            ),
        ):
            median_ms = measure()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return [
        {
            "name": "desk.review_200_lines.ms",
            "value": round(median_ms, 1),
            "unit": "ms",
            "higher_is_better": False,
            "baseline_name": f"target {TARGET_MS} ms",
            "baseline_value": TARGET_MS,
        }
    ]


if __name__ == "__main__":
    import json
    import os
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    django.setup()
    print(json.dumps(run(), indent=2))
