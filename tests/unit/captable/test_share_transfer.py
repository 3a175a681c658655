"""The transfer workflow: every step from the states it allows, refused from the rest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import UUID, uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.captable.share_transfer import (
    RofrOutcome,
    RofrWindowClosed,
    RofrWindowOpen,
    ShareTransfer,
    TransferNotStale,
    TransferStateInvalid,
    TransferStatus,
    TransferTerms,
    transfer_fee,
)
from domain.shared.errors import ValidationFailed
from domain.shared.money import Money

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
WINDOW = timedelta(days=30)
STALE = timedelta(days=60)
SELLER, BUYER, COMPANY, ADMIN = (UUID(int=n) for n in (1, 2, 3, 4))


def draft(quantity: str = "100", price: str = "12.50", buyer: UUID = BUYER) -> ShareTransfer:
    return ShareTransfer.draft(
        id=uuid4(),
        issuer_id=uuid4(),
        reference="TRF-0001",
        seller_id=SELLER,
        source_security_id=uuid4(),
        terms=TransferTerms(buyer, Decimal(quantity), Money.of(price, "USD")),
        now=NOW,
    )


def pending() -> ShareTransfer:
    return draft().submit(NOW, rofr_window=WINDOW, stale_after=STALE)


def test_submitting_locks_the_shares_and_opens_the_window() -> None:
    transfer = draft()
    assert transfer.status is TransferStatus.DRAFT
    assert not transfer.locks_quantity
    submitted = transfer.submit(NOW, rofr_window=WINDOW, stale_after=STALE)
    assert submitted.status is TransferStatus.PENDING
    assert submitted.locks_quantity
    assert submitted.rofr is RofrOutcome.OPEN
    assert submitted.rofr_deadline == NOW + WINDOW
    assert submitted.expires_at == NOW + WINDOW + STALE
    assert submitted.version == transfer.version + 1


def test_approval_waits_for_the_window() -> None:
    with pytest.raises(RofrWindowOpen):
        pending().approve(ADMIN, NOW + timedelta(days=29))
    approved = pending().approve(ADMIN, NOW + WINDOW)
    assert approved.status is TransferStatus.APPROVED
    assert approved.rofr is RofrOutcome.LAPSED
    assert approved.approved_by == ADMIN


def test_a_waived_right_allows_approval_at_once() -> None:
    approved = (
        pending().waive_rofr(NOW + timedelta(hours=1)).approve(ADMIN, NOW + timedelta(hours=2))
    )
    assert approved.status is TransferStatus.APPROVED
    assert approved.rofr is RofrOutcome.WAIVED


def test_exercising_the_right_replaces_the_buyer_on_the_noticed_terms() -> None:
    exercised = pending().exercise_rofr(COMPANY, NOW + timedelta(days=3))
    assert exercised.status is TransferStatus.ROFR_EXERCISED
    assert exercised.terms.buyer_id == COMPANY
    assert exercised.noticed_buyer_id == BUYER
    assert exercised.terms.quantity == Decimal("100")
    assert exercised.terms.price_per_share == Money.of("12.50", "USD")
    approved = exercised.approve(ADMIN, NOW + timedelta(days=4))
    assert approved.status is TransferStatus.APPROVED
    assert approved.complete(NOW + timedelta(days=5)).status is TransferStatus.COMPLETED


def test_the_right_cannot_be_exercised_or_waived_after_the_window() -> None:
    late = NOW + WINDOW
    with pytest.raises(RofrWindowClosed):
        pending().exercise_rofr(COMPANY, late)
    with pytest.raises(RofrWindowClosed):
        pending().waive_rofr(late)


def test_the_worker_lapses_a_passed_window_only() -> None:
    with pytest.raises(RofrWindowOpen):
        pending().lapse_rofr(NOW + timedelta(days=1))
    assert pending().lapse_rofr(NOW + WINDOW).rofr is RofrOutcome.LAPSED


def test_a_stale_transfer_expires_and_a_live_one_does_not() -> None:
    with pytest.raises(TransferNotStale):
        pending().expire(NOW + WINDOW)
    expired = pending().expire(NOW + WINDOW + STALE)
    assert expired.status is TransferStatus.EXPIRED
    assert not expired.locks_quantity
    assert expired.is_terminal


def test_withdrawal_is_the_sellers_until_the_right_is_exercised() -> None:
    assert draft().withdraw(NOW).status is TransferStatus.WITHDRAWN
    assert pending().withdraw(NOW).status is TransferStatus.WITHDRAWN
    with pytest.raises(TransferStateInvalid):
        pending().exercise_rofr(COMPANY, NOW).withdraw(NOW)


def test_rejection_ends_a_transfer_in_progress() -> None:
    rejected = pending().reject("not an accredited investor", NOW)
    assert rejected.status is TransferStatus.REJECTED
    assert rejected.reason == "not an accredited investor"
    assert not rejected.locks_quantity
    with pytest.raises(TransferStateInvalid):
        draft().reject("too early", NOW)


@pytest.mark.parametrize(
    "step",
    [
        lambda t: t.submit(NOW, rofr_window=WINDOW, stale_after=STALE),
        lambda t: t.waive_rofr(NOW),
        lambda t: t.exercise_rofr(COMPANY, NOW),
        lambda t: t.approve(ADMIN, NOW + WINDOW),
        lambda t: t.reject("no", NOW),
        lambda t: t.withdraw(NOW),
        lambda t: t.complete(NOW),
        lambda t: t.expire(NOW + WINDOW + STALE),
    ],
)
def test_a_finished_transfer_takes_no_further_step(step) -> None:  # type: ignore[no-untyped-def]
    completed = pending().approve(ADMIN, NOW + WINDOW).complete(NOW + WINDOW)
    with pytest.raises(TransferStateInvalid):
        step(completed)


def test_completion_needs_approval() -> None:
    with pytest.raises(TransferStateInvalid) as refused:
        pending().complete(NOW)
    assert "pending" in refused.value.detail


def test_bad_terms_name_every_field_at_once() -> None:
    with pytest.raises(ValidationFailed) as refused:
        ShareTransfer.draft(
            id=uuid4(),
            issuer_id=uuid4(),
            reference="TRF-0002",
            seller_id=SELLER,
            source_security_id=uuid4(),
            terms=TransferTerms(SELLER, Decimal("0"), Money.of("-1", "USD")),
            now=NOW,
        )
    assert {error.field for error in refused.value.errors} == {
        "quantity",
        "price_per_share",
        "buyer_id",
    }


def test_fee_is_two_and_a_half_percent_half_even_to_the_cent() -> None:
    # 2.5 % of 10.10 is 0.2525 → 0.25 (half-even keeps the even cent); of 10.30, 0.2575 → 0.26
    assert transfer_fee(Money.of("10.10", "USD"), Decimal("0.025")) == Money.of("0.25", "USD")
    assert transfer_fee(Money.of("10.30", "USD"), Decimal("0.025")) == Money.of("0.26", "USD")
    # exactly half a cent: 0.005 → 0.00 and 0.015 → 0.02
    assert transfer_fee(Money.of("0.20", "USD"), Decimal("0.025")) == Money.of("0.00", "USD")
    assert transfer_fee(Money.of("0.60", "USD"), Decimal("0.025")) == Money.of("0.02", "USD")
    assert transfer_fee(Money.of("1000", "JPY"), Decimal("0.025")) == Money.of("25", "JPY")
    with pytest.raises(ValidationFailed):
        transfer_fee(Money.of("1", "USD"), Decimal("1"))


def test_total_price_is_rounded_to_the_currency() -> None:
    terms = TransferTerms(BUYER, Decimal("3"), Money.of("0.3333", "USD"))
    assert terms.total_price == Money.of("1.00", "USD")
    assert draft("1000", "12.50").fee(Decimal("0.025")) == Money.of("312.50", "USD")


@given(
    cents=st.integers(min_value=0, max_value=10**12),
    rate=st.decimals(min_value=0, max_value=Decimal("0.2"), places=4),
)
def test_the_fee_is_exact_to_the_minor_unit_and_never_exceeds_half_a_cent_of_error(
    cents: int, rate: Decimal
) -> None:
    total = Money.of(Decimal(cents).scaleb(-2), "USD")
    fee = transfer_fee(total, rate)
    assert fee.amount == fee.amount.quantize(Decimal("0.01"))
    assert abs(fee.amount - total.amount * rate) <= Decimal("0.005")


def test_completion_keeps_what_it_did() -> None:
    from domain.captable.share_transfer import Completion, Settlement

    approved = pending().approve(ADMIN, NOW + WINDOW)
    done = Completion(
        event_id=uuid4(),
        buyer_security_id=uuid4(),
        balance_security_id=None,
        settlement=Settlement.PLATFORM,
        fee=approved.fee(Decimal("0.025")),
        fee_payer="seller",
    )
    completed = approved.complete(NOW + WINDOW, done)
    assert completed.completion == done
    assert completed.fee(Decimal("0.025")) == Money.of("31.25", "USD")  # 2.5 % of 1250.00


def test_a_live_transfer_moves_to_the_balance_certificate_and_a_finished_one_does_not() -> None:
    balance = uuid4()
    assert pending().moved_to(balance).source_security_id == balance
    assert draft().moved_to(balance).source_security_id == balance
    with pytest.raises(TransferStateInvalid):
        pending().withdraw(NOW).moved_to(balance)


def test_a_lock_refusal_names_quantity_and_what_is_available() -> None:
    from domain.captable.share_transfer import QuantityLocked

    refusal = QuantityLocked(held=Decimal(100), locked=Decimal(60), requested=Decimal(60))
    assert [e.field for e in refusal.errors] == ["quantity"]
    assert refusal.available == Decimal(40)
    assert "40 are available" in refusal.detail
