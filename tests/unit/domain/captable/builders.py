"""A small cap table to test against: an issuer with a common and a preferred class and three
stakeholders."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

from domain.captable.cap_table import CapTable, ClassPosition, Recording
from domain.captable.share_class import ClassType, ShareClass
from domain.shared.ids import new_uuid

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
AT = Recording(NOW, None)
DAY = date(2026, 1, 15)
ISSUER = new_uuid()
ALICE, BOB, CAROL = new_uuid(), new_uuid(), new_uuid()


def share_class(
    prefix: str = "CS",
    authorized: str = "1000000",
    *,
    class_type: ClassType = ClassType.COMMON,
    conversion_ratio: str = "1",
    allows_fractions: bool = False,
) -> ShareClass:
    return ShareClass.new(
        issuer_id=ISSUER,
        name=f"{prefix} stock",
        class_type=class_type,
        certificate_prefix=prefix,
        initial_shares_authorized=authorized,
        conversion_ratio=conversion_ratio,
        allows_fractions=allows_fractions,
        now=NOW,
    )


def table(*classes: ShareClass) -> CapTable:
    return CapTable(
        ISSUER,
        sequence=0,
        latest_date=None,
        classes=[ClassPosition(c) for c in classes],
        stakeholders=[ALICE, BOB, CAROL],
        currency="USD",
    )


def issue(t: CapTable, klass: ShareClass, holder: UUID, quantity: str, day: date = DAY) -> UUID:
    change = t.issue(
        stakeholder_id=holder, stock_class_id=klass.id, quantity=quantity, date=day, recording=AT
    )
    return change.created[0].id


def held(t: CapTable, holder: UUID) -> Decimal:
    return sum((h.quantity for h in t.holdings() if h.stakeholder_id == holder), Decimal(0))
