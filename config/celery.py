"""The Celery application.

JSON only, late acknowledgement (a task is acknowledged once it has finished, so a
worker killed mid-task leaves it to be redelivered), and time limits on everything.
With no broker configured (`REDIS_URL` unset) tasks run in-process, eagerly, so the
embedded default works end to end without Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("carnet")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
