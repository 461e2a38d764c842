"""The order desk's own state: who has an order open (soft lock) and who claimed it.

Neither changes the order itself; both are advisory, so that two people do not type into the
same order, without ever stopping someone who really must take it over.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import TenantOwned

# A lock without a heartbeat for this long is free again (a closed tab, a lost laptop).
LOCK_TTL = timedelta(seconds=90)
# The review page renews its lock this often (review.js, hx-trigger).
HEARTBEAT_SECONDS = 20


class DeskLock(TenantOwned):
    """Who has the order open on the review page right now."""

    order = models.OneToOneField("orders.Order", on_delete=models.CASCADE, related_name="desk_lock")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    acquired_at = models.DateTimeField(default=timezone.now)
    heartbeat_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("review lock")

    def __str__(self) -> str:
        return f"{self.order_id} by {self.user_id}"

    def is_live(self, now=None) -> bool:
        return self.heartbeat_at > (now or timezone.now()) - LOCK_TTL


class DeskClaim(TenantOwned):
    """An order taken by (or assigned to) one person of the order desk until it leaves the queue."""

    order = models.OneToOneField(
        "orders.Order", on_delete=models.CASCADE, related_name="desk_claim"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("claim")
        indexes = [models.Index(fields=["tenant", "user"])]

    def __str__(self) -> str:
        return f"{self.order_id} → {self.user_id}"
