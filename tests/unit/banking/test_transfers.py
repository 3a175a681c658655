from datetime import UTC, datetime
from decimal import Decimal

import pytest

from domain.banking.transfers import (
    Deposit,
    DepositMethod,
    TransferAlreadySettled,
    TransferState,
)
from domain.shared.ids import UserId, new_uuid

AT = datetime(2026, 11, 22, tzinfo=UTC)


def deposit() -> Deposit:
    return Deposit(
        id=new_uuid(),
        user_id=UserId(new_uuid()),
        amount=Decimal("1000.00"),
        currency="INR",
        method=DepositMethod.UPI,
        state=TransferState.PENDING,
        rail_reference=None,
        failure_reason=None,
        created_at=AT,
        settled_at=None,
    )


def test_a_pending_deposit_completes_once() -> None:
    d = deposit()
    d.complete(at=AT)
    assert (d.state, d.settled_at) == (TransferState.COMPLETED, AT)
    with pytest.raises(TransferAlreadySettled):
        d.fail("late failure", at=AT)


def test_a_failed_deposit_keeps_its_reason_and_cannot_complete() -> None:
    d = deposit()
    d.fail("account closed", at=AT)
    assert d.failure_reason == "account closed"
    with pytest.raises(TransferAlreadySettled):
        d.complete(at=AT)
