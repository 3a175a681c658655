"""Use case: list every instrument of the catalog that is not listed yet (idempotent: a second
run adds nothing). The demo data and ``meridian trading seed`` run it as the system."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.ids import new_uuid
from domain.trading.instrument import Instrument, InstrumentStatus
from usecases.trading.access import require_manager
from usecases.trading.instruments.catalog import CATALOG, Listing
from usecases.trading.ports import TradingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class SeedInstruments:
    actor: Actor
    listings: tuple[Listing, ...] = CATALOG


class SeedInstrumentsHandler:
    def __init__(self, uow: TradingUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: SeedInstruments) -> int:
        require_manager(cmd.actor)
        added = 0
        async with self._uow as uow:
            for listing in cmd.listings:
                if await uow.instruments.by_symbol(listing.symbol) is not None:
                    continue
                instrument = Instrument.listed(
                    id=new_uuid(),
                    symbol=listing.symbol,
                    name=listing.name,
                    asset_class=listing.asset_class,
                    currency=listing.currency,
                    tick_size=listing.decimal("tick_size"),
                    lot_size=listing.decimal("lot_size"),
                    min_notional=listing.decimal("min_notional"),
                    band_percent=listing.decimal("band_percent"),
                    reference_price=listing.decimal("reference_price"),
                    last_price=None,
                    trading_hours=listing.trading_hours,
                    status=InstrumentStatus.ACTIVE,
                    created_at=self._clock.now(),
                )
                await uow.instruments.add(instrument)
                added += 1
            if added:
                uow.audit(
                    AuditRecord(
                        action="trading.seed_instruments",
                        actor=cmd.actor,
                        resource_type="trading_instrument",
                        after={"added": added},
                    )
                )
                await uow.commit()
        return added
