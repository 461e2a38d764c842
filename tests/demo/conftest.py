"""The small demo is loaded once for the tests of this package that ask for it, then deleted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from demo.services import demo_load, demo_tenant_purge
from tenants.models import Tenant

# A fixed last day, so the history (holidays, weekdays, August) is the same on every run.
TODAY = dt.date(2026, 11, 27)
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="package")
def demo_small(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        result = demo_load(slug="demo", scale="small", seed=42, today=TODAY, inbound=False)
    yield result
    with django_db_blocker.unblock():
        for tenant in Tenant.objects.filter(slug__in=["demo", "demo2"]):
            demo_tenant_purge(tenant=tenant)


@pytest.fixture
def demo(demo_small, db):
    return Tenant.objects.get(slug="demo")
