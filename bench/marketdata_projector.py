"""The candle projector's throughput: trades counted into candles of all four intervals per
second, rounds of ``--batch`` trades (each round: the claim, the log read, the candles loaded
and upserted, the cursor and the audit entry, one commit), from a backlog of ``--trades``.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/marketdata_projector.py --trades 50000 --batch 1000 --symbols 5

Seeds a scratch database (``meridian_bench_marketdata``, dropped at the end unless ``--keep``):
the trading catalog, then ``--trades`` taker fills spread over ``--symbols`` instruments and
one day (one trade every second or so), written straight into the fills table (the bench
drops the fills' order foreign key: no orders are needed to count trades). Then runs the
projector's use case from the app's registry until the log is empty, as the worker does.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import text  # noqa: E402

from domain.shared.actor import Actor  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.container import build_container  # noqa: E402
from infrastructure.database import migrations  # noqa: E402
from infrastructure.database.embedded import start_embedded_postgres  # noqa: E402
from infrastructure.wiring import build_registry  # noqa: E402
from tests.support.databases import drop_database, recreate_database  # noqa: E402
from usecases.marketdata.projector.project_candles import (  # noqa: E402
    ProjectCandles,
    ProjectCandlesHandler,
)
from usecases.trading.instruments.seed_instruments import (  # noqa: E402
    SeedInstruments,
    SeedInstrumentsHandler,
)

NAME = "meridian_bench_marketdata"
NO_ORDER_KEY = text(
    "ALTER TABLE trading_fills DROP CONSTRAINT fk_trading_fills_order_id_trading_orders"
)
FILLS = text(
    """
    INSERT INTO trading_fills (id, trade_id, order_id, instrument_id, symbol, user_id, side,
        liquidity, price, quantity, cash, fee, currency, journal_entry_id, created_at)
    SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), i.id, i.symbol,
        gen_random_uuid(), CASE WHEN n % 2 = 0 THEN 'buy' ELSE 'sell' END, 'taker',
        round((i.reference_price * (0.95 + random() * 0.1)) / i.tick_size) * i.tick_size,
        i.lot_size * (1 + (n % 10)), 0, 0, i.currency, NULL,
        now() - interval '1 day' + n * (interval '1 day' / :trades)
    FROM generate_series(1, :trades) AS n
    JOIN LATERAL (
        SELECT * FROM trading_instruments ORDER BY symbol OFFSET (n % :symbols) LIMIT 1
    ) AS i ON true
    """
)


async def run(url: str, trades: int, batch: int, symbols: int) -> None:
    settings = Settings(
        _env_file=None, database_url=url, log_level="WARNING", market_data_projector_batch=batch
    )
    container = build_container(settings, url)
    registry = build_registry(container)
    try:
        await registry.resolve(SeedInstrumentsHandler).execute(
            SeedInstruments(actor=Actor.system("bench"))
        )
        async with container.engine.begin() as connection:
            await connection.execute(NO_ORDER_KEY)
            await connection.execute(FILLS, {"trades": trades, "symbols": symbols})
        rounds: list[float] = []
        counted = 0
        started = time.perf_counter()
        while counted < trades:
            began = time.perf_counter()
            projected = await registry.resolve(ProjectCandlesHandler).execute(ProjectCandles())
            if not projected.trades:
                await asyncio.sleep(0.01)
                continue
            rounds.append(time.perf_counter() - began)
            counted += len(projected.trades)
        elapsed = time.perf_counter() - started
        async with container.engine.connect() as connection:
            candles = await connection.scalar(text("SELECT count(*) FROM marketdata_candles"))
        ordered = sorted(rounds)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(
            f"{counted} trades, {symbols} symbols, {candles} candles, {len(rounds)} rounds of "
            f"{batch}: {counted / elapsed:,.0f} trades/s; a round p50 "
            f"{statistics.median(rounds) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms"
        )
    finally:
        await container.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trades", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--symbols", type=int, default=5)
    parser.add_argument("--database", default=NAME)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL") or start_embedded_postgres(ROOT / ".data" / "pg")
    url = asyncio.run(recreate_database(server, args.database))
    migrations.upgrade(url)
    try:
        asyncio.run(run(url, args.trades, args.batch, args.symbols))
    finally:
        if not args.keep:
            asyncio.run(drop_database(server, args.database))


if __name__ == "__main__":
    main()
