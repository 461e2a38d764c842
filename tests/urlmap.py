"""What the URL harness needs to know about each URL pattern that takes an object id.

The isolation and role tests walk every URL pattern of the project themselves. A pattern with
parameters must be described here by a *maker*: a function that creates, inside the given
tenant, the object(s) the URL points at and returns the URL kwargs. A pattern that is neither
described nor exempted makes the harness fail, so a new view cannot slip through untested.

Add your entries with ``register("app:name")`` next to the others of your app.
"""

from __future__ import annotations

from collections.abc import Callable

from tenants.models import Tenant

Maker = Callable[[Tenant], dict]

MAKERS: dict[str, Maker] = {}

# Patterns the harness does not exercise, with the reason.
EXEMPT_PREFIXES = (
    "admin:",  # Django admin: superusers only, not tenant-facing
)
EXEMPT_NAMES = {
    "password_reset_confirm": "token link, no tenant object",
    "set_language": "i18n, no tenant object",
}
# Views that any signed-in (or anonymous) person may open, tested on their own.
ACCOUNT_NAMES = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
    "home",
    "switch_tenant",
}
# Marker written into every "foreign" row so list pages can be checked for leaks.
FOREIGN_MARKER = "ZZFOREIGNZZ"


def register(name: str) -> Callable[[Maker], Maker]:
    def decorator(maker: Maker) -> Maker:
        MAKERS[name] = maker
        return maker

    return decorator


def load_all() -> None:
    """Imports every tests/<app>/urlmakers.py so that their register() calls run."""
    import importlib
    import pkgutil

    import tests

    for module in pkgutil.iter_modules(tests.__path__):
        if module.ispkg:
            try:
                importlib.import_module(f"tests.{module.name}.urlmakers")
            except ModuleNotFoundError as error:
                if error.name != f"tests.{module.name}.urlmakers":
                    raise


def make_foreign_data(tenant: Tenant) -> None:
    """Rows of every kind in ``tenant`` whose names carry FOREIGN_MARKER."""
    for maker in FOREIGN_DATA.values():
        maker(tenant)


FOREIGN_DATA: dict[str, Callable[[Tenant], object]] = {}


def register_foreign(name: str) -> Callable:
    def decorator(fn: Callable[[Tenant], object]) -> Callable[[Tenant], object]:
        FOREIGN_DATA[name] = fn
        return fn

    return decorator
