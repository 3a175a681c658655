"""The WebSocket feed described for machines: an AsyncAPI 3 document (served at
``/api/asyncapi.json``, next to the OpenAPI document), built from the protocol's own names."""

from __future__ import annotations

from typing import Any

from adapters.http.marketdata.feed_protocol import CHANNELS, INTERVALS

FEED_PATH = "/ws/market-data"

_STR = {"type": "string"}
_DECIMAL = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$", "description": "a decimal string"}
_SEQ = {"type": "integer", "minimum": 0, "description": "the stream's number: 1, 2, 3..."}
_LEVELS = {
    "type": "array",
    "items": {"type": "array", "prefixItems": [_DECIMAL, _DECIMAL], "minItems": 2},
    "description": '[price, quantity] levels, best first; quantity "0" removes a level',
}
_SEQUENCES = {
    "type": "object",
    "additionalProperties": {"type": "integer"},
    "description": "stream name (ticker:AAPL, candles:AAPL:1m, orders) → its last number",
}
_STRINGS = {"type": "array", "items": _STR}


def _object(required: list[str], **properties: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties}


def _kind(name: str) -> dict[str, Any]:
    return {"type": "string", "const": name}


CLIENT_MESSAGES: dict[str, dict[str, Any]] = {
    "auth": _object(["type", "token"], type=_kind("auth"), token=_STR),
    "subscribe": _object(
        ["type"],
        type=_kind("subscribe"),
        channels={"type": "array", "items": {"enum": list(CHANNELS)}, "default": ["ticker"]},
        symbols=_STRINGS,
        intervals={"type": "array", "items": {"enum": list(INTERVALS)}, "default": ["1m"]},
    ),
    "unsubscribe": _object(
        ["type"], type=_kind("unsubscribe"), channels=_STRINGS, symbols=_STRINGS
    ),
    "ping": _object(["type"], type=_kind("ping")),
}

SERVER_MESSAGES: dict[str, dict[str, Any]] = {
    "authenticated": _object(["type", "user_id"], type=_kind("authenticated"), user_id=_STR),
    "subscribed": _object(
        ["type", "channels", "symbols", "sequences"],
        type=_kind("subscribed"),
        channels=_STRINGS,
        symbols=_STRINGS,
        intervals=_STRINGS,
        sequences=_SEQUENCES,
    ),
    "unsubscribed": _object(
        ["type", "channels", "symbols"],
        type=_kind("unsubscribed"),
        channels=_STRINGS,
        symbols=_STRINGS,
    ),
    "heartbeat": _object(
        ["type", "time", "sequences"], type=_kind("heartbeat"), time=_STR, sequences=_SEQUENCES
    ),
    "pong": _object(["type"], type=_kind("pong")),
    "error": _object(["type", "code", "message"], type=_kind("error"), code=_STR, message=_STR),
    "ticker": _object(
        ["type", "symbol", "sequence", "data"],
        type=_kind("ticker"),
        symbol=_STR,
        sequence=_SEQ,
        data={"type": "object", "description": "last, best_bid, best_ask, 24 h figures"},
    ),
    "trades": _object(
        ["type", "symbol", "sequence", "data"],
        type=_kind("trades"),
        symbol=_STR,
        sequence=_SEQ,
        data=_object(
            ["trade_id", "symbol", "price", "quantity", "taker_side", "time"],
            trade_id=_STR,
            symbol=_STR,
            price=_DECIMAL,
            quantity=_DECIMAL,
            taker_side={"enum": ["buy", "sell"]},
            time=_STR,
        ),
    ),
    "level2": _object(
        ["type", "action", "symbol", "sequence", "bids", "asks", "checksum"],
        type=_kind("level2"),
        action={"enum": ["snapshot", "delta"]},
        symbol=_STR,
        sequence=_SEQ,
        previous={**_SEQ, "description": "a delta's: the number it follows"},
        bids=_LEVELS,
        asks=_LEVELS,
        checksum={"type": "integer", "description": "CRC32 of the top 10 levels a side"},
        time=_STR,
    ),
    "candles": _object(
        ["type", "symbol", "interval", "sequence", "data"],
        type=_kind("candles"),
        symbol=_STR,
        interval={"enum": list(INTERVALS)},
        sequence=_SEQ,
        data={"type": "object", "description": "open_time, open, high, low, close, volume..."},
    ),
    "orders": _object(
        ["type", "sequence", "data"],
        type=_kind("orders"),
        sequence=_SEQ,
        data={"type": "object", "description": "event order (order) or fill (fill)"},
    ),
}

_CONTROL = ("authenticated", "subscribed", "unsubscribed", "heartbeat", "pong", "error")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/messages/{name}"}


def asyncapi_document(version: str) -> dict[str, Any]:
    messages = {
        name: {"name": name, "contentType": "application/json", "payload": payload}
        for name, payload in {**CLIENT_MESSAGES, **SERVER_MESSAGES}.items()
    }
    channels: dict[str, Any] = {
        "control": {
            "address": FEED_PATH,
            "description": "auth, subscriptions, heartbeats and errors on the one connection",
            "messages": {n: _ref(n) for n in (*CLIENT_MESSAGES, *_CONTROL)},
        }
    }
    for channel in CHANNELS:
        channels[channel] = {
            "address": FEED_PATH,
            "description": f"{channel} frames, after subscribing to the {channel} channel"
            + (" (private: the signed-in user's own)" if channel == "orders" else ""),
            "messages": {channel: _ref(channel)},
        }
    operations: dict[str, Any] = {}
    for name in CLIENT_MESSAGES:
        operations[f"receive_{name}"] = {
            "action": "receive",
            "channel": {"$ref": "#/channels/control"},
            "messages": [{"$ref": f"#/channels/control/messages/{name}"}],
        }
    for name in _CONTROL:
        operations[f"send_{name}"] = {
            "action": "send",
            "channel": {"$ref": "#/channels/control"},
            "messages": [{"$ref": f"#/channels/control/messages/{name}"}],
        }
    for channel in CHANNELS:
        operations[f"send_{channel}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{channel}"},
            "messages": [{"$ref": f"#/channels/{channel}/messages/{channel}"}],
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Meridian market data feed",
            "version": version,
            "description": "One WebSocket for tickers, trades, order books, candles and the "
            "signed-in user's orders and fills (docs/market-data.md#the-websocket-feed).",
        },
        "servers": {
            "api": {"host": "127.0.0.1:8000", "protocol": "ws", "pathname": FEED_PATH},
        },
        "defaultContentType": "application/json",
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }
