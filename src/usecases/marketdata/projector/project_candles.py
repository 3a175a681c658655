"""Use case: one projector round. It claims the round (one at a time across processes), reads
the trades past its stored position in trading's trade log, counts each in the candle of every
interval, and writes the candles, the position it reached and its audit entry (the range of
the log it counted) in ONE transaction: a round that
dies before its commit leaves candles and position as they were, so the next round reads the
same trades again and no trade is lost or counted twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from domain.marketdata.candles import Candle, Interval, Print, counted
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.marketdata.config import MarketDataConfig
from usecases.marketdata.ports import CandleKey, MarketDataUnitOfWork, ProjectorState
from usecases.trading.public.trade_log import LoggedTrade, TradeLog

PROJECTOR: Final = "market-data-projector"


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectCandles:
    limit: int | None = None  # trades at most (None: the configured batch)


@dataclass(frozen=True, slots=True, kw_only=True)
class Projected:
    claimed: bool  # False: another process was running a round
    trades: list[LoggedTrade] = field(default_factory=list)
    candles: list[Candle] = field(default_factory=list)  # what the round wrote, by open time

    def __bool__(self) -> bool:
        return bool(self.trades)


def _position(state: ProjectorState) -> dict[str, int]:
    position = state.position
    return {
        "transaction": position.transaction,
        "sequence": position.sequence,
        "trades": state.trades,
    }


class ProjectCandlesHandler:
    def __init__(
        self, uow: MarketDataUnitOfWork, trades: TradeLog, clock: Clock, config: MarketDataConfig
    ) -> None:
        self._uow = uow
        self._log = trades
        self._clock = clock
        self._config = config

    async def execute(self, cmd: ProjectCandles) -> Projected:
        async with self._uow as uow:
            if not await uow.claim(PROJECTOR):
                return Projected(claimed=False)
            state = await uow.cursors.get(PROJECTOR)
            trades = await self._log.after(
                state.position, cmd.limit or self._config.projector_batch
            )
            if not trades:
                return Projected(claimed=True)
            prints = [
                (t, Print(symbol=t.symbol, price=t.price, quantity=t.quantity, time=t.time))
                for t in trades
            ]
            keys: set[CandleKey] = {
                (p.symbol, interval, interval.bucket(p.time))
                for _, p in prints
                for interval in Interval
            }
            candles = await uow.candles.get_many(keys)
            for _, p in prints:
                for interval in Interval:
                    key = (p.symbol, interval, interval.bucket(p.time))
                    candles[key] = counted(candles.get(key), interval, p)
            touched = sorted(
                (candles[k] for k in keys), key=lambda c: (c.symbol, c.interval, c.open_time)
            )
            await uow.candles.save_all(touched)
            reached = ProjectorState(
                position=trades[-1].position,
                trades=state.trades + len(trades),
                updated_at=self._clock.now(),
            )
            await uow.cursors.save(PROJECTOR, reached)
            uow.audit(
                AuditRecord(
                    action="marketdata.project_candles",
                    actor=Actor.system(PROJECTOR),
                    resource_type="marketdata_projector",
                    resource_id=PROJECTOR,
                    before=_position(state),
                    after=_position(reached) | {"candles": len(touched)},
                )
            )
            await uow.commit()
        return Projected(claimed=True, trades=trades, candles=touched)
