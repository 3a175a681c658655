"""Real concurrent requests on one certificate: of two submissions that together ask for more
than it holds, one wins and the other is refused naming ``quantity``; of two completions of
one transfer, one completes and the other is refused, with one event recorded; two transfers
of parts of one certificate complete side by side, the second from the first's balance."""

from __future__ import annotations

import asyncio

import pytest

from infrastructure.container import Container
from tests.api.captable.conftest import CapTable
from tests.api.captable.transfer_support import Transfers


@pytest.fixture
def transfers(captable: CapTable, container: Container) -> Transfers:
    return Transfers(captable, container)


async def test_two_concurrent_submissions_of_the_same_shares_lock_them_once(
    transfers: Transfers,
) -> None:
    deal = await transfers.deal(shares="100")
    first, second = await transfers.drafted(deal, "60"), await transfers.drafted(deal, "60")
    responses = await asyncio.gather(
        transfers.step(deal, first, "submit", deal.seller),
        transfers.step(deal, second, "submit", deal.seller),
    )
    assert sorted(r.status_code for r in responses) == [200, 422]
    refused = next(r for r in responses if r.status_code == 422)
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "quantity_exceeds_available"
    assert [e["field"] for e in refused.json()["errors"]] == ["quantity"]
    statuses = sorted(
        [(await transfers.get(deal, t, deal.seller)).json()["status"] for t in (first, second)]
    )
    assert statuses == ["draft", "pending"]


async def test_two_concurrent_completions_of_one_transfer_complete_it_once(
    transfers: Transfers, captable: CapTable
) -> None:
    deal = await transfers.deal(shares="100")
    transfer_id = await transfers.approved(deal, "100")
    events_before = await transfers.count("captable_events")
    admin = deal.issuer.admin
    responses = await asyncio.gather(
        transfers.step(deal, transfer_id, "complete", admin, key="complete-a"),
        transfers.step(deal, transfer_id, "complete", admin, key="complete-b"),
    )
    assert sorted(r.status_code for r in responses) == [200, 409]
    refused = next(r for r in responses if r.status_code == 409)
    assert refused.json()["code"] == "transfer_state_invalid"
    assert await transfers.count("captable_events") == events_before + 1
    securities = await captable.get(f"{deal.issuer.path}/securities", admin)
    assert [(s["certificate_number"], s["status"]) for s in securities.json()["items"]] == [
        ("CS-0001", "transferred"),
        ("CS-0002", "outstanding"),
    ]


async def test_two_transfers_of_parts_of_one_certificate_complete_side_by_side(
    transfers: Transfers, captable: CapTable
) -> None:
    deal = await transfers.deal(shares="1000")
    a = await transfers.approved(deal, "300")
    b = await transfers.approved(deal, "200")
    admin = deal.issuer.admin
    responses = await asyncio.gather(
        transfers.step(deal, a, "complete", admin), transfers.step(deal, b, "complete", admin)
    )
    assert [r.status_code for r in responses] == [200, 200], [r.text for r in responses]
    securities = await captable.get(f"{deal.issuer.path}/securities", admin)
    outstanding = {
        (s["stakeholder_id"], s["quantity"])
        for s in securities.json()["items"]
        if s["status"] == "outstanding"
    }
    assert outstanding == {(deal.buyer_id, "300"), (deal.buyer_id, "200"), (deal.seller_id, "500")}
