"""Use cases: an operator (``trading:manage``) halts an instrument (new orders and amendments
are refused with ``instrument_halted``; resting orders stay and may be cancelled) or resumes
it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.trading.errors import InstrumentNotFound
from domain.trading.instrument import Instrument
from usecases.trading.access import require_manager
from usecases.trading.ports import TradingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeTradingStatus:
    actor: Actor
    symbol: str


async def _change(uow: TradingUnitOfWork, cmd: ChangeTradingStatus, halt: bool) -> Instrument:
    require_manager(cmd.actor)
    async with uow:
        found = await uow.instruments.by_symbol(cmd.symbol, for_update=True)
        if found is None:
            raise InstrumentNotFound(cmd.symbol)
        changed = found.halted() if halt else found.resumed()
        await uow.instruments.save(changed)
        uow.audit(
            AuditRecord(
                action="trading.halt_instrument" if halt else "trading.resume_instrument",
                actor=cmd.actor,
                resource_type="trading_instrument",
                resource_id=str(found.id),
                before={"status": found.status.value},
                after={"status": changed.status.value},
            )
        )
        await uow.commit()
    return changed


class HaltInstrumentHandler:
    def __init__(self, uow: TradingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ChangeTradingStatus) -> Instrument:
        return await _change(self._uow, cmd, halt=True)


class ResumeInstrumentHandler:
    def __init__(self, uow: TradingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ChangeTradingStatus) -> Instrument:
        return await _change(self._uow, cmd, halt=False)
