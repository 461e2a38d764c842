"""Log in, switch language, switch tenant, log out: in a real Chromium."""

import pytest

from tenants.models import Role
from tests.browser.conftest import login
from tests.factories import MembershipFactory, TenantFactory, UserFactory
from tests.factories.tenants import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_language_tenant_logout(page):
    user = UserFactory(email="anna@supplier.example")
    MembershipFactory(
        user=user, tenant=TenantFactory(slug="alpha", name="Alpha Supplies"), role=Role.ADMIN
    )
    MembershipFactory(
        user=user, tenant=TenantFactory(slug="beta", name="Beta Packaging"), role=Role.SALES_REP
    )

    login(page, user.email, PASSWORD)
    assert page.locator("h1").inner_text() == "Welcome to Alpha Supplies"

    page.click("#language-switcher button[value=fr]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Bienvenue chez Alpha Supplies"
    assert page.locator("html").get_attribute("lang") == "fr"

    with page.expect_navigation():
        page.select_option("#tenant-select", label="Beta Packaging")
    assert page.locator("h1").inner_text() == "Bienvenue chez Beta Packaging"
    assert page.locator(".role-badge").inner_text() == "Commercial"

    page.click("#logout-button")
    page.wait_for_url("**/accounts/login/")
    page.goto("/")
    assert "/accounts/login/" in page.url
