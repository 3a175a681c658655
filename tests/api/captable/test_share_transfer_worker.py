"""The worker's sweep of transfers, run as the background job runs it: a right-of-first-refusal
window past its deadline lapses (the company may then approve), and a transfer still in
progress past its expiry expires, which unlocks its shares; each audited and told."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.background import background_jobs, transfer_sweep
from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from tests.api.captable.conftest import CapTable
from tests.api.captable.transfer_support import Transfers
from tests.support.accounts import Account
from tests.support.clock import FixedClock
from tests.support.databases import truncate_all


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
async def container(
    settings: Settings, engine: AsyncEngine, database_url: str, clock: FixedClock
) -> AsyncIterator[Container]:
    built = build_container(settings, database_url, engine=engine, clock=clock)
    yield built
    await built.aclose()
    await truncate_all(engine)


@pytest.fixture
def transfers(captable: CapTable, container: Container) -> Transfers:
    return Transfers(captable, container)


async def signed_in_again(transfers: Transfers, who: Account) -> Account:
    """The clock moved past the tokens' life: the same user signs in afresh."""
    response = await transfers.captable.accounts.sign_in(who)
    assert response.status_code == 200, response.text
    who.tokens = response.json()["session"]["tokens"]
    return who


async def audit_actions(container: Container, transfer_id: str) -> list[str]:
    async with container.engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT action FROM audit_log WHERE resource_id = :id ORDER BY seq"),
            {"id": transfer_id},
        )
        return [r[0] for r in rows]


async def test_the_worker_lapses_a_passed_window_and_then_approval_follows(
    transfers: Transfers, container: Container, clock: FixedClock
) -> None:
    deal = await transfers.deal(shares="100", rofr_window_days=30)
    transfer_id = await transfers.drafted(deal, "50")
    assert (await transfers.step(deal, transfer_id, "submit", deal.seller)).status_code == 200
    sweep = transfer_sweep(container)
    assert not await sweep()  # nothing is due yet
    clock.advance(days=30, seconds=1)
    swept = await sweep()
    assert (swept.lapsed, swept.expired) == (1, 0)  # type: ignore[attr-defined]
    admin = await signed_in_again(transfers, deal.issuer.admin)
    transfer = (await transfers.get(deal, transfer_id, admin)).json()
    assert (transfer["status"], transfer["rofr"]) == ("pending", "lapsed")
    waived = await transfers.step(deal, transfer_id, "rofr/waive", admin)
    assert waived.json()["code"] == "rofr_window_closed"
    approved = await transfers.step(deal, transfer_id, "approve", admin)
    assert approved.status_code == 200, approved.text
    assert "captable.lapse_rofr_on_transfer" in await audit_actions(container, transfer_id)


async def test_the_worker_expires_a_stale_transfer_and_unlocks_its_shares(
    transfers: Transfers, container: Container, clock: FixedClock
) -> None:
    deal = await transfers.deal(shares="100", rofr_window_days=10)
    stale = await transfers.drafted(deal, "100")
    assert (await transfers.step(deal, stale, "submit", deal.seller)).status_code == 200
    # ten days of window and sixty more (CAPTABLE_TRANSFER_STALE_DAYS) pass unfinished
    clock.advance(days=70, seconds=1)
    jobs = background_jobs(container)
    assert "captable-transfer-sweep" in jobs
    stop = asyncio.Event()
    job = asyncio.create_task(jobs["captable-transfer-sweep"].run(stop))
    seller = await signed_in_again(transfers, deal.seller)
    for _ in range(200):  # the job's first round runs at once
        if (await transfers.get(deal, stale, seller)).json()["status"] == "expired":
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(job, timeout=10)
    assert (await transfers.get(deal, stale, seller)).json()["status"] == "expired"
    actions = await audit_actions(container, stale)
    assert actions[-1] == "captable.expire_transfer"
    async with container.engine.connect() as connection:
        told = await connection.scalar(
            text(
                "SELECT count(*) FROM notification_outbox WHERE template = "
                "'captable.transfer_changed' AND variables->>'headline' = 'expired'"
            )
        )
    assert told == 1  # the seller; the buyer is no platform user
    # the shares are free again: the whole certificate can be noticed anew
    again = await transfers.drafted(deal, "100")
    assert (await transfers.step(deal, again, "submit", seller)).status_code == 200
