"""Bad input to market data over HTTP: problem+json naming every bad field at once, never a
500."""

from __future__ import annotations

from tests.api.marketdata.conftest import Market
from tests.support.accounts import assert_problem


def _fields(body: dict[str, object]) -> set[str]:
    errors = body["errors"]
    assert isinstance(errors, list)
    return {e["field"] for e in errors}


async def test_every_bad_field_of_a_candles_request_is_named(market: Market) -> None:
    who = await market.trading.investor()
    bad = await market.get(
        "/candles/sol-usd", who, interval="2m", start="yesterday", end="0", limit=0, cursor=""
    )
    body = assert_problem(bad, 422, "validation_failed")
    assert _fields(body) == {
        "path.symbol",
        "query.interval",
        "query.start",
        "query.end",
        "query.limit",
        "query.cursor",
    }


async def test_a_range_is_checked_by_name(market: Market) -> None:
    who = await market.trading.investor()
    naive = await market.get(
        "/candles/SOL-USD", who, start="2026-12-01T10:00:00", end="2026-12-01T09:00:00"
    )
    body = assert_problem(naive, 422, "time_not_aware")
    assert _fields(body) == {"query.start", "query.end"}
    backwards = await market.get(
        "/candles/SOL-USD", who, start="2026-12-01T10:00:00Z", end="2026-12-01T09:00:00Z"
    )
    assert _fields(assert_problem(backwards, 422, "range_invalid")) == {"query.end"}
    wide = await market.get(
        "/candles/SOL-USD",
        who,
        interval="1m",
        start="2020-01-01T00:00:00Z",
        end="2026-01-01T00:00:00Z",
    )
    assert _fields(assert_problem(wide, 422, "too_many_points")) == {"query.end"}
    bad_cursor = await market.get("/candles/SOL-USD", who, cursor="not-a-cursor")
    assert _fields(assert_problem(bad_cursor, 422, "validation_failed")) == {"query.cursor"}


async def test_unknown_symbols_are_named(market: Market) -> None:
    who = await market.trading.investor()
    unknown = await market.get("/prices", who, symbols="SOL-USD,NOPE,ZZZ")
    body = assert_problem(unknown, 422, "unknown_symbol")
    assert _fields(body) == {"query.symbols"}
    assert "NOPE, ZZZ" in str(body["detail"])
    malformed = await market.get("/prices", who, symbols="SOL-USD,,x")
    assert _fields(assert_problem(malformed, 422, "validation_failed")) == {"query.symbols"}
    many = ",".join(f"S{i}" for i in range(51))
    body = assert_problem(await market.get("/prices", who, symbols=many), 422, "validation_failed")
    assert [(e["field"], e["code"]) for e in body["errors"]] == [
        ("query.symbols", "too_many_symbols")
    ]
    for path in ("/statistics/NOPE", "/book/NOPE", "/candles/NOPE"):
        assert_problem(await market.get(path, who), 404, "symbol_not_found")


async def test_a_book_depth_out_of_range_is_named(market: Market) -> None:
    who = await market.trading.investor()
    deep = await market.get("/book/SOL-USD", who, depth=101)
    assert _fields(assert_problem(deep, 422, "validation_failed")) == {"query.depth"}
