"""The WebSocket feed's protocol (docs/market-data.md#the-websocket-feed): what a client may
send, parsed into commands, and the frames the server sends, as JSON text.

Client messages: ``auth`` (an access token), ``subscribe`` / ``unsubscribe`` (channels and
symbols; channels default to ``["ticker"]``, so clients of the older
``{"type": "subscribe", "symbols": [...]}`` keep working) and ``ping``. Anything else, or
anything malformed, is answered with an ``error`` frame and the connection stays open."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

PUBLIC_CHANNELS: Final = ("ticker", "trades", "level2", "candles")
PRIVATE_CHANNELS: Final = ("orders",)
CHANNELS: Final = PUBLIC_CHANNELS + PRIVATE_CHANNELS
INTERVALS: Final = ("1m", "5m", "1h", "1d")
DEFAULT_CHANNELS: Final = ("ticker",)
DEFAULT_INTERVALS: Final = ("1m",)
MAX_LIST: Final = 500  # items in one list of a client message
MAX_MESSAGE: Final = 65_536  # characters of one client message

# Close codes (the reason is the word after the number).
CLOSE_AUTH_FAILED: Final = 4001  # "auth_failed": the token was refused
CLOSE_AUTH_TIMEOUT: Final = 4002  # "auth_timeout": nothing (or no auth) in time
CLOSE_SLOW_CONSUMER: Final = 4008  # "slow_consumer": the client fell too far behind
CLOSE_TOO_MANY_CONNECTIONS: Final = 4009  # "too_many_connections": the user's limit
CLOSE_RATE_LIMITED: Final = 4029  # "rate_limited": far over the messages-per-second limit
CLOSE_GOING_AWAY: Final = 1001  # the server is shutting down

# Error codes of ``error`` frames.
MALFORMED_JSON: Final = "malformed_json"
INVALID_MESSAGE: Final = "invalid_message"
UNKNOWN_TYPE: Final = "unknown_type"
UNKNOWN_CHANNEL: Final = "unknown_channel"
UNKNOWN_INTERVAL: Final = "unknown_interval"
UNKNOWN_SYMBOL: Final = "unknown_symbol"
AUTH_REQUIRED: Final = "auth_required"
USER_MISMATCH: Final = "user_mismatch"
SUBSCRIPTION_LIMIT: Final = "subscription_limit"
RATE_LIMITED: Final = "rate_limited"
TOO_MANY_CONNECTIONS: Final = "too_many_connections"
AUTH_TIMEOUT: Final = "auth_timeout"
SLOW_CONSUMER: Final = "slow_consumer"
SYMBOLS_UNAVAILABLE: Final = "symbols_unavailable"


class ProtocolError(Exception):
    """A client message refused: sent back as one ``error`` frame."""

    def __init__(self, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.extra = extra


@dataclass(frozen=True, slots=True)
class Auth:
    token: str


@dataclass(frozen=True, slots=True)
class Subscription:
    """``subscribe`` (``add``) or ``unsubscribe``: channels x symbols (x intervals, candles)."""

    add: bool
    channels: tuple[str, ...]
    symbols: tuple[str, ...]
    intervals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Ping:
    pass


Command = Auth | Subscription | Ping


def _strings(message: Mapping[str, Any], name: str, default: Sequence[str]) -> tuple[str, ...]:
    value = message.get(name)
    if value is None:
        return tuple(default)
    if (
        not isinstance(value, list)
        or len(value) > MAX_LIST
        or not all(isinstance(v, str) and 0 < len(v) <= 64 for v in value)
    ):
        raise ProtocolError(
            INVALID_MESSAGE,
            f"{name}: must be a list of at most {MAX_LIST} non-empty strings",
            field=name,
        )
    return tuple(dict.fromkeys(value))  # in order, once each


def _subscription(message: Mapping[str, Any], add: bool) -> Subscription:
    problems: list[str] = []
    fields: list[str] = []
    values: dict[str, tuple[str, ...]] = {}
    for name, default in (
        ("channels", DEFAULT_CHANNELS),
        ("symbols", ()),
        ("intervals", DEFAULT_INTERVALS),
    ):
        try:
            values[name] = _strings(message, name, default)
        except ProtocolError as refused:
            problems.append(refused.message)
            fields.append(name)
    if problems:
        raise ProtocolError(INVALID_MESSAGE, "; ".join(problems), fields=fields)
    channels = values["channels"]
    unknown = [c for c in channels if c not in CHANNELS]
    if unknown:
        raise ProtocolError(
            UNKNOWN_CHANNEL, f"unknown channels: {', '.join(unknown)}", channels=unknown
        )
    intervals = values["intervals"]
    bad = [i for i in intervals if i not in INTERVALS]
    if bad:
        raise ProtocolError(UNKNOWN_INTERVAL, f"unknown intervals: {', '.join(bad)}", intervals=bad)
    symbols = tuple(s.upper() for s in values["symbols"])
    if not symbols and any(c != "orders" for c in channels):
        raise ProtocolError(INVALID_MESSAGE, "symbols: at least one symbol", fields=["symbols"])
    return Subscription(add, channels, tuple(dict.fromkeys(symbols)), intervals)


def parse(text: str) -> Command:
    """A client message; raises ``ProtocolError`` naming what is wrong."""
    if len(text) > MAX_MESSAGE:
        raise ProtocolError(INVALID_MESSAGE, f"a message has at most {MAX_MESSAGE} characters")
    try:
        message = json.loads(text)
    except ValueError:
        raise ProtocolError(MALFORMED_JSON, "the message is not JSON") from None
    if not isinstance(message, dict):
        raise ProtocolError(INVALID_MESSAGE, "the message must be a JSON object")
    kind = message.get("type")
    if kind == "auth":
        token = message.get("token")
        if not isinstance(token, str) or not token or len(token) > 8192:
            raise ProtocolError(INVALID_MESSAGE, "token: must be an access token", field="token")
        return Auth(token)
    if kind in ("subscribe", "unsubscribe"):
        return _subscription(message, add=kind == "subscribe")
    if kind == "ping":
        return Ping()
    raise ProtocolError(
        UNKNOWN_TYPE,
        "type: must be one of auth, subscribe, unsubscribe, ping",
        field="type",
    )


def encode(frame: Mapping[str, Any]) -> str:
    return json.dumps(frame, separators=(",", ":"), ensure_ascii=False)


def error_frame(code: str, message: str, **extra: Any) -> str:
    return encode({"type": "error", "code": code, "message": message, **extra})


def stream_name(channel: str, key: str) -> str:
    """How frames name a stream: ``ticker:AAPL``, ``candles:AAPL:1m``; the private
    ``orders`` stream is just ``orders`` (a client sees only its own)."""
    return channel if channel in PRIVATE_CHANNELS else f"{channel}:{key}"


def data_frame(channel: str, key: str, sequence: int, data: Mapping[str, Any]) -> str:
    """A ticker, trades, candles or orders message."""
    frame: dict[str, Any] = {"type": channel, "sequence": sequence}
    if channel == "candles":
        symbol, _, interval = key.partition(":")
        frame |= {"symbol": symbol, "interval": interval}
    elif channel not in PRIVATE_CHANNELS:
        frame["symbol"] = key
    frame["data"] = data
    return encode(frame)


def book_frame(
    symbol: str, sequence: int, book: Mapping[str, Any], *, previous: int | None = None
) -> str:
    """A level2 snapshot (``previous`` None: the whole top of the book) or delta (the changed
    levels, quantity "0" = gone, following ``previous``)."""
    frame: dict[str, Any] = {
        "type": "level2",
        "action": "snapshot" if previous is None else "delta",
        "symbol": symbol,
        "sequence": sequence,
    }
    if previous is not None:
        frame["previous"] = previous
    frame |= {
        "bids": book.get("bids", []),
        "asks": book.get("asks", []),
        "checksum": book.get("checksum", 0),
        "time": book.get("time"),
    }
    return encode(frame)
