"""Walks the project's URL patterns for the harness tests."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    pattern: str
    params: tuple[str, ...]
    callback: object

    @property
    def roles(self) -> tuple[str, ...] | None:
        return getattr(self.callback, "carnet_roles", None)

    @property
    def audience(self) -> str:
        """staff, portal, api, public or unknown (declared by decorators on the view)."""
        if getattr(self.callback, "carnet_roles", None) is not None:
            return "staff"
        if getattr(self.callback, "carnet_portal", False):
            return "portal"
        if getattr(self.callback, "carnet_public", False):
            return "public"
        if hasattr(self.callback, "cls") or hasattr(self.callback, "initkwargs"):
            return "api"
        return "unknown"


def walk(resolver=None, prefix: str = "", namespace: str = "") -> list[Route]:
    resolver = resolver or get_resolver()
    routes: list[Route] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            routes += walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            pattern = prefix + str(entry.pattern)
            params = tuple(entry.pattern.regex.groupindex) + tuple(
                p for p in _resolver_params(prefix) if p not in entry.pattern.regex.groupindex
            )
            routes.append(Route(f"{namespace}{entry.name}", pattern, params, entry.callback))
    return routes


def _resolver_params(prefix: str) -> tuple[str, ...]:
    import re

    return tuple(re.findall(r"<(?:\w+:)?(\w+)>", prefix))
