"""The one gate for tenant-scoped access.

Missing and forbidden look the same from outside: both are a 404, so that ids of other
tenants cannot be probed.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.http import Http404

from tenants.models import Tenant

M = TypeVar("M", bound=models.Model)


def get_for_tenant_or_404(
    model_or_qs: type[M] | models.QuerySet[M], *, tenant: Tenant, **lookup
) -> M:
    queryset = (
        model_or_qs
        if isinstance(model_or_qs, models.QuerySet)
        else model_or_qs._default_manager.all()
    )
    try:
        return queryset.filter(tenant=tenant).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No {queryset.model._meta.verbose_name} matches the given query.")
