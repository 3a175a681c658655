"""Requests to a partition's owner in another process, over Redis lists, and the answers back.

A process that does not own a request's partition ``RPUSH``es it, with a reply key of its
own, to ``<namespace>:trading:requests:<partition>`` and waits (``BLPOP``) on that reply key;
the owner (the process holding the partition's advisory lock) pops the partition's requests,
hands each to its own matcher, whose group commit takes them as it takes local ones, and
pushes each answer to its reply key after the batch committed. Redis carries the messages;
PostgreSQL's lock alone decides who owns a partition, so there is no protocol of ours.

A request whose answer does not come within the timeout answers ``matcher_unavailable``
(503): the client retries with the same client order id or ``Idempotency-Key``, which tells
a placed order from a lost one. Requests left in a list when an owner dies are served by
the next owner (whoever takes the lock next)."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any, Final
from uuid import UUID

from redis.asyncio import Redis

from adapters.persistence.shared.result_codec import decode, encode
from domain.shared.errors import DomainError, FieldError
from domain.trading.errors import MatcherUnavailable
from domain.trading.terms import Side
from usecases.shared.idempotency import IdempotencyKey, Idempotent
from usecases.trading.matcher.requests import Amend, BookLevel, Cancel, Expire, Look, Place, Request

log = logging.getLogger("meridian.trading.routing")
REPLY_TTL_SECONDS: Final = 60
TAKE_AT_ONCE: Final = 256


def encode_request(request: Request) -> dict[str, Any]:
    if isinstance(request, Place):
        key = request.idempotency
        return {
            "t": "place",
            "actor": encode(request.actor),
            "order": encode(request.order),
            "lots": request.lots,
            "ticks": request.ticks,
            "idempotency": None if key is None else [key.key, key.fingerprint],
        }
    if isinstance(request, Cancel):
        return {
            "t": "cancel",
            "actor": encode(request.actor),
            "order_id": str(request.order_id),
            "sequence": request.sequence,
        }
    if isinstance(request, Amend):
        return {
            "t": "amend",
            "actor": encode(request.actor),
            "order_id": str(request.order_id),
            "sequence": request.sequence,
            "price": str(request.price),
            "open_quantity": str(request.open_quantity),
            "ticks": request.ticks,
            "lots": request.lots,
        }
    if isinstance(request, Expire):
        return {"t": "expire", "order_id": str(request.order_id), "sequence": request.sequence}
    return {
        "t": "look",
        "side": request.side.value,
        "levels": request.levels,
        "after": request.after,
    }


def decode_request(data: dict[str, Any]) -> Request:
    kind = data["t"]
    if kind == "place":
        key = data["idempotency"]
        return Place(
            actor=decode(data["actor"]),
            order=decode(data["order"]),
            lots=data["lots"],
            ticks=data["ticks"],
            idempotency=None if key is None else IdempotencyKey(*key),
        )
    if kind == "cancel":
        return Cancel(
            actor=decode(data["actor"]),
            order_id=UUID(data["order_id"]),
            sequence=data["sequence"],
        )
    if kind == "amend":
        return Amend(
            actor=decode(data["actor"]),
            order_id=UUID(data["order_id"]),
            sequence=data["sequence"],
            price=Decimal(data["price"]),
            open_quantity=Decimal(data["open_quantity"]),
            ticks=data["ticks"],
            lots=data["lots"],
        )
    if kind == "expire":
        return Expire(order_id=UUID(data["order_id"]), sequence=data["sequence"])
    return Look(side=Side(data["side"]), levels=data["levels"], after=data["after"])


def encode_answer(value: Any) -> dict[str, Any]:
    if isinstance(value, Idempotent):
        return {
            "t": "idempotent",
            "v": encode(value.value),
            "replayed": value.replayed,
            "earlier": value.earlier_answer,
        }
    if isinstance(value, list):
        return {
            "t": "levels",
            "v": [
                {
                    "side": lv.side.value,
                    "ticks": lv.ticks,
                    "price": str(lv.price),
                    "quantity": str(lv.quantity),
                    "orders": lv.orders,
                    "currency": lv.currency,
                }
                for lv in value
            ],
        }
    return {"t": "value", "v": encode(value)}


def decode_answer(data: dict[str, Any]) -> Any:
    kind = data["t"]
    if kind == "error":
        raise _error(data)
    if kind == "idempotent":
        return Idempotent(decode(data["v"]), data["replayed"], data["earlier"])
    if kind == "levels":
        return [
            BookLevel(
                side=Side(lv["side"]),
                ticks=lv["ticks"],
                price=Decimal(lv["price"]),
                quantity=Decimal(lv["quantity"]),
                orders=lv["orders"],
                currency=lv["currency"],
            )
            for lv in data["v"]
        ]
    return decode(data["v"])


def encode_error(error: DomainError) -> dict[str, Any]:
    kind = type(error)
    return {
        "t": "error",
        "class": f"{kind.__module__}:{kind.__qualname__}",
        "detail": error.detail,
        "code": error.error_code,
        "errors": [[e.field, e.message, e.code] for e in error.errors],
    }


def _error(data: dict[str, Any]) -> DomainError:
    """The owner's refusal, as the same error class (domain or use-case errors only)."""
    module, _, name = data["class"].partition(":")
    kind: type[DomainError] = MatcherUnavailable
    if module.startswith(("domain.", "usecases.")):
        found = getattr(importlib.import_module(module), name, None)
        if isinstance(found, type) and issubclass(found, DomainError):
            kind = found
    error = kind.__new__(kind)
    DomainError.__init__(
        error,
        data["detail"],
        code=data["code"],
        errors=[FieldError(f, m, c) for f, m, c in data["errors"]],
    )
    return error


class _Serving:
    def __init__(self, task: asyncio.Task[None]) -> None:
        self._task = task

    async def stop(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


class RedisMatcherRoute:
    def __init__(self, redis: Redis, namespace: str, timeout_seconds: float = 10.0) -> None:
        self._redis = redis
        self._namespace = namespace
        self._timeout = timeout_seconds

    def _requests(self, partition: int) -> str:
        return f"{self._namespace}:trading:requests:{partition}"

    async def forward(self, partition: int, instrument_id: UUID, request: Request) -> Any:
        reply = f"{self._namespace}:trading:reply:{uuid.uuid4().hex}"
        message = {
            "reply": reply,
            "instrument_id": str(instrument_id),
            "request": encode_request(request),
        }
        await self._redis.rpush(self._requests(partition), json.dumps(message))
        answered = await self._redis.blpop([reply], timeout=self._timeout)
        if answered is None:
            raise MatcherUnavailable(
                f"the owner of order-book partition {partition} did not answer in time; retry "
                "with the same client order id or Idempotency-Key"
            )
        return decode_answer(json.loads(answered[1]))

    def serve(self, partition: int, handle: Callable[[UUID, Request], Awaitable[Any]]) -> _Serving:
        task = asyncio.create_task(
            self._serve(partition, handle), name=f"trading-route-{partition}"
        )
        return _Serving(task)

    async def _serve(
        self, partition: int, handle: Callable[[UUID, Request], Awaitable[Any]]
    ) -> None:
        key = self._requests(partition)
        answering: set[asyncio.Task[None]] = set()
        try:
            while True:
                try:
                    first = await self._redis.blpop([key], timeout=1)
                    if first is None:
                        continue
                    more = await self._redis.lpop(key, TAKE_AT_ONCE) or []
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("reading forwarded trading requests failed")
                    await asyncio.sleep(1)
                    continue
                for raw in [first[1], *more]:  # all at once: the owner batches them together
                    task = asyncio.create_task(self._answer(raw, handle))
                    answering.add(task)
                    task.add_done_callback(answering.discard)
        finally:
            for task in list(answering):
                task.cancel()

    async def _answer(
        self, raw: bytes | str, handle: Callable[[UUID, Request], Awaitable[Any]]
    ) -> None:
        message = json.loads(raw)
        try:
            result = encode_answer(
                await handle(UUID(message["instrument_id"]), decode_request(message["request"]))
            )
        except DomainError as refused:
            result = encode_error(refused)
        except Exception:
            log.exception("a forwarded trading request failed")
            result = encode_error(MatcherUnavailable("the order book's owner failed; retry"))
        reply = message["reply"]
        await self._redis.rpush(reply, json.dumps(result))
        await self._redis.expire(reply, REPLY_TTL_SECONDS)
