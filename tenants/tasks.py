from celery import shared_task
from django.core.cache import cache

from tenants.models import Tenant


@shared_task(acks_late=True)
def tenant_heartbeat(tenant_id: int, token: str) -> str:
    """Proves a worker is alive and sees committed data: writes the tenant's slug to the cache."""
    slug = Tenant.objects.filter(pk=tenant_id).values_list("slug", flat=True).first() or "<missing>"
    cache.set(f"carnet:heartbeat:{token}", slug, timeout=300)
    return slug
