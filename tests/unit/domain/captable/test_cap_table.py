"""The rules of the event history: issuing within authorized shares, consuming a security once,
whole shares, dated in order, and a replay that rebuilds the same state."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.captable.cap_table import CapTable
from domain.captable.errors import (
    AuthorizedBelowOutstanding,
    EventDateBeforeLatest,
    ExceedsAuthorizedShares,
    QuantityExceedsSecurity,
    SecurityNotOutstanding,
    UnknownReference,
)
from domain.captable.security import SecurityStatus
from domain.shared.errors import ValidationFailed
from domain.shared.ids import new_uuid
from tests.unit.domain.captable.builders import (
    ALICE,
    AT,
    BOB,
    CAROL,
    DAY,
    ISSUER,
    held,
    issue,
    share_class,
    table,
)


def test_an_issuance_numbers_certificates_per_class_prefix() -> None:
    common, preferred = share_class("CS"), share_class("PA")
    t = table(common, preferred)
    issue(t, common, ALICE, "100")
    issue(t, preferred, BOB, "50")
    issue(t, common, BOB, "10")
    assert [s.certificate_number for s in t.securities] == ["CS-0001", "CS-0002", "PA-0001"]
    assert t.sequence == 3


def test_issuing_past_the_authorized_shares_is_refused() -> None:
    common = share_class(authorized="1000")
    t = table(common)
    issue(t, common, ALICE, "999")
    with pytest.raises(ExceedsAuthorizedShares) as refused:
        issue(t, common, BOB, "2")
    assert refused.value.errors[0].field == "quantity"
    assert t.sequence == 1


def test_every_bad_field_of_an_issuance_is_named_at_once() -> None:
    common = share_class()
    t = table(common)
    with pytest.raises(ValidationFailed) as refused:
        t.issue(
            stakeholder_id=new_uuid(),
            stock_class_id=common.id,
            quantity="10.5",
            date=date(2030, 1, 1),
            share_price="-1",
            recording=AT,
        )
    fields = {e.field for e in refused.value.errors}
    assert fields == {"stakeholder_id", "quantity", "date", "share_price"}


@pytest.mark.parametrize("quantity", ["0", "-5", "1.5"])
def test_quantities_are_positive_and_whole_unless_the_class_allows_fractions(
    quantity: str,
) -> None:
    common = share_class()
    with pytest.raises(ValidationFailed) as refused:
        issue(table(common), common, ALICE, quantity)
    assert refused.value.errors[0].field == "quantity"


def test_a_class_that_allows_fractions_takes_them() -> None:
    units = share_class("U", allows_fractions=True)
    t = table(units)
    issue(t, units, ALICE, "1.25")
    assert held(t, ALICE) == Decimal("1.25")


def test_an_unknown_class_is_named() -> None:
    t = table(share_class())
    with pytest.raises(UnknownReference) as refused:
        t.issue(
            stakeholder_id=ALICE, stock_class_id=new_uuid(), quantity="1", date=DAY, recording=AT
        )
    assert refused.value.errors[0].field == "stock_class_id"


def test_a_consumed_security_cannot_be_consumed_again() -> None:
    common = share_class()
    t = table(common)
    first = issue(t, common, ALICE, "100")
    t.cancel(security_id=first, quantity="100", date=DAY, reason_text="error", recording=AT)
    with pytest.raises(SecurityNotOutstanding):
        t.transfer(security_id=first, quantity="10", to_stakeholder_id=BOB, date=DAY, recording=AT)
    assert t.security(first).status is SecurityStatus.CANCELLED  # type: ignore[union-attr]


def test_a_partial_transfer_leaves_a_balance_certificate() -> None:
    common = share_class()
    t = table(common)
    source = issue(t, common, ALICE, "100")
    change = t.transfer(
        security_id=source, quantity="30", to_stakeholder_id=BOB, date=DAY, recording=AT
    )
    bought, balance = change.created
    assert (bought.stakeholder_id, bought.quantity, bought.certificate_number) == (
        BOB,
        Decimal(30),
        "CS-0002",
    )
    assert (balance.stakeholder_id, balance.quantity, balance.certificate_number) == (
        ALICE,
        Decimal(70),
        "CS-0003",
    )
    assert held(t, ALICE) == 70
    assert held(t, BOB) == 30


def test_more_than_the_security_holds_is_refused() -> None:
    common = share_class()
    t = table(common)
    source = issue(t, common, ALICE, "100")
    with pytest.raises(QuantityExceedsSecurity):
        t.repurchase(security_id=source, quantity="101", price="1.00", date=DAY, recording=AT)


def test_events_are_dated_in_order() -> None:
    common = share_class()
    t = table(common)
    issue(t, common, ALICE, "100", date(2026, 3, 1))
    with pytest.raises(EventDateBeforeLatest) as refused:
        issue(t, common, BOB, "100", date(2026, 2, 1))
    assert refused.value.errors[0].field == "date"


def test_authorized_shares_change_only_by_an_adjustment_and_not_below_outstanding() -> None:
    common = share_class(authorized="1000")
    t = table(common)
    issue(t, common, ALICE, "800")
    with pytest.raises(AuthorizedBelowOutstanding):
        t.adjust_authorized_shares(
            stock_class_id=common.id,
            new_shares_authorized="799",
            board_approval_date=DAY,
            date=DAY,
            recording=AT,
        )
    t.adjust_authorized_shares(
        stock_class_id=common.id,
        new_shares_authorized="5000",
        board_approval_date=DAY,
        stockholder_approval_date=DAY,
        date=DAY,
        recording=AT,
    )
    issue(t, common, BOB, "4200")
    assert t.position(common.id).outstanding == 5000  # type: ignore[union-attr]


def test_a_split_reissues_every_certificate_and_keeps_the_past() -> None:
    common = share_class(authorized="10000")
    t = table(common)
    a = issue(t, common, ALICE, "300", date(2026, 1, 1))
    issue(t, common, BOB, "100", date(2026, 1, 1))
    change = t.split(
        stock_class_id=common.id,
        split_ratio_numerator="2",
        split_ratio_denominator="1",
        date=date(2026, 2, 1),
        recording=AT,
    )
    assert {s.source_security_id for s in change.created} == {s.id for s in change.consumed}
    assert held(t, ALICE) == 600
    assert held(t, BOB) == 200
    before = {h.stakeholder_id: h.quantity for h in t.holdings(on=date(2026, 1, 31))}
    assert before == {ALICE: 300, BOB: 100}
    assert t.security(a).status is SecurityStatus.SPLIT  # type: ignore[union-attr]


def test_a_split_past_the_authorized_shares_or_into_fractions_is_refused() -> None:
    common = share_class(authorized="500")
    t = table(common)
    issue(t, common, ALICE, "300")
    with pytest.raises(ExceedsAuthorizedShares):
        t.split(
            stock_class_id=common.id,
            split_ratio_numerator="2",
            split_ratio_denominator="1",
            date=DAY,
            recording=AT,
        )
    with pytest.raises(ValidationFailed):  # 300 * 1/7 is not whole
        t.split(
            stock_class_id=common.id,
            split_ratio_numerator="1",
            split_ratio_denominator="7",
            date=DAY,
            recording=AT,
        )


def test_a_conversion_uses_the_source_class_ratio() -> None:
    common, preferred = (
        share_class("CS"),
        share_class("PA", class_type=share_class().class_type.PREFERRED, conversion_ratio="2"),
    )
    t = table(common, preferred)
    pa = issue(t, preferred, CAROL, "100")
    change = t.convert(
        security_id=pa,
        quantity_converted="40",
        to_stock_class_id=common.id,
        date=DAY,
        recording=AT,
    )
    converted, balance = change.created
    assert (converted.stock_class_id, converted.quantity) == (common.id, Decimal(80))
    assert (balance.stock_class_id, balance.quantity) == (preferred.id, Decimal(60))


operations = st.lists(
    st.tuples(
        st.sampled_from(["issue", "cancel", "transfer", "split"]),
        st.integers(1, 500),
        st.integers(0, 2),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(operations)
def test_replaying_the_events_rebuilds_the_same_state(ops: list[tuple[str, int, int]]) -> None:
    common = share_class(authorized="100000000")
    t = table(common)
    events = []
    holders = [ALICE, BOB, CAROL]
    for op, amount, who in ops:
        outstanding = [s for s in t.securities if s.outstanding]
        try:
            if op == "issue" or not outstanding:
                change = t.issue(
                    stakeholder_id=holders[who],
                    stock_class_id=common.id,
                    quantity=str(amount),
                    date=DAY,
                    recording=AT,
                )
            elif op == "cancel":
                s = outstanding[amount % len(outstanding)]
                change = t.cancel(
                    security_id=s.id,
                    quantity=str(min(amount, s.quantity)),
                    date=DAY,
                    reason_text="x",
                    recording=AT,
                )
            elif op == "transfer":
                s = outstanding[amount % len(outstanding)]
                to = holders[(holders.index(s.stakeholder_id) + 1) % 3]
                change = t.transfer(
                    security_id=s.id,
                    quantity=str(min(amount, s.quantity)),
                    to_stakeholder_id=to,
                    date=DAY,
                    recording=AT,
                )
            else:
                change = t.split(
                    stock_class_id=common.id,
                    split_ratio_numerator="2",
                    split_ratio_denominator="1",
                    date=DAY,
                    recording=AT,
                )
        except ExceedsAuthorizedShares:
            continue
        events.append(change.event)
    again = CapTable.replay(ISSUER, [common], holders, events)
    assert again.securities == t.securities
    assert again.holdings() == t.holdings()
    assert again.position(common.id).outstanding == sum(  # type: ignore[union-attr]
        h.quantity for h in t.holdings()
    )
