"""Writes on customers: the staff pages' create/edit, and the import batches of the imports page."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from customers.imports import ImportReport, customers_import
from customers.models import Customer, ImportBatch, ImportKind, ImportStatus
from tenants.models import Tenant


@transaction.atomic
def customer_save(*, tenant: Tenant, form, formsets: list) -> Customer:
    """Saves a validated customer form and its address/contact/sender formsets, all or nothing."""
    customer = form.save(commit=False)
    customer.tenant = tenant
    customer.save()
    for formset in formsets:
        formset.instance = customer
        for obj in formset.save(commit=False):
            obj.tenant = tenant
            obj.customer = customer
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
    return customer


def _import_service(kind: str):
    from catalog.imports import aliases_import, products_import

    return {
        ImportKind.CUSTOMERS: customers_import,
        ImportKind.PRODUCTS: products_import,
        ImportKind.ALIASES: aliases_import,
    }[kind]


def import_batch_preview(
    *, tenant: Tenant, kind: str, filename: str, data: bytes, actor
) -> ImportBatch:
    """Stores an uploaded file and what importing it would do, without changing any master data."""
    report: ImportReport = _import_service(kind)(tenant=tenant, data=data, dry_run=True)
    batch = ImportBatch(
        tenant=tenant,
        kind=kind,
        filename=filename[:300],
        created_by=actor,
        status=ImportStatus.PREVIEWED if report.ok else ImportStatus.REFUSED,
        report=report.as_dict(),
    )
    batch.file.save(f"{tenant.slug}-{kind}.csv", ContentFile(data), save=False)
    batch.save()
    return batch


def import_batch_apply(*, batch: ImportBatch, actor) -> ImportReport:
    """Imports a previewed file for real (checked again: the data may have changed since)."""
    if batch.status != ImportStatus.PREVIEWED:
        raise ValueError("Only a previewed import can be applied.")
    with batch.file.open("rb") as handle:
        data = handle.read()
    report = _import_service(batch.kind)(tenant=batch.tenant, data=data, dry_run=False)
    batch.report = report.as_dict()
    batch.status = ImportStatus.APPLIED if report.applied else ImportStatus.REFUSED
    batch.applied_at = timezone.now() if report.applied else None
    batch.save(update_fields=["report", "status", "applied_at"])
    return report
