from decimal import Decimal

import pytest

from disputes.models import DisputeEvent, DisputeStatus, Resolution
from disputes.services import (
    ALLOWED_TRANSITIONS,
    DisputeError,
    IllegalTransition,
    dispute_assign,
    dispute_resolve,
    dispute_transition,
)
from tenants.models import Role
from tests.disputes.urlmakers import make_dispute

pytestmark = pytest.mark.django_db
S = DisputeStatus


def _moves(dispute) -> list[tuple[str, str, str]]:
    return list(
        DisputeEvent.objects.filter(dispute=dispute).values_list("kind", "from_status", "to_status")
    )


def test_a_new_dispute_is_open_with_one_event(tenant):
    dispute = make_dispute(tenant)
    assert dispute.status == S.OPEN
    assert dispute.number.startswith("LIT-")
    assert _moves(dispute) == [("opened", "", "open")]


def test_the_numbers_follow_each_other_per_tenant(tenant, other_tenant):
    first, second = make_dispute(tenant), make_dispute(tenant)
    elsewhere = make_dispute(other_tenant)
    year = first.opened_at.year
    assert (first.number, second.number) == (f"LIT-{year}-00001", f"LIT-{year}-00002")
    assert elsewhere.number == f"LIT-{year}-00001"


def test_allowed_moves_are_recorded_with_actor_and_reason(tenant, make_member):
    dispute = make_dispute(tenant)
    actor = make_member(tenant, Role.LOGISTICS)
    dispute_transition(dispute=dispute, to=S.IN_PROGRESS, actor=actor)
    dispute_transition(dispute=dispute, to=S.WAITING_CUSTOMER, actor=actor, reason="Photos?")
    dispute_transition(dispute=dispute, to=S.REJECTED, actor=actor, reason="No damage seen")
    dispute_transition(dispute=dispute, to=S.CLOSED, actor=actor)
    dispute.refresh_from_db()
    assert dispute.status == S.CLOSED
    assert _moves(dispute) == [
        ("opened", "", "open"),
        ("status_changed", "open", "in_progress"),
        ("status_changed", "in_progress", "waiting_customer"),
        ("status_changed", "waiting_customer", "rejected"),
        ("status_changed", "rejected", "closed"),
    ]
    last = DisputeEvent.objects.filter(dispute=dispute, to_status="waiting_customer").get()
    assert (last.actor, last.reason) == (actor, "Photos?")


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (S.OPEN, S.CLOSED),
        (S.OPEN, S.OPEN),
        (S.IN_PROGRESS, S.OPEN),
        (S.WAITING_CUSTOMER, S.CLOSED),
        (S.RESOLVED, S.WAITING_CUSTOMER),
        (S.CLOSED, S.IN_PROGRESS),
        (S.CLOSED, S.REJECTED),
    ],
)
def test_forbidden_moves_are_refused_and_leave_no_trace(tenant, start, to):
    dispute = make_dispute(tenant)
    dispute.status = start
    dispute.save()
    with pytest.raises(IllegalTransition):
        dispute_transition(dispute=dispute, to=to, actor=None, reason="why not")
    dispute.refresh_from_db()
    assert dispute.status == start
    assert _moves(dispute) == [("opened", "", "open")]


def test_the_machine_has_no_way_out_of_closed_and_every_state_is_reachable():
    assert ALLOWED_TRANSITIONS[S.CLOSED] == frozenset()
    reachable = {to for targets in ALLOWED_TRANSITIONS.values() for to in targets}
    assert reachable == set(S.values) - {S.OPEN}


def test_resolving_needs_the_resolve_service_and_an_amount_for_money(tenant):
    dispute = make_dispute(tenant)
    with pytest.raises(DisputeError, match="resolution"):
        dispute_transition(dispute=dispute, to=S.RESOLVED, actor=None)
    with pytest.raises(DisputeError, match="needs an amount"):
        dispute_resolve(dispute=dispute, actor=None, resolution=Resolution.CREDIT_NOTE, amount=None)
    with pytest.raises(DisputeError, match="rejection"):
        dispute_transition(dispute=dispute, to=S.REJECTED, actor=None, reason="  ")
    dispute.refresh_from_db()
    assert dispute.status == S.OPEN


def test_resolve_records_the_resolution_and_a_reopening_clears_the_date(tenant):
    dispute = make_dispute(tenant)
    dispute_resolve(dispute=dispute, actor=None, resolution=Resolution.CREDIT_NOTE, amount="12.50")
    dispute.refresh_from_db()
    assert (dispute.status, dispute.resolution, dispute.resolution_amount) == (
        S.RESOLVED,
        Resolution.CREDIT_NOTE,
        Decimal("12.50"),
    )
    assert dispute.resolved_at is not None
    event = DisputeEvent.objects.get(dispute=dispute, to_status=S.RESOLVED)
    assert event.data == {"resolution": "credit_note", "amount": "12.50"}
    with pytest.raises(IllegalTransition):
        dispute_resolve(dispute=dispute, actor=None, resolution=Resolution.NONE, amount=None)
    dispute_transition(dispute=dispute, to=S.IN_PROGRESS, actor=None, reason="Customer objects")
    dispute.refresh_from_db()
    assert (dispute.status, dispute.resolved_at) == (S.IN_PROGRESS, None)


def test_assigning_an_open_dispute_starts_it(tenant, make_member):
    dispute = make_dispute(tenant)
    owner = make_member(tenant, Role.ACCOUNTING)
    dispute_assign(dispute=dispute, owner=owner, actor=owner)
    dispute.refresh_from_db()
    assert (dispute.owner, dispute.status) == (owner, S.IN_PROGRESS)
    assert _moves(dispute) == [
        ("opened", "", "open"),
        ("assigned", "", ""),
        ("status_changed", "open", "in_progress"),
    ]


@pytest.mark.parametrize("role", [Role.SALES_REP, Role.ORDER_DESK])
def test_only_people_who_handle_disputes_can_own_one(tenant, other_tenant, make_member, role):
    dispute = make_dispute(tenant)
    for owner in (make_member(tenant, role), make_member(other_tenant, Role.ADMIN)):
        with pytest.raises(DisputeError, match="cannot handle"):
            dispute_assign(dispute=dispute, owner=owner, actor=None)
    dispute.refresh_from_db()
    assert dispute.owner is None
