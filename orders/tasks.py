"""Thin Celery tasks over the order services: ids in, one service call, safe to run twice."""

from __future__ import annotations

import random

from celery import shared_task

from orders.export import TransientExportError, order_export_attempt, order_export_give_up
from orders.models import ErpConnector, Order

BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600


def backoff_seconds(retries: int) -> float:
    """Exponential backoff with full jitter: a random delay up to base * 2^retries, capped."""
    return random.uniform(0, min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 2**retries))  # noqa: S311


@shared_task(bind=True, acks_late=True, max_retries=None)
def order_export(self, order_id: int) -> str:
    order = Order.objects.filter(pk=order_id).only("tenant_id").first()
    if order is None:
        return "missing"
    connector = ErpConnector.objects.for_tenant(order.tenant_id).filter(active=True).first()
    max_attempts = connector.max_attempts if connector else 1
    try:
        attempt = order_export_attempt(order_id=order_id)
    except TransientExportError as error:
        if self.request.retries + 1 >= max_attempts:
            order_export_give_up(order_id=order_id, error=str(error))
            return "failed"
        raise self.retry(exc=error, countdown=backoff_seconds(self.request.retries))
    return "exported" if attempt else "nothing to do"


@shared_task(acks_late=True)
def order_send_acknowledgment(order_id: int) -> str:
    from orders.acknowledgments import order_acknowledgment_send

    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        return "missing"
    return "sent" if order_acknowledgment_send(order=order) else "skipped"
