"""Fixtures for drafting tests: a supplier tenant with the Contoso master data, and a way to
push a file through the real pipeline (store → split → read → draft)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion import masterdata
from tests.paths import SHARED

CONTOSO = SHARED / "corpus/contoso-po"


@pytest.fixture(autouse=True)
def _fresh_masterdata_snapshots():
    masterdata._snapshots.clear()
    yield
    masterdata._snapshots.clear()


def import_masterdata(tenant, folder: Path) -> None:
    from catalog.imports import aliases_import, products_import
    from customers.imports import customers_import

    for service, name in (
        (customers_import, "customers.csv"),
        (products_import, "products.csv"),
        (aliases_import, "aliases.csv"),
    ):
        path = folder / name
        if path.exists():
            report = service(tenant=tenant, data=path.read_bytes())
            assert report.ok, report.summary()


@pytest.fixture
def contoso(tenant):
    if not CONTOSO.exists():
        pytest.skip("the shared Contoso corpus is not available")
    import_masterdata(tenant, CONTOSO / "masterdata")
    return tenant


def ingest(
    tenant,
    path: Path | str,
    *,
    data: bytes | None = None,
    channel: str = "upload",
    known_customer=None,
    filename: str | None = None,
):
    """Store and process one file synchronously; returns the InboundMessage."""
    from ingestion.pipeline import message_process
    from ingestion.services import message_store

    path = Path(path)
    message = message_store(
        tenant=tenant,
        channel=channel,
        raw=data if data is not None else path.read_bytes(),
        filename=filename or path.name,
        known_customer=known_customer,
        queue=False,
    )
    if message.duplicate_of_id is None:
        message_process(message_id=message.pk, sync=True)
    message.refresh_from_db()
    return message


def message_orders(message):
    from orders.models import Order

    return list(Order.objects.filter(source_document__message=message).order_by("pk"))
