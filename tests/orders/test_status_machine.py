import itertools

import pytest

from orders.models import OrderEvent, OrderStatus
from orders.services import ALLOWED_TRANSITIONS, IllegalTransition, order_transition
from tests.factories import OrderFactory, UserFactory

pytestmark = pytest.mark.django_db

ALL_MOVES = list(itertools.product(OrderStatus.values, OrderStatus.values))
ALLOWED = [(a, b) for a, b in ALL_MOVES if b in ALLOWED_TRANSITIONS[a]]
FORBIDDEN = [(a, b) for a, b in ALL_MOVES if b not in ALLOWED_TRANSITIONS[a]]


def test_every_status_has_its_transitions_declared():
    assert set(ALLOWED_TRANSITIONS) == set(OrderStatus.values)


@pytest.mark.parametrize(
    ("from_status", "to_status"), ALLOWED, ids=[f"{a}->{b}" for a, b in ALLOWED]
)
def test_allowed_move_changes_the_status_and_records_an_event(tenant, from_status, to_status):
    order = OrderFactory(customer__tenant=tenant, status=from_status)
    actor = UserFactory()
    order_transition(order=order, to=to_status, actor=actor, reason="because")
    order.refresh_from_db()
    assert order.status == to_status
    event = OrderEvent.objects.get(order=order)
    assert (event.kind, event.from_status, event.to_status, event.actor, event.reason) == (
        "status_changed",
        from_status,
        to_status,
        actor,
        "because",
    )


@pytest.mark.parametrize(
    ("from_status", "to_status"), FORBIDDEN, ids=[f"{a}->{b}" for a, b in FORBIDDEN]
)
def test_forbidden_move_is_refused_and_changes_nothing(tenant, from_status, to_status):
    order = OrderFactory(customer__tenant=tenant, status=from_status)
    with pytest.raises(IllegalTransition):
        order_transition(order=order, to=to_status)
    order.refresh_from_db()
    assert order.status == from_status
    assert OrderEvent.objects.filter(order=order).count() == 0


def test_validation_sets_who_and_when(tenant):
    order = OrderFactory(customer__tenant=tenant, status=OrderStatus.NEEDS_REVIEW)
    actor = UserFactory()
    order_transition(order=order, to=OrderStatus.VALIDATED, actor=actor)
    order.refresh_from_db()
    assert order.validated_by == actor
    assert order.validated_at is not None
