"""Shared fixtures. App-specific fixtures live in tests/<app>/conftest.py."""

from __future__ import annotations

import os
import shutil

import pytest
from django.conf import settings

from tenants.models import Role
from tests.factories import MembershipFactory, TenantFactory, UserFactory
from tests.factories.tenants import PASSWORD


def require_service(available: bool, what: str) -> None:
    """Skip when a real service is missing locally; fail in CI (CARNET_REQUIRE_SERVICES=1)."""
    if available:
        return
    if os.environ.get("CARNET_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{what} is required (CARNET_REQUIRE_SERVICES=1) but is not available")
    pytest.skip(f"{what} is not available")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Tests run tasks in-process unless they start a real worker themselves (tests/workers.py)."""
    from config.celery import app

    previous_eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    yield
    app.conf.task_always_eager = previous_eager


@pytest.fixture(autouse=True)
def _english_until_asked():
    """A test request in French leaves French active in the thread; every test starts in English."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def tenant(db):
    return TenantFactory(slug="acme", name="Acme Supplies")


@pytest.fixture
def other_tenant(db):
    return TenantFactory(slug="globex", name="Globex Packaging")


@pytest.fixture
def make_member(db):
    """make_member(tenant, role) -> a staff user with that role in that tenant."""

    def make(tenant, role=Role.ADMIN, **user_fields):
        return MembershipFactory(tenant=tenant, role=role, user=UserFactory(**user_fields)).user

    return make


@pytest.fixture
def member_client(client, make_member):
    """member_client(tenant, role) -> a Django test client signed in as such a user."""

    def make(tenant, role=Role.ADMIN):
        user = make_member(tenant, role)
        client.force_login(user)
        client.user = user
        return client

    return make


@pytest.fixture
def admin_client_for(member_client, tenant):
    return member_client(tenant, Role.ADMIN)


@pytest.fixture
def password():
    return PASSWORD


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
    ):
        if candidate and shutil.which(candidate):
            return candidate
    return None


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    """One real Chromium (Debian's) for the whole run, driven by Playwright's sync API.

    There must be only one: two live sync Playwright instances in one process clash.
    """
    path = chromium_path()
    require_service(path is not None, "Chromium (/usr/bin/chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def login(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("#main button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)


__all__ = ["require_service", "chromium_path", "settings", "login"]


def pytest_sessionstart(session):
    """In CI every test must run: the shared corpus must be there (tests skip on it locally)."""
    from tests.paths import CORPUS

    if os.environ.get("CARNET_REQUIRE_SERVICES") == "1" and not CORPUS.is_dir():
        pytest.exit(
            f"the shared corpus is required (CARNET_REQUIRE_SERVICES=1) but {CORPUS} is missing",
            returncode=3,
        )
