"""Every background job, in one list: ``meridian worker`` and the worker embedded in the API
process (``embedded_worker``: single-process mode, so the embedded default delivers mail and
settles sandbox deposits with no extra process) start the same ones.

- the notification outbox (email, SMS);
- the bank rail instructions (deposit collections, withdrawal payouts), and their
  reconciliation with the rail (instructions whose webhook never came), on one rail;
- the audit sealer, every second: it links the audit entries committed since into the hash
  chain (writers append unsealed and take no lock; see docs/audit.md);
- the share-transfer sweep (``CAPTABLE_TRANSFER_SWEEP_SECONDS``): right-of-first-refusal
  windows past their deadline lapse and transfers still in progress past their expiry expire,
  which unlocks their shares (docs/captable.md#share-transfers);
- the governance deadlines (``GOVERNANCE_SWEEP_SECONDS``): proposals open (their voting-power
  snapshot), holders are warned a day before close, proposals close (tally, result, the
  commitment over the ballots) and queued ones expire (docs/governance.md);
- the trading expiry (``TRADING_EXPIRY_SWEEP_SECONDS``): resting DAY and GTD orders whose
  time came expire through their instrument's matcher, which releases their holds (the
  container's one matcher: in the API process the same one that serves the orders);
- the market-data projector (docs/market-data.md#the-projector): trades into candles of every
  interval, then the candles and tickers on the feed; woken by the bus's trades, at least
  every ``MARKET_DATA_PROJECTOR_POLL_SECONDS``, one round at a time across processes;
- the market simulator, only when ``MARKET_SIMULATOR_ENABLED`` (on under ``meridian serve
  --demo`` in single-process mode): simulated participants trade every instrument through
  the real order books (docs/market-data.md#the-simulator), one process of the deployment at
  a time;
- the idempotency-key purge, hourly (keys live ``IDEMPOTENCY_KEY_TTL_HOURS``; several workers
  purging at once only delete the same expired rows)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Protocol

from adapters.persistence.audit.sealer import SEAL_EVERY_SECONDS, seal_audit_chain
from adapters.persistence.shared.idempotency_store import purge_expired
from infrastructure.container import Container
from infrastructure.demo.market_simulator import MarketSimulatorJob
from infrastructure.marketdata.projector import ProjectorJob
from infrastructure.wiring import build_registry
from infrastructure.wiring.banking import banking_rail, rail_worker, reconcile_worker
from infrastructure.wiring.marketdata.rest import marketdata_config
from infrastructure.wiring.notifications import outbox_worker
from usecases.captable.transfers.sweep_transfers import SweepTransfers, SweepTransfersHandler
from usecases.governance.worker.advance_proposals import (
    AdvanceProposals,
    AdvanceProposalsHandler,
)
from usecases.system.public import Heartbeats
from usecases.trading.orders.expire_orders import ExpireOrders, ExpireOrdersHandler

log = logging.getLogger("meridian.worker")

PURGE_EVERY_SECONDS = 3600.0


class Job(Protocol):
    async def run(self, stop: asyncio.Event) -> None: ...


class PeriodicJob:
    """Runs ``action`` now and then every ``every`` seconds until ``stop``; a failure is logged
    and the next round runs as planned. A ``quiet`` job logs only rounds that did something."""

    def __init__(
        self,
        name: str,
        action: Callable[[], Awaitable[object]],
        *,
        every: float,
        quiet: bool = False,
    ) -> None:
        self._name = name
        self._action = action
        self._every = every
        self._quiet = quiet

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                result = await self._action()
                if result or not self._quiet:
                    log.info("periodic job done", extra={"job": self._name, "result": result})
            except Exception:
                log.exception("periodic job failed", extra={"job": self._name})
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self._every)


def idempotency_purge(container: Container) -> Callable[[], Awaitable[int]]:
    async def purge() -> int:
        async with container.session_factory() as session:
            purged = await purge_expired(session, container.clock.now())
            await session.commit()
            return purged

    return purge


def audit_sealing(container: Container) -> Callable[[], Awaitable[int]]:
    async def seal() -> int:
        return await seal_audit_chain(container.session_factory, container.clock)

    return seal


def transfer_sweep(container: Container) -> Callable[[], Awaitable[object]]:
    """One round of the share-transfer sweep: lapse passed windows, expire stale transfers."""
    handler = build_registry(container).resolve

    async def sweep() -> object:
        return await handler(SweepTransfersHandler).execute(SweepTransfers())

    return sweep


def governance_sweep(container: Container) -> Callable[[], Awaitable[object]]:
    """One round of the governance deadlines: open, warn, close, expire."""
    handler = build_registry(container).resolve

    async def sweep() -> object:
        return await handler(AdvanceProposalsHandler).execute(AdvanceProposals())

    return sweep


def trading_expiry(container: Container) -> Callable[[], Awaitable[object]]:
    """One round of the trading expiry: DAY and GTD orders whose time came expire."""
    handler = build_registry(container).resolve

    async def expire() -> object:
        return await handler(ExpireOrdersHandler).execute(ExpireOrders())

    return expire


def market_data_projector(container: Container) -> ProjectorJob:
    return ProjectorJob(
        build_registry(container).resolve,
        container.feed,
        Heartbeats(container.cache, container.clock),
        marketdata_config(container.settings),
    )


def background_jobs(container: Container) -> dict[str, Job]:
    rail = banking_rail(container)  # one sandbox: it answers status queries on what it accepted
    jobs: dict[str, Job] = {
        "outbox": outbox_worker(container),
        "bank-rail": rail_worker(container, rail),
        "bank-rail-reconcile": reconcile_worker(container, rail),
        "audit-seal": PeriodicJob(
            "audit-seal", audit_sealing(container), every=SEAL_EVERY_SECONDS, quiet=True
        ),
        "captable-transfer-sweep": PeriodicJob(
            "captable-transfer-sweep",
            transfer_sweep(container),
            every=container.settings.captable_transfer_sweep_seconds,
            quiet=True,
        ),
        "governance-sweep": PeriodicJob(
            "governance-sweep",
            governance_sweep(container),
            every=container.settings.governance_sweep_seconds,
            quiet=True,
        ),
        "trading-expiry": PeriodicJob(
            "trading-expiry",
            trading_expiry(container),
            every=container.settings.trading_expiry_sweep_seconds,
            quiet=True,
        ),
        "market-data-projector": market_data_projector(container),
        "idempotency-purge": PeriodicJob(
            "idempotency-purge", idempotency_purge(container), every=PURGE_EVERY_SECONDS
        ),
    }
    if container.settings.runs_market_simulator:
        jobs["market-simulator"] = MarketSimulatorJob(container)
    return jobs


async def run_background_jobs(container: Container, stop: asyncio.Event) -> None:
    """Every job until ``stop`` is set."""
    jobs = background_jobs(container)
    await asyncio.gather(
        *(asyncio.create_task(job.run(stop), name=f"worker-{name}") for name, job in jobs.items())
    )


@contextlib.asynccontextmanager
async def embedded_worker(container: Container) -> AsyncIterator[None]:
    """The background jobs inside the API process, started and stopped with the app."""
    if not container.settings.runs_embedded_worker:
        yield
        return
    stop = asyncio.Event()
    jobs = asyncio.create_task(run_background_jobs(container, stop), name="embedded-worker")
    try:
        yield
    finally:
        stop.set()
        await jobs
