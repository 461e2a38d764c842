"""The decision: approve without a human, send to the order desk, or reject.

Approval without a human needs every checked field above its threshold (``low_confidence``
is a blocking rule) and no blocking issue at all. A document that is not an order is
rejected. Everything else goes to the order desk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ingestion.decision.settings import ExtractionSettings


class Outcome(StrEnum):
    AUTO_APPROVE = "auto_approve"  # validated with no human
    REVIEW = "review"  # the order desk looks at it
    REJECT = "reject"  # not an order


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reasons: list[str] = field(default_factory=list)  # the codes of the blocking issues

    @property
    def auto_approved(self) -> bool:
        return self.outcome == Outcome.AUTO_APPROVE


def decide(*, issues: list[dict], settings: ExtractionSettings) -> Decision:
    codes = [i["code"] for i in issues]
    if "not_an_order" in codes:
        return Decision(Outcome.REJECT, ["not_an_order"])
    blocking = sorted({i["code"] for i in issues if i.get("blocking", True)})
    if blocking:
        return Decision(Outcome.REVIEW, blocking)
    if not settings.auto_approve:
        return Decision(Outcome.REVIEW, ["auto_approve_disabled"])
    return Decision(Outcome.AUTO_APPROVE, [])
