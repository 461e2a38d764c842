"""The order desk in a real Chromium: keyboard-only review, approve, next order; the soft lock."""

from __future__ import annotations

import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from desk.models import DeskLock
from orders.models import Order, OrderEvent, OrderStatus
from tenants.models import Role
from tests.desk.builders import review_order
from tests.factories import CustomerFactory, MembershipFactory, ProductFactory, UserFactory
from tests.factories.tenants import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def new_page(browser, live_server):
    contexts = []

    def make(user):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1400, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto("/accounts/login/")
        page.fill("#id_username", user.email)
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(lambda url: "/login/" not in url)
        return page

    yield make
    for context in contexts:
        context.close()


def desk_user(tenant, email):
    user = UserFactory(email=email, first_name=email.split("@")[0].capitalize(), last_name="Desk")
    MembershipFactory(user=user, tenant=tenant, role=Role.ORDER_DESK)
    return user


def test_fix_a_price_and_a_product_with_the_keyboard_then_approve_and_the_next_order_opens(
    new_page, tenant
):
    # given two orders waiting, the older one with a wrong price and a wrong product on line 1
    now = timezone.now()
    first = review_order(tenant, lines=2, received_at=now - timedelta(minutes=50))
    second = review_order(tenant, lines=1, received_at=now - timedelta(minutes=5))
    wanted = ProductFactory(tenant=tenant, sku="GT-6MM-BK", description="Gaine thermo 6 mm noire")
    line = first.lines.order_by("position").first()
    page = new_page(desk_user(tenant, "anna@supplier.example"))

    # when the desk opens the queue and the first order, with the keyboard only
    page.goto("/desk/")
    assert page.locator("#queue tbody tr").count() == 2
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/desk/orders/{first.pk}/")
    price = page.locator(f"#i-{line.pk}-unit_price")
    page.keyboard.press(
        "Alt+i"
    )  # the first issue is the low-confidence order date, the next the price
    if page.evaluate("document.activeElement.id") != f"i-{line.pk}-unit_price":
        page.keyboard.press("Alt+i")
    assert page.evaluate("document.activeElement.id") == f"i-{line.pk}-unit_price"
    page.keyboard.type("3,45")
    page.keyboard.press("Tab")
    page.wait_for_function(
        f"document.querySelector('#i-{line.pk}-unit_price').defaultValue === '3.45'"
    )
    for _ in range(6):
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == f"i-{line.pk}-product"
    page.keyboard.type("GT-6")
    page.locator("#ac-list [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"document.querySelector('#i-{line.pk}-product').defaultValue.startsWith('GT-6MM-BK')"
    )
    assert page.locator("#issues").inner_text().count("differs from price list") == 0
    page.keyboard.press("Control+Enter")

    # then the order is validated with both corrections and the next order opens
    page.wait_for_url(f"**/desk/orders/{second.pk}/")
    first.refresh_from_db()
    line.refresh_from_db()
    assert first.status == OrderStatus.VALIDATED
    assert (line.unit_price, line.product_id) == (Decimal("3.4500"), wanted.pk)
    fields = set(
        OrderEvent.objects.filter(order=first, kind="field_corrected").values_list(
            "data__field", flat=True
        )
    )
    assert fields == {"line.unit_price", "line.product"}
    assert price.count() == 0  # we are on the other order now
    assert Order.objects.get(pk=second.pk).status == OrderStatus.NEEDS_REVIEW


def test_two_people_on_the_same_order_see_the_lock(new_page, tenant):
    order = review_order(tenant, lines=1)
    anna, bruno = (
        desk_user(tenant, "anna@supplier.example"),
        desk_user(tenant, "bruno@supplier.example"),
    )
    first = new_page(anna)
    first.goto(f"/desk/orders/{order.pk}/")
    assert first.locator("[data-testid=lock]").inner_text() == "You have this order open."

    second = new_page(bruno)
    second.goto(f"/desk/orders/{order.pk}/")
    banner = second.locator("[data-testid=lock]")
    assert "Anna Desk has this order open" in banner.inner_text()
    second.goto("/desk/")
    badge = second.locator(f"#q-{order.pk} [data-testid=queue-lock]")
    assert badge.inner_text().strip() == "Anna Desk has this order open"
    assert badge.locator("svg").is_visible()

    # Bruno takes it over; Anna's next heartbeat shows that Bruno has it now
    second.goto(f"/desk/orders/{order.pk}/")
    second.get_by_role("button", name="Take over").click()
    second.wait_for_function(
        "document.querySelector('[data-testid=lock]').innerText.includes('You have this order open')"
    )
    first.locator("#lock").evaluate(
        "el => htmx.ajax('POST', el.getAttribute('hx-post'), {target: el, swap: 'outerHTML'})"
    )
    first.wait_for_function(
        "document.querySelector('[data-testid=lock]').innerText.includes('Bruno Desk has this order open')"
    )


def test_focusing_a_field_shows_its_box_and_clicking_a_word_fills_it(new_page, tenant):
    order = review_order(tenant, lines=1, po_number="")
    page = new_page(desk_user(tenant, "anna@supplier.example"))
    page.goto(f"/desk/orders/{order.pk}/")
    sheet = page.locator("#page-1")
    sheet.locator("img").evaluate("img => img.decode()")

    page.focus("#h-po_number")

    box = page.locator("#page-1 .hl")
    assert box.is_visible()
    scale = sheet.bounding_box()["width"] / 595.0
    highlighted = box.bounding_box()
    assert abs(highlighted["x"] - (sheet.bounding_box()["x"] + 62 * scale - 3)) < 2
    # the word "4500012345" sits at x 62-120, y 60-70 points on the page
    sheet.click(position={"x": 90 * scale, "y": 65 * scale})
    page.wait_for_function("document.querySelector('#h-po_number').defaultValue === '4500012345'")
    order.refresh_from_db()
    assert order.po_number == "4500012345"


def test_a_page_served_from_a_prefetch_takes_the_lock_once_shown(new_page, tenant):
    order = review_order(tenant, lines=1)
    anna = desk_user(tenant, "anna@supplier.example")
    page = new_page(anna)
    page.set_extra_http_headers({"Sec-Purpose": "prefetch"})  # the server sees a prefetch

    page.goto(f"/desk/orders/{order.pk}/")

    # the page's own heartbeat takes it, then keeps it
    page.wait_for_function(
        "document.querySelector('[data-testid=lock]').innerText.includes('You have this order open')"
    )
    lock = DeskLock.objects.get(order=order)
    assert lock.user == anna
    seen = page.locator("#lock").get_attribute("data-heartbeat")
    assert seen == lock.heartbeat_at.isoformat()
    page.locator("#lock").evaluate("el => htmx.trigger(el, 'desk:renew')")
    page.wait_for_function(f"document.querySelector('#lock').dataset.heartbeat !== '{seen}'")
    assert DeskLock.objects.get(order=order).heartbeat_at > lock.heartbeat_at


def test_the_queue_filters_wrap_on_a_phone(new_page, tenant):
    review_order(
        tenant,
        lines=1,
        customer=CustomerFactory(
            tenant=tenant,
            name="Établissements Marchand-Lefebvre et Fils, Menuiserie Industrielle du Grand Est SARL",
        ),
    )
    page = new_page(desk_user(tenant, "anna@supplier.example"))
    page.set_viewport_size({"width": 390, "height": 800})

    page.goto("/desk/")

    width, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width == window == 390
    select = page.locator("#f-customer").bounding_box()
    assert select["x"] >= 0
    assert select["x"] + select["width"] <= 390


def test_the_open_page_renews_its_lock_on_its_own(new_page, tenant, monkeypatch):
    monkeypatch.setattr("desk.views.HEARTBEAT_SECONDS", 1)
    order = review_order(tenant, lines=1)
    page = new_page(desk_user(tenant, "anna@supplier.example"))
    page.goto(f"/desk/orders/{order.pk}/")
    first = page.locator("#lock").get_attribute("data-heartbeat")

    # two heartbeats in a row: the renewed banner keeps polling
    page.wait_for_function(f"document.querySelector('#lock').dataset.heartbeat !== '{first}'")
    second = page.locator("#lock").get_attribute("data-heartbeat")
    page.wait_for_function(f"document.querySelector('#lock').dataset.heartbeat !== '{second}'")

    assert DeskLock.objects.get(order=order).heartbeat_at.isoformat() >= second
    # closing the tab lets it go (the beacon carries the heartbeat the page saw last)
    page.close()
    for _ in range(50):
        if not DeskLock.objects.filter(order=order).exists():
            break
        time.sleep(0.1)
    assert not DeskLock.objects.filter(order=order).exists()
