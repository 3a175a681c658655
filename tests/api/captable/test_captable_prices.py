"""Prices finer than the currency: a price per share (a share price, a par value, a transfer's
price) keeps up to 10 decimal places (startups issue at 0.0001 USD); what moves money (a
transfer's total price and its fee) is rounded half-even to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from infrastructure.container import Container
from tests.api.banking.conftest import kyc_level
from tests.api.captable.conftest import CapTable
from tests.api.captable.transfer_support import Transfers
from tests.support.accounts import assert_problem


@pytest.fixture
def transfers(captable: CapTable, container: Container) -> Transfers:
    return Transfers(captable, container)


async def test_an_issuance_at_a_hundredth_of_a_cent_is_recorded_and_shown(
    captable: CapTable,
) -> None:
    acme = await captable.issuer()
    klass = await captable.share_class(acme, par_value="0.00001", price_per_share="0.0001")
    holder = await captable.stakeholder(acme, "Alice")
    issued = await captable.event(
        acme,
        "issuances",
        {
            "stakeholder_id": holder,
            "stock_class_id": klass,
            "quantity": "1000000",
            "date": "2026-01-15",
            "share_price": "0.0001",
        },
    )
    assert issued.status_code == 201, issued.text
    assert (issued.json()["share_price"], issued.json()["currency"]) == ("0.0001", "USD")
    classes = await captable.get(f"{acme.path}/share-classes", acme.admin)
    shown = classes.json()["items"][0]
    assert (Decimal(shown["par_value"]), Decimal(shown["price_per_share"])) == (
        Decimal("0.00001"),
        Decimal("0.0001"),
    )
    events = await captable.get(f"{acme.path}/events", acme.admin)
    assert events.json()["items"][0]["share_price"] == "0.0001"


async def test_a_price_finer_than_ten_places_is_refused(captable: CapTable) -> None:
    acme = await captable.issuer()
    klass = await captable.share_class(acme)
    holder = await captable.stakeholder(acme, "Alice")
    refused = await captable.event(
        acme,
        "issuances",
        {
            "stakeholder_id": holder,
            "stock_class_id": klass,
            "quantity": "10",
            "date": "2026-01-15",
            "share_price": "0.00000000001",
        },
    )
    problem = assert_problem(refused, 422, "validation_failed")
    assert problem["errors"][0]["field"] == "body.share_price"
    assert "10 decimal places" in problem["detail"]


async def test_a_sub_cent_transfer_rounds_its_total_and_fee_half_even(
    transfers: Transfers, captable: CapTable
) -> None:
    seller, buyer = await captable.accounts.register(), await captable.accounts.register()
    for who in (seller, buyer):
        await kyc_level(captable.client, who, 3)
    await transfers.fund(buyer, "100.00")
    deal = await transfers.deal(shares="100000", seller=seller, buyer=buyer)
    # 12345 x 0.0025 = 30.8625 -> 30.86 (half-even); 2.5 % of 30.86 = 0.7715 -> 0.77
    transfer_id = await transfers.approved(deal, "12345", "0.0025")
    drafted = await transfers.get(deal, transfer_id, deal.seller)
    assert (drafted.json()["price_per_share"], drafted.json()["total_price"]) == (
        "0.0025",
        "30.86",
    )
    completed = await transfers.step(deal, transfer_id, "complete", deal.issuer.admin)
    assert completed.status_code == 200, completed.text
    done = completed.json()
    assert (done["settlement"], done["total_price"], done["fee"]) == ("platform", "30.86", "0.77")
    assert await transfers.cash(buyer) == Decimal("69.14")
    assert await transfers.cash(seller) == Decimal("30.09")


async def test_a_half_cent_total_rounds_to_the_even_cent(
    transfers: Transfers, captable: CapTable
) -> None:
    deal = await transfers.deal(shares="1000")
    # 5 x 0.0050 = 0.025 -> 0.02 (half-even; half-up would give 0.03)
    response = await transfers.draft(deal, "5", "0.0050")
    assert response.status_code == 201, response.text
    assert (response.json()["price_per_share"], response.json()["total_price"]) == (
        "0.005",
        "0.02",
    )
