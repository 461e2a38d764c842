"""The REST API: each app adds its routes to ``router`` or ``urlpatterns`` in its ``api.py``."""

from importlib import import_module

from django.urls import include, path

urlpatterns: list = []
for app in ("customers", "catalog", "orders", "ingestion", "disputes", "portal"):
    try:
        module = import_module(f"{app}.api")
    except ModuleNotFoundError as error:
        if error.name != f"{app}.api":
            raise
        continue
    urlpatterns.append(path("", include(module.urlpatterns)))
