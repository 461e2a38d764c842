"""The pages fit the screen: no page wider than the window, on a desktop and on a phone.

Wide tables scroll inside their own box; before the fix, the visually hidden labels of form
tables escaped that box and widened the whole page, and forms forced a phone page to ~950 px.
"""

import pytest

from tenants.models import Role
from tests.conftest import login
from tests.factories import (
    AddressFactory,
    ContactFactory,
    CustomerFactory,
    MembershipFactory,
    OrderFactory,
    UserFactory,
)
from tests.factories.tenants import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_WIDTH = "[document.documentElement.scrollWidth, window.innerWidth]"


@pytest.mark.parametrize("width", [1366, 390])
def test_no_page_is_wider_than_the_window(page, tenant, width):
    user = UserFactory(email="marc@supplier.example")
    MembershipFactory(user=user, tenant=tenant, role=Role.MANAGER)
    # a long name in a filter's drop-down must not widen a phone page either
    rep = UserFactory(first_name="Marie-Christine", last_name="de La Tour d'Auvergne-Lauraguais")
    MembershipFactory(user=rep, tenant=tenant, role=Role.SALES_REP)
    customer = CustomerFactory(tenant=tenant, name="Brasserie du Port", sales_rep=rep)
    AddressFactory(customer=customer)
    ContactFactory(customer=customer)
    order = OrderFactory(customer=customer)
    page.set_viewport_size({"width": width, "height": 900})
    login(page, user.email, PASSWORD)
    for url in (
        f"/customers/{customer.pk}/edit/",
        f"/customers/{customer.pk}/",
        "/customers/new/",
        "/orders/new/",
        f"/orders/{order.pk}/",
        "/orders/",
        "/customers/",
        "/customers/imports/",
    ):
        page.goto(url)
        scroll_width, window_width = page.evaluate(PAGE_WIDTH)
        assert (url, scroll_width) == (url, window_width)
