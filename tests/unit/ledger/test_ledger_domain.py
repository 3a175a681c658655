"""Ledger rules without a database: balancing per asset, precision, holds, accounts."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from domain.ledger.accounts import Account, AccountId, AccountKind, AccountSpec
from domain.ledger.assets import Asset
from domain.ledger.entries import EntryId, Leg, balanced_postings
from domain.ledger.errors import HoldNotPending, InsufficientFunds, InvalidPosting, UnbalancedEntry
from domain.ledger.holds import Hold, HoldId, HoldStatus
from domain.shared.errors import ValidationFailed
from domain.shared.ids import UserId, new_uuid

INR, USD, JPY = Asset.currency("INR"), Asset.currency("USD"), Asset.currency("JPY")
NOW = datetime(2026, 11, 22, tzinfo=UTC)


def leg(amount: str) -> Leg:
    return Leg(AccountId(new_uuid()), Decimal(amount))


def test_postings_are_quantized_to_the_asset() -> None:
    postings = balanced_postings([(leg("10.5"), INR), (leg("-10.50"), INR)])
    assert [str(p.amount) for p in postings] == ["10.50", "-10.50"]


@pytest.mark.parametrize(
    ("legs", "error"),
    [
        ([("1", INR)], UnbalancedEntry),
        ([("1", INR), ("-0.99", INR)], UnbalancedEntry),
        ([("1", INR), ("-1", USD)], UnbalancedEntry),
        ([("0", INR), ("0", INR)], InvalidPosting),
        ([("1.001", INR), ("-1.001", INR)], InvalidPosting),
        ([("1.5", JPY), ("-1.5", JPY)], InvalidPosting),
    ],
    ids=["one-posting", "off-by-a-cent", "mixed-assets", "zero", "sub-paisa", "sub-yen"],
)
def test_entries_that_do_not_balance_exactly_are_refused(
    legs: list[tuple[str, Asset]], error: type[Exception]
) -> None:
    with pytest.raises(error):
        balanced_postings([(leg(a), asset) for a, asset in legs])


def test_several_assets_balance_each_on_its_own() -> None:
    shares = Asset.instrument("ISIN:INE009A01021")
    postings = balanced_postings(
        [(leg("-100"), INR), (leg("100"), INR), (leg("5"), shares), (leg("-5"), shares)]
    )
    assert len(postings) == 4


def test_assets_refuse_odd_codes_and_precisions() -> None:
    with pytest.raises(ValidationFailed):
        Asset("INR", 3)
    with pytest.raises(ValidationFailed):
        Asset.instrument("bad code!")
    assert Asset.parse("USD") == USD
    assert Asset.parse("SC-42", 2) == Asset("SC-42", 2)


def test_only_system_accounts_may_go_negative() -> None:
    owner = UserId(new_uuid())
    with pytest.raises(ValidationFailed):
        AccountSpec(owner, AccountKind.USER_CASH, INR, may_go_negative=True)
    with pytest.raises(ValidationFailed):
        AccountSpec(None, AccountKind.USER_CASH, INR)
    with pytest.raises(ValidationFailed):
        AccountSpec(owner, AccountKind.SUSPENSE, INR)
    with pytest.raises(ValidationFailed):
        AccountSpec(owner, AccountKind.USER_CASH, Asset.instrument("SC-1"))
    assert AccountSpec(None, AccountKind.BANK_CLEARING, INR).negative_allowed
    assert not AccountSpec(None, AccountKind.PLATFORM_FEES, INR).negative_allowed


def account(posted: str, held: str = "0", *, negative: bool = False) -> Account:
    return Account(
        AccountId(new_uuid()),
        None if negative else UserId(new_uuid()),
        AccountKind.SUSPENSE if negative else AccountKind.USER_CASH,
        INR,
        negative,
        Decimal(posted),
        Decimal(held),
    )


def test_spends_and_holds_need_that_much_available() -> None:
    a = account("100", "60")
    assert a.after(posted_delta=Decimal(-40)).available == 0
    with pytest.raises(InsufficientFunds):
        a.after(posted_delta=Decimal("-40.01"))
    with pytest.raises(InsufficientFunds):
        a.after(held_delta=Decimal("40.01"))
    assert account("0", negative=True).after(posted_delta=Decimal(-5)).posted == -5


def hold(amount: str = "10") -> Hold:
    return Hold(
        HoldId(new_uuid()),
        AccountId(new_uuid()),
        INR,
        Decimal(amount),
        HoldStatus.PENDING,
        Decimal(0),
        "memo",
        None,
        NOW,
    )


def test_a_hold_is_captured_up_to_its_amount_or_released_once() -> None:
    h = hold()
    entry = EntryId(new_uuid())
    captured = h.capture(Decimal("7.5"), entry, NOW)
    assert (captured.status, captured.captured_amount) == (HoldStatus.CAPTURED, Decimal("7.50"))
    with pytest.raises(InvalidPosting):
        h.capture(Decimal("10.01"), entry, NOW)
    with pytest.raises(InvalidPosting):
        h.capture(Decimal(0), entry, NOW)
    with pytest.raises(HoldNotPending):
        captured.release(NOW)
    assert h.release(NOW).status is HoldStatus.RELEASED
    with pytest.raises(InvalidPosting):
        Hold.checked_amount(INR, Decimal(-1))
