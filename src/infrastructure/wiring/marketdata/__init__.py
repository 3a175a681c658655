"""Market data context wiring, in three parts: ``rest`` (prices, candles, statistics and the
status over HTTP, the candle projector), ``feed`` (the WebSocket feed) and ``simulator`` (the
simulated market). Each part lists its handlers, collaborators and routers."""

from __future__ import annotations

from infrastructure.wiring.marketdata import feed, rest, simulator
from infrastructure.wiring.module import ContextModule

MODULE = ContextModule(
    name="marketdata",
    handlers=(*rest.HANDLERS, *feed.HANDLERS, *simulator.HANDLERS),
    collaborators=(*rest.COLLABORATORS, *feed.COLLABORATORS, *simulator.COLLABORATORS),
    routers=(*rest.ROUTERS, *feed.ROUTERS, *simulator.ROUTERS),
)
