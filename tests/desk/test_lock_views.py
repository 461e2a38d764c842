"""The soft lock through the review page: who takes it, who keeps it, how it reads in the queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from desk import selectors
from desk import services as desk
from desk.models import LOCK_TTL, DeskLock
from tenants.models import Role
from tests.desk.builders import review_order

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def desk_client(member_client, tenant):
    return member_client(tenant, Role.ORDER_DESK)


def queue_badge(html: str) -> str:
    start = html.index('data-testid="queue-lock">')
    return html[start : html.index("</span>", start)]


def test_your_own_lock_reads_as_yours_in_the_queue(desk_client, tenant):
    order = review_order(tenant, lines=1)
    desk_client.get(reverse("desk:review", args=[order.pk]))  # opened, then back to the queue

    badge = queue_badge(desk_client.get(reverse("desk:queue")).content.decode())

    assert badge.endswith("</svg> You have this order open")
    assert "lock-mine" in desk_client.get(reverse("desk:queue")).content.decode()
    assert str(desk_client.user) not in badge


def test_someone_elses_lock_reads_as_theirs_in_the_queue(desk_client, tenant, make_member):
    order = review_order(tenant, lines=1)
    bruno = make_member(tenant, Role.ORDER_DESK, first_name="Bruno", last_name="Martin")
    desk.lock_acquire(order=order, user=bruno)

    html = desk_client.get(reverse("desk:queue")).content.decode()

    assert queue_badge(html).endswith("</svg> Bruno Martin has this order open")
    assert "lock-mine" not in html


def test_the_lock_badge_is_an_svg_icon_with_words_not_an_emoji(desk_client, tenant):
    order = review_order(tenant, lines=1)
    desk.lock_acquire(order=order, user=desk_client.user)

    html = desk_client.get(reverse("desk:queue")).content.decode()

    assert "👁" not in html
    assert '<svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"' in html


def test_reopening_your_order_still_reads_as_yours(desk_client, tenant):
    order = review_order(tenant, lines=1)
    url = reverse("desk:review", args=[order.pk])
    desk_client.get(url)

    html = desk_client.get(url).content.decode()

    assert "You have this order open." in html
    assert "has this order open" not in html
    assert 'class="lock lock-other"' not in html


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_MOZ": "prefetch"},
        {"HTTP_X_PURPOSE": "preview"},
        {"HTTP_HX_PRELOADED": "true"},
    ],
    ids=["sec-purpose", "prerender", "purpose", "x-moz", "x-purpose", "htmx-preload"],
)
def test_a_prefetch_does_not_take_the_lock(desk_client, tenant, headers):
    order = review_order(tenant, lines=1)

    response = desk_client.get(reverse("desk:review", args=[order.pk]), **headers)

    html = response.content.decode()
    assert response.status_code == 200
    assert not DeskLock.objects.filter(order=order).exists()
    # the page takes it from the browser once really shown (review.js), through its heartbeat
    assert 'data-pending="1"' in html
    assert f'hx-post="{reverse("desk:lock", args=[order.pk])}"' in html


def test_a_head_request_does_not_take_the_lock(desk_client, tenant):
    order = review_order(tenant, lines=1)

    response = desk_client.head(reverse("desk:review", args=[order.pk]))

    assert response.status_code == 200
    assert response.content == b""
    assert not DeskLock.objects.filter(order=order).exists()


def test_a_person_opening_the_page_takes_the_lock_and_the_heartbeat_keeps_it(desk_client, tenant):
    order = review_order(tenant, lines=1)

    html = desk_client.get(reverse("desk:review", args=[order.pk])).content.decode()

    lock = DeskLock.objects.get(order=order)
    assert lock.user == desk_client.user
    assert 'data-pending="1"' not in html
    assert f'data-heartbeat="{lock.heartbeat_at.isoformat()}"' in html
    assert 'hx-trigger="desk:renew, every 20s [!document.prerendering]"' in html
    # 60 s later the page's heartbeat renews it
    DeskLock.objects.filter(pk=lock.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=60))
    beat = desk_client.post(reverse("desk:lock", args=[order.pk]), **HTMX)
    assert beat.status_code == 200
    assert "You have this order open." in beat.content.decode()
    assert DeskLock.objects.get(pk=lock.pk).is_live(
        timezone.now() + LOCK_TTL - timedelta(seconds=5)
    )


def test_a_lock_without_heartbeat_is_free_again_after_90_seconds(desk_client, tenant, make_member):
    order = review_order(tenant, lines=1)
    desk_client.get(reverse("desk:review", args=[order.pk]))  # a link checker that ran no JS
    bruno = make_member(tenant, Role.ORDER_DESK, first_name="Bruno", last_name="Martin")
    assert timedelta(seconds=90) == LOCK_TTL
    later = timezone.now() + timedelta(seconds=91)

    assert selectors.live_lock(order, later) is None
    DeskLock.objects.filter(order=order).update(heartbeat_at=timezone.now() - timedelta(seconds=91))
    assert (
        selectors.desk_queue(
            tenant=tenant, user=bruno, filters=selectors.QueueFilters.from_query({})
        )
        .rows[0]
        .lock
        is None
    )
    assert desk.lock_acquire(order=order, user=bruno).user == bruno


def test_the_heartbeat_takes_a_lock_the_page_did_not_take(desk_client, tenant):
    order = review_order(tenant, lines=1)
    desk_client.get(reverse("desk:review", args=[order.pk]), HTTP_SEC_PURPOSE="prefetch")

    html = desk_client.post(reverse("desk:lock", args=[order.pk]), **HTMX).content.decode()

    assert DeskLock.objects.get(order=order).user == desk_client.user
    assert "You have this order open." in html


def test_leaving_the_page_releases_only_a_lock_nobody_renewed_since(desk_client, tenant):
    order = review_order(tenant, lines=1)
    url = reverse("desk:review", args=[order.pk])
    desk_client.get(url)
    seen_by_first_tab = DeskLock.objects.get(order=order).heartbeat_at.isoformat()
    desk_client.get(url)  # reopened before the first page's beacon arrived
    unlock = reverse("desk:unlock", args=[order.pk])

    assert desk_client.post(unlock, {"heartbeat": seen_by_first_tab}).status_code == 204
    assert DeskLock.objects.filter(order=order).exists()
    assert desk_client.post(unlock, {"heartbeat": "2026-13-45T99:00"}).status_code == 204
    assert DeskLock.objects.filter(order=order).exists()  # unreadable: it expires on its own
    latest = DeskLock.objects.get(order=order).heartbeat_at.isoformat()
    assert desk_client.post(unlock, {"heartbeat": latest}).status_code == 204
    assert not DeskLock.objects.filter(order=order).exists()
