"""Use case: an operator (``trading:manage``) lists a new instrument. Every field is checked
at once; a symbol already listed is refused (``symbol_taken``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.ids import new_uuid
from domain.trading.errors import SymbolTaken
from domain.trading.instrument import AssetClass, Instrument, InstrumentStatus
from usecases.trading.access import require_manager
from usecases.trading.ports import TradingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class AddInstrument:
    actor: Actor
    symbol: str
    name: str
    asset_class: AssetClass
    currency: str
    tick_size: Decimal
    lot_size: Decimal
    min_notional: Decimal
    band_percent: Decimal
    reference_price: Decimal
    trading_hours: str


class AddInstrumentHandler:
    def __init__(self, uow: TradingUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: AddInstrument) -> Instrument:
        require_manager(cmd.actor)
        instrument = Instrument.listed(
            id=new_uuid(),
            symbol=cmd.symbol,
            name=cmd.name,
            asset_class=cmd.asset_class,
            currency=cmd.currency,
            tick_size=cmd.tick_size,
            lot_size=cmd.lot_size,
            min_notional=cmd.min_notional,
            band_percent=cmd.band_percent,
            reference_price=cmd.reference_price,
            last_price=None,
            trading_hours=cmd.trading_hours,
            status=InstrumentStatus.ACTIVE,
            created_at=self._clock.now(),
        )
        async with self._uow as uow:
            if await uow.instruments.by_symbol(instrument.symbol) is not None:
                raise SymbolTaken(instrument.symbol)
            await uow.instruments.add(instrument)
            uow.audit(
                AuditRecord(
                    action="trading.add_instrument",
                    actor=cmd.actor,
                    resource_type="trading_instrument",
                    resource_id=str(instrument.id),
                    after={"symbol": instrument.symbol, "asset_class": instrument.asset_class},
                )
            )
            await uow.commit()
        return instrument
