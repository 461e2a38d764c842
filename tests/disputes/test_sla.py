import datetime as dt
import zoneinfo

import pytest

from disputes.models import DisputeType
from disputes.selectors import disputes_overdue
from disputes.services import dispute_due_at, dispute_sla_days
from tests.disputes.urlmakers import make_dispute

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("type", "opened", "due"),
    [
        (DisputeType.DAMAGED, _at(2026, 3, 2, 10, 0), _at(2026, 3, 4, 10, 0)),  # Mon -> Wed
        (DisputeType.MISSING, _at(2026, 3, 5, 16, 30), _at(2026, 3, 9, 16, 30)),  # Thu -> Mon
        (DisputeType.DAMAGED, _at(2026, 3, 7, 9, 0), _at(2026, 3, 10, 9, 0)),  # Sat -> Tue
        (DisputeType.PRICING, _at(2026, 3, 2, 10, 0), _at(2026, 3, 9, 10, 0)),  # Mon -> Mon
        (DisputeType.LATE, _at(2026, 3, 6, 11, 0), _at(2026, 3, 13, 11, 0)),  # Fri -> Fri
        (DisputeType.OTHER, _at(2026, 3, 27, 9, 0), _at(2026, 4, 3, 9, 0)),  # over the DST move
    ],
)
def test_due_dates_count_business_days_by_type(tenant, type, opened, due):
    assert dispute_due_at(tenant=tenant, type=type, opened_at=opened) == due


def test_a_tenant_overrides_the_days_per_type_and_by_default(tenant):
    tenant.settings = {"disputes": {"sla_days": {"damaged": 1, "default": 3, "late": "x"}}}
    assert dispute_sla_days(tenant=tenant, type=DisputeType.DAMAGED) == 1
    assert dispute_sla_days(tenant=tenant, type=DisputeType.QUALITY) == 3
    assert dispute_sla_days(tenant=tenant, type=DisputeType.LATE) == 3  # not a number: default
    opened = _at(2026, 3, 2, 10, 0)
    assert dispute_due_at(tenant=tenant, type="damaged", opened_at=opened) == _at(2026, 3, 3, 10)


def test_a_new_dispute_gets_its_due_date_and_is_overdue_after_it(tenant):
    dispute = make_dispute(tenant, type=DisputeType.MISSING)
    assert dispute.due_at == dispute_due_at(
        tenant=tenant, type=DisputeType.MISSING, opened_at=dispute.opened_at
    )
    assert list(disputes_overdue(tenant=tenant)) == []
    later = dispute.due_at + dt.timedelta(minutes=1)
    assert list(disputes_overdue(tenant=tenant, now=later)) == [dispute]
    dispute.status = "resolved"
    dispute.save()
    assert list(disputes_overdue(tenant=tenant, now=later)) == []
