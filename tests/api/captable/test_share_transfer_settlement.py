"""Completion moves the money with the shares, in one transaction: when both parties are
platform users whose KYC unlocks ``transfer``, the price goes from the buyer's cash to the
seller's and the fee (2.5 %, half-even to the cent) to the platform fee account, in one
balanced journal entry; otherwise the settlement is off-platform and no cash moves. A refused
completion leaves nothing behind."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from infrastructure.container import Container
from tests.api.banking.conftest import kyc_level
from tests.api.captable.conftest import CapTable
from tests.api.captable.transfer_support import Transfers
from tests.support.accounts import Account, assert_problem


@pytest.fixture
def transfers(captable: CapTable, container: Container) -> Transfers:
    return Transfers(captable, container)


async def verified(captable: CapTable) -> Account:
    who = await captable.accounts.register()
    await kyc_level(captable.client, who, 3)
    return who


async def entry_postings(container: Container, entry_id: str) -> list[tuple[str, Decimal]]:
    async with container.engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT a.kind, p.amount FROM ledger_postings p "
                "JOIN ledger_accounts a ON a.id = p.account_id "
                "WHERE p.entry_id = :entry ORDER BY p.amount"
            ),
            {"entry": entry_id},
        )
        return [(r[0], r[1]) for r in rows]


async def test_the_price_and_the_half_even_fee_settle_in_one_balanced_entry(
    transfers: Transfers, captable: CapTable, container: Container
) -> None:
    seller, buyer = await verified(captable), await verified(captable)
    await transfers.fund(buyer, "1000.00")
    deal = await transfers.deal(shares="1000", seller=seller, buyer=buyer)
    fees_before = await transfers.fees()
    # 333 x 1.00 = 333.00; 2.5 % of it is 8.325, half-even to the cent 8.32 (half-up: 8.33)
    transfer_id = await transfers.approved(deal, "333", "1.00")
    completed = await transfers.step(deal, transfer_id, "complete", deal.issuer.admin)
    assert completed.status_code == 200, completed.text
    done = completed.json()
    assert (done["settlement"], done["total_price"], done["fee"]) == ("platform", "333.00", "8.32")
    assert await transfers.cash(buyer) == Decimal("667.00")
    assert await transfers.cash(seller) == Decimal("324.68")  # the seller pays the fee
    assert await transfers.fees() - fees_before == Decimal("8.32")
    postings = await entry_postings(container, done["journal_entry_id"])
    assert sorted(postings) == sorted(
        [
            ("user_cash", Decimal("-333.00")),
            ("platform_fees", Decimal("8.32")),
            ("user_cash", Decimal("324.68")),
        ]
    )
    assert sum(amount for _, amount in postings) == 0


async def test_a_buyer_paid_fee_is_added_to_the_price(
    transfers: Transfers, captable: CapTable
) -> None:
    seller, buyer = await verified(captable), await verified(captable)
    await transfers.fund(buyer, "500.00")
    deal = await transfers.deal(
        shares="100", seller=seller, buyer=buyer, transfer_fee_payer="buyer"
    )
    # 7 x 12.35 = 86.45; 2.5 % is 2.16125, half-even 2.16
    transfer_id = await transfers.approved(deal, "7", "12.35")
    completed = await transfers.step(deal, transfer_id, "complete", deal.issuer.admin)
    assert completed.status_code == 200, completed.text
    assert (completed.json()["fee"], completed.json()["fee_payer"]) == ("2.16", "buyer")
    assert await transfers.cash(buyer) == Decimal("500.00") - Decimal("86.45") - Decimal("2.16")
    assert await transfers.cash(seller) == Decimal("86.45")


async def test_a_party_without_kyc_settles_off_platform(
    transfers: Transfers, captable: CapTable
) -> None:
    seller = await verified(captable)
    buyer = await captable.accounts.register()  # a platform user who has not passed KYC
    await transfers.fund(buyer, "1000.00")
    deal = await transfers.deal(shares="100", seller=seller, buyer=buyer)
    transfer_id = await transfers.approved(deal, "100", "5.00")
    completed = await transfers.step(deal, transfer_id, "complete", deal.issuer.admin)
    assert completed.status_code == 200, completed.text
    done = completed.json()
    assert (done["settlement"], done["journal_entry_id"], done["fee"]) == (
        "off_platform",
        None,
        "12.50",
    )
    assert await transfers.cash(buyer) == Decimal("1000.00")
    assert await transfers.cash(seller) == Decimal("0")


async def test_a_refused_completion_leaves_nothing_half_written(
    transfers: Transfers, captable: CapTable
) -> None:
    seller, buyer = await verified(captable), await verified(captable)
    await transfers.fund(buyer, "100.00")
    deal = await transfers.deal(shares="100", seller=seller, buyer=buyer)
    transfer_id = await transfers.approved(deal, "100", "2.00")  # 200.00: more than the cash
    counts = {
        table: await transfers.count(table)
        for table in ("captable_events", "captable_securities", "ledger_entries")
    }
    refused = await transfers.step(deal, transfer_id, "complete", deal.issuer.admin)
    assert_problem(refused, 422, "insufficient_funds")
    assert {table: await transfers.count(table) for table in counts} == counts
    transfer = (await transfers.get(deal, transfer_id, deal.issuer.admin)).json()
    assert (transfer["status"], transfer["buyer_security_id"]) == ("approved", None)
    securities = await captable.get(f"{deal.issuer.path}/securities", deal.issuer.admin)
    assert [(s["certificate_number"], s["status"]) for s in securities.json()["items"]] == [
        ("CS-0001", "outstanding")
    ]
    assert await transfers.cash(buyer) == Decimal("100.00")
    # funded, the same transfer completes
    await transfers.fund(buyer, "100.00")
    completed = await transfers.step(deal, transfer_id, "complete", deal.issuer.admin)
    assert completed.status_code == 200, completed.text
    assert await transfers.cash(buyer) == Decimal("0.00")


async def test_an_issuer_paid_fee_is_invoiced_and_the_entry_moves_the_price_only(
    transfers: Transfers, captable: CapTable, container: Container
) -> None:
    seller, buyer = await verified(captable), await verified(captable)
    await transfers.fund(buyer, "100.00")
    deal = await transfers.deal(
        shares="100", seller=seller, buyer=buyer, transfer_fee_payer="issuer"
    )
    fees_before = await transfers.fees()
    transfer_id = await transfers.approved(deal, "10", "4.00")
    completed = await transfers.step(deal, transfer_id, "complete", deal.issuer.admin)
    assert completed.status_code == 200, completed.text
    done = completed.json()
    assert (done["fee"], done["fee_payer"], done["settlement"]) == ("1.00", "issuer", "platform")
    assert await transfers.cash(buyer) == Decimal("60.00")
    assert await transfers.cash(seller) == Decimal("40.00")
    assert await transfers.fees() == fees_before
    postings = await entry_postings(container, done["journal_entry_id"])
    assert sorted(amount for _, amount in postings) == [Decimal("-40.00"), Decimal("40.00")]
