"""A stock plan (OCF ``STOCK_PLAN``): an equity incentive pool the board (and the stockholders)
approved, reserving shares of some classes for future grants. The reserve counts in the fully
diluted view: shares promised to the pool, though not issued."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from domain.captable.issuer import check_text
from domain.shared.errors import invalid_field
from domain.shared.field_checks import FieldChecks
from domain.shared.ids import new_uuid
from domain.shared.quantity import Quantity


class CancellationBehavior(StrEnum):
    """What becomes of a cancelled grant's shares (OCF ``StockPlanCancellationBehaviorType``)."""

    RETIRE = "RETIRE"
    RETURN_TO_POOL = "RETURN_TO_POOL"
    HOLD_AS_CAPITAL_STOCK = "HOLD_AS_CAPITAL_STOCK"
    DEFINED_PER_PLAN_SECURITY = "DEFINED_PER_PLAN_SECURITY"


@dataclass(frozen=True, slots=True, kw_only=True)
class StockPlan:
    id: UUID
    issuer_id: UUID
    plan_name: str
    initial_shares_reserved: Decimal
    stock_class_ids: tuple[UUID, ...]  # the classes its grants are of
    board_approval_date: date | None = None
    stockholder_approval_date: date | None = None
    default_cancellation_behavior: CancellationBehavior | None = None
    comments: tuple[str, ...] = ()
    created_at: datetime = field(compare=False)

    @classmethod
    def new(
        cls,
        *,
        issuer_id: UUID,
        plan_name: str,
        initial_shares_reserved: str | Decimal,
        stock_class_ids: Sequence[UUID],
        board_approval_date: date | None = None,
        stockholder_approval_date: date | None = None,
        default_cancellation_behavior: CancellationBehavior | None = None,
        comments: Sequence[str] = (),
        now: datetime,
        id: UUID | None = None,
    ) -> StockPlan:
        checks = FieldChecks()
        name = checks.take(check_text, plan_name, field="plan_name")
        reserved = checks.take(
            Quantity.of, initial_shares_reserved, field="initial_shares_reserved"
        )
        if reserved is not None and reserved.value < 0:
            checks.add(invalid_field("initial_shares_reserved", "must not be negative"))
        if not stock_class_ids:
            checks.add(invalid_field("stock_class_ids", "at least one share class"))
        if stockholder_approval_date and board_approval_date is None:
            checks.add(invalid_field("board_approval_date", "the board approves first"))
        checks.raise_any()
        assert name
        assert reserved is not None
        return cls(
            id=id or new_uuid(),
            issuer_id=issuer_id,
            plan_name=name,
            initial_shares_reserved=reserved.value,
            stock_class_ids=tuple(dict.fromkeys(stock_class_ids)),
            board_approval_date=board_approval_date,
            stockholder_approval_date=stockholder_approval_date,
            default_cancellation_behavior=default_cancellation_behavior,
            comments=tuple(c.strip() for c in comments if c.strip()),
            created_at=now,
        )
