"""Every write that changes what a cached view shows is seen by the next read of it: the
summary, the shareholder list and the holdings by class, now and as of a date, are read twice
(the second from the cache), the write is made, and the next read equals what the database
gives with the cache emptied — for each kind of write: every event (issuance, cancellation,
repurchase, conversion, split, authorized-shares adjustment, a completed transfer), a new
share class and a new stock plan. A write that changes nothing shown (a new stakeholder, a
draft transfer) leaves every view as it was."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from infrastructure.container import Container
from tests.api.captable.conftest import CapTable
from tests.api.captable.transfer_support import Deal, Transfers

AS_OF = "2026-06-30"  # after every event's date below
VIEWS = ("summary", "holders", "class-holdings")

Write = Callable[[CapTable, Transfers, Deal], Awaitable[None]]


@pytest.fixture
def transfers(captable: CapTable, container: Container) -> Transfers:
    return Transfers(captable, container)


async def read_all(captable: CapTable, deal: Deal) -> dict[tuple[str, str | None], Any]:
    seen: dict[tuple[str, str | None], Any] = {}
    for view in VIEWS:
        for as_of in (None, AS_OF):
            params = {"as_of": as_of} if as_of else {}
            response = await captable.get(f"{deal.issuer.path}/{view}", deal.issuer.admin, **params)
            assert response.status_code == 200, response.text
            seen[(view, as_of)] = response.json()
    return seen


async def empty_the_cache(container: Container) -> None:
    if container.redis is not None:
        keys = [k async for k in container.redis.scan_iter("*captable:*")]
        if keys:
            await container.redis.delete(*keys)
    else:
        container.cache._values.clear()  # type: ignore[attr-defined]


async def posted(captable: CapTable, deal: Deal, kind: str, body: dict[str, Any]) -> None:
    response = await captable.event(deal.issuer, kind, body)
    assert response.status_code == 201, response.text


async def issuance(captable: CapTable, transfers: Transfers, deal: Deal) -> None:
    await posted(
        captable,
        deal,
        "issuances",
        {
            "stakeholder_id": deal.buyer_id,
            "stock_class_id": deal.issuer.classes["CS"],
            "quantity": "250",
            "date": "2026-02-01",
        },
    )


async def cancellation(captable: CapTable, transfers: Transfers, deal: Deal) -> None:
    body = {"security_id": deal.certificate["id"], "quantity": "100", "date": "2026-02-01"}
    await posted(captable, deal, "cancellations", body | {"reason_text": "error"})


async def repurchase(captable: CapTable, transfers: Transfers, deal: Deal) -> None:
    body = {"security_id": deal.certificate["id"], "quantity": "100", "date": "2026-02-01"}
    await posted(captable, deal, "repurchases", body | {"price": "1.00"})


async def conversion(captable: CapTable, transfers: Transfers, deal: Deal) -> None:
    # the seller's common into the preferred class (ratio 1 each way)
    body = {
        "security_id": deal.certificate["id"],
        "quantity_converted": "300",
        "to_stock_class_id": deal.issuer.classes["PA"],
        "date": "2026-02-01",
    }
    await posted(captable, deal, "conversions", body)


async def split(captable: CapTable, transfers: Transfers, deal: Deal) -> None:
    body = {
        "stock_class_id": deal.issuer.classes["CS"],
        "split_ratio_numerator": "2",
        "split_ratio_denominator": "1",
        "date": "2026-02-01",
    }
    await posted(captable, deal, "splits", body)


async def authorized_shares(captable: CapTable, transfers: Transfers, deal: Deal) -> None:
    await posted(
        captable,
        deal,
        f"share-classes/{deal.issuer.classes['CS']}/authorized-shares-adjustments",
        {
            "new_shares_authorized": "5000000",
            "board_approval_date": "2026-01-30",
            "date": "2026-02-01",
        },
    )


async def completed_transfer(captable: CapTable, transfers: Transfers, deal: Deal) -> None:
    transfer_id = await transfers.approved(deal, "400", "0")
    done = await transfers.step(deal, transfer_id, "complete", deal.issuer.admin)
    assert done.status_code == 200, done.text


async def share_class(captable: CapTable, transfers: Transfers, deal: Deal) -> None:
    await captable.share_class(deal.issuer, "SB", class_type="preferred")


async def stock_plan(captable: CapTable, transfers: Transfers, deal: Deal) -> None:
    created = await captable.client.post(
        f"{deal.issuer.path}/stock-plans",
        headers=deal.issuer.admin.headers,
        json={
            "plan_name": "2026 Plan",
            "initial_shares_reserved": "700",
            "stock_class_ids": [deal.issuer.classes["CS"]],
            "board_approval_date": "2026-02-01",
        },
    )
    assert created.status_code == 201, created.text


async def stakeholder(captable: CapTable, transfers: Transfers, deal: Deal) -> None:
    await captable.stakeholder(deal.issuer, f"New Holder {uuid.uuid4().hex[:6]}")


async def draft_transfer(captable: CapTable, transfers: Transfers, deal: Deal) -> None:
    await transfers.drafted(deal, "100", "1.00")


CHANGING: dict[str, tuple[Write, set[str]]] = {
    "issuance": (issuance, set(VIEWS)),
    "cancellation": (cancellation, set(VIEWS)),
    "repurchase": (repurchase, set(VIEWS)),
    "conversion": (conversion, set(VIEWS)),
    "split": (split, set(VIEWS)),
    # the authorized shares are in the totals; the list shows none
    "authorized_shares": (authorized_shares, {"summary", "class-holdings"}),
    # shares move between holders of one class: the class totals stay
    "completed_transfer": (completed_transfer, {"summary", "holders"}),
    "share_class": (share_class, {"summary", "class-holdings"}),
    "stock_plan": (stock_plan, {"summary"}),
}


async def prepared(captable: CapTable, transfers: Transfers, container: Container) -> Deal:
    deal = await transfers.deal(shares="1000")
    await captable.share_class(deal.issuer, "PA", class_type="preferred")
    await captable.issue(deal.issuer, "Bea Buyer", "500", prefix="PA")
    return deal


@pytest.mark.parametrize("kind", sorted(CHANGING))
async def test_each_write_is_seen_by_the_next_cached_read(
    captable: CapTable, transfers: Transfers, container: Container, kind: str
) -> None:
    deal = await prepared(captable, transfers, container)
    first = await read_all(captable, deal)
    assert await read_all(captable, deal) == first  # the cached reads
    write, changed = CHANGING[kind]
    await write(captable, transfers, deal)
    after = await read_all(captable, deal)
    await empty_the_cache(container)
    assert after == await read_all(captable, deal)
    assert {view for (view, _), seen in after.items() if seen != first[(view, _)]} == changed


@pytest.mark.parametrize("write", [stakeholder, draft_transfer], ids=["stakeholder", "draft"])
async def test_a_write_that_changes_no_view_leaves_them_as_they_were(
    captable: CapTable, transfers: Transfers, container: Container, write: Write
) -> None:
    deal = await prepared(captable, transfers, container)
    first = await read_all(captable, deal)
    await write(captable, transfers, deal)
    assert await read_all(captable, deal) == first
    await empty_the_cache(container)
    assert await read_all(captable, deal) == first
