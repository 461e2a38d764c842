"""A real worker against Redis: a task queued inside a transaction runs only after the commit."""

import os
import time
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from tenants.models import Tenant
from tenants.tasks import tenant_heartbeat
from tests.conftest import require_service
from tests.workers import running_worker, wait_until


@pytest.fixture
def real_broker(settings):
    require_service(bool(os.environ.get("REDIS_URL")), "Redis (REDIS_URL)")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = previous


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_task_queued_in_a_transaction_runs_after_commit(real_broker):
    require_service(
        settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), "PostgreSQL (DATABASE_URL)"
    )
    token = uuid.uuid4().hex
    key = f"carnet:heartbeat:{token}"
    with running_worker():
        with transaction.atomic():
            tenant = Tenant.objects.create(slug=f"t-{token[:8]}", name="After commit")
            tenant_heartbeat.delay_on_commit(tenant.pk, token)
            time.sleep(3)  # a worker that got the task now would not see the tenant yet
            assert cache.get(key) is None
        assert wait_until(lambda: cache.get(key) is not None, timeout=60)
        assert cache.get(key) == tenant.slug
