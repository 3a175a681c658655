"""What a feed client may send: each message parsed, or refused with the code and the fields
named, never an exception the connection dies of."""

from __future__ import annotations

import json

import pytest

from adapters.http.marketdata.feed_protocol import (
    Auth,
    Ping,
    ProtocolError,
    Subscription,
    book_frame,
    data_frame,
    parse,
)


def test_a_subscription_defaults_to_the_ticker_and_one_minute_candles() -> None:
    old = parse(json.dumps({"type": "subscribe", "symbols": ["aapl", "MSFT", "AAPL"]}))
    assert old == Subscription(True, ("ticker",), ("AAPL", "MSFT"), ("1m",))
    orders = parse(json.dumps({"type": "unsubscribe", "channels": ["orders"]}))
    assert orders == Subscription(False, ("orders",), (), ("1m",))
    assert parse('{"type": "auth", "token": "t"}') == Auth("t")
    assert parse('{"type": "ping"}') == Ping()


@pytest.mark.parametrize(
    ("text", "code", "extra"),
    [
        ("{nope", "malformed_json", {}),
        ("[1, 2]", "invalid_message", {}),
        ('{"type": "hello"}', "unknown_type", {"field": "type"}),
        ('{"type": "auth"}', "invalid_message", {"field": "token"}),
        (
            '{"type": "subscribe", "channels": "ticker", "symbols": [1]}',
            "invalid_message",
            {"fields": ["channels", "symbols"]},
        ),
        (
            '{"type": "subscribe", "channels": ["news", "ticker"], "symbols": ["A"]}',
            "unknown_channel",
            {"channels": ["news"]},
        ),
        (
            '{"type": "subscribe", "channels": ["candles"], "symbols": ["A"], "intervals": ["2m"]}',
            "unknown_interval",
            {"intervals": ["2m"]},
        ),
        (
            '{"type": "subscribe", "channels": ["trades"]}',
            "invalid_message",
            {"fields": ["symbols"]},
        ),
        ('{"type": "ping", "pad": "' + "x" * 70_000 + '"}', "invalid_message", {}),
    ],
)
def test_a_bad_message_is_refused_naming_what_is_wrong(
    text: str, code: str, extra: dict[str, object]
) -> None:
    with pytest.raises(ProtocolError) as refused:
        parse(text)
    assert refused.value.code == code
    assert refused.value.extra == extra


def test_frames_name_their_stream_and_number() -> None:
    candle = json.loads(data_frame("candles", "AAPL:5m", 3, {"open": "1.00"}))
    assert candle == {
        "type": "candles",
        "sequence": 3,
        "symbol": "AAPL",
        "interval": "5m",
        "data": {"open": "1.00"},
    }
    assert "symbol" not in json.loads(data_frame("orders", "user-id", 1, {}))  # never the id
    book = {"bids": [["1.00", "2"]], "asks": [], "checksum": 7, "time": None}
    delta = json.loads(book_frame("AAPL", 9, book, previous=8))
    assert (delta["action"], delta["sequence"], delta["previous"]) == ("delta", 9, 8)
    assert "previous" not in json.loads(book_frame("AAPL", 9, book))
