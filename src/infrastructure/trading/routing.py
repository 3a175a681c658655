"""Requests to a partition's owner in another process, over Redis lists, and the answers back.

A process that does not own a request's partition ``RPUSH``es it, with a reply key of its
own, to ``<namespace>:trading:requests:<partition>`` and waits (``BLPOP``) on that reply key;
the owner (the process holding the partition's advisory lock) moves the partition's requests
to its in-flight list ``...:inflight:<partition>`` (``BLMOVE``, then up to 255 more in one
script: Redis's reliable-queue pattern), hands each to its own matcher, whose group commit
takes them as it takes local ones, and after the batch committed pushes each answer to its
reply key and removes the request from the in-flight list in one round trip. Redis carries
the messages; PostgreSQL's lock alone decides who owns a partition, so there is no protocol
of ours.

- **No owner**: an owner keeps ``...:owner:<partition>`` alive (5 s, refreshed every second);
  a request is pushed only while that key exists (one script, so nothing is queued for a
  partition nobody serves). Without it for ``OWNER_WAIT_SECONDS`` the request answers
  ``matcher_unavailable`` (503) at once, nothing queued.
- **An owner that dies** (``kill -9``) leaves its in-flight requests in the list: the next
  owner (whoever takes the lock next) runs them first, marked redelivered, so an order the
  dead owner had already committed is answered as it was (found by its id) and one it had
  not is placed now; what was still queued is served after them. The forwarder meanwhile
  waits on its reply key: the answer comes from the new owner.
- A request whose answer does not come within the timeout answers ``matcher_unavailable``
  (503): the client retries with the same client order id or ``Idempotency-Key``, which tells
  a placed order from a lost one."""

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
OWNER_TTL_MS: Final = 5000  # the owner's key lives this long unless refreshed
HEARTBEAT_SECONDS: Final = 1.0
OWNER_WAIT_SECONDS: Final = 2.5  # how long a request waits for some process to own its partition
# KEYS: requests, owner; ARGV: message. Pushed only while the partition has an owner.
PUSH_IF_OWNED: Final = """
if redis.call('EXISTS', KEYS[2]) == 1 then return redis.call('RPUSH', KEYS[1], ARGV[1]) end
return 0
"""
# KEYS: requests, inflight; ARGV: how many. Moves up to that many, oldest first.
TAKE_MORE: Final = """
local taken = {}
for _ = 1, tonumber(ARGV[1]) do
  local one = redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT')
  if not one then break end
  taken[#taken + 1] = one
end
return taken
"""
# KEYS: owner; ARGV: token. Deletes the owner key only if it is still ours.
RELEASE_OWNER: Final = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


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
        "side": None if request.side is None else request.side.value,
        "levels": request.levels,
        "after": request.after,
    }


def decode_request(data: dict[str, Any], *, redelivered: bool = False) -> Request:
    kind = data["t"]
    if kind == "place":
        key = data["idempotency"]
        return Place(
            actor=decode(data["actor"]),
            order=decode(data["order"]),
            lots=data["lots"],
            ticks=data["ticks"],
            idempotency=None if key is None else IdempotencyKey(*key),
            redelivered=redelivered,
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
    side = data["side"]
    return Look(
        side=None if side is None else Side(side), levels=data["levels"], after=data["after"]
    )


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


Handle = Callable[[UUID, Request], Awaitable[Any]]


class _Serving:
    def __init__(self, tasks: list[asyncio.Task[None]], release: Callable[[], Awaitable[None]]):
        self._tasks = tasks
        self._release = release

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        with contextlib.suppress(Exception):
            await self._release()


class RedisMatcherRoute:
    def __init__(
        self,
        redis: Redis,
        namespace: str,
        timeout_seconds: float = 10.0,
        owner_wait_seconds: float = OWNER_WAIT_SECONDS,
    ) -> None:
        self._redis = redis
        self._namespace = namespace
        self._timeout = timeout_seconds
        self._owner_wait = owner_wait_seconds
        self._push = redis.register_script(PUSH_IF_OWNED)
        self._take = redis.register_script(TAKE_MORE)
        self._release = redis.register_script(RELEASE_OWNER)

    def _requests(self, partition: int) -> str:
        return f"{self._namespace}:trading:requests:{partition}"

    def _inflight(self, partition: int) -> str:
        return f"{self._namespace}:trading:inflight:{partition}"

    def _owner(self, partition: int) -> str:
        return f"{self._namespace}:trading:owner:{partition}"

    async def forward(self, partition: int, instrument_id: UUID, request: Request) -> Any:
        reply = f"{self._namespace}:trading:reply:{uuid.uuid4().hex}"
        envelope = {"reply": reply, "instrument_id": str(instrument_id)}
        message = json.dumps({**envelope, "request": encode_request(request)})
        keys = [self._requests(partition), self._owner(partition)]
        loop = asyncio.get_running_loop()
        give_up = loop.time() + self._owner_wait
        while not await self._push(keys=keys, args=[message]):
            if loop.time() >= give_up:
                raise MatcherUnavailable(
                    f"no matcher owns order-book partition {partition}; nothing was placed, "
                    "retry later"
                )
            await asyncio.sleep(0.25)
        answered = await self._redis.blpop([reply], timeout=self._timeout)
        if answered is None:
            raise MatcherUnavailable(
                f"the owner of order-book partition {partition} did not answer in time; retry "
                "with the same client order id or Idempotency-Key"
            )
        return decode_answer(json.loads(answered[1]))

    def serve(self, partition: int, handle: Handle) -> _Serving:
        token = uuid.uuid4().hex
        beating = asyncio.create_task(
            self._heartbeat(partition, token), name=f"trading-owner-{partition}"
        )
        serving = asyncio.create_task(
            self._serve(partition, handle), name=f"trading-route-{partition}"
        )

        async def release() -> None:
            await self._release(keys=[self._owner(partition)], args=[token])

        return _Serving([serving, beating], release)

    async def _heartbeat(self, partition: int, token: str) -> None:
        while True:
            try:
                await self._redis.set(self._owner(partition), token, px=OWNER_TTL_MS)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("refreshing the owner of partition %s failed", partition)
            await asyncio.sleep(HEARTBEAT_SECONDS)

    async def _serve(self, partition: int, handle: Handle) -> None:
        requests, inflight = self._requests(partition), self._inflight(partition)
        answering: set[asyncio.Task[None]] = set()

        def dispatch(raws: list[Any], *, redelivered: bool = False) -> None:
            for raw in raws:  # all at once: the owner batches them together
                task = asyncio.create_task(
                    self._answer(partition, raw, handle, redelivered=redelivered)
                )
                answering.add(task)
                task.add_done_callback(answering.discard)

        try:
            while True:  # what a dead owner had taken and not answered: first, redelivered
                try:
                    left = await self._redis.lrange(inflight, 0, -1)
                    if left:
                        log.warning(
                            "partition %s: running %s requests a previous owner had taken",
                            partition,
                            len(left),
                        )
                    dispatch(left, redelivered=True)
                    break
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("reading the in-flight trading requests failed")
                    await asyncio.sleep(1)
            while True:
                try:
                    first = await self._redis.blmove(requests, inflight, 1, "LEFT", "RIGHT")
                    if first is None:
                        continue
                    more = await self._take(keys=[requests, inflight], args=[TAKE_AT_ONCE - 1])
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("reading forwarded trading requests failed")
                    await asyncio.sleep(1)
                    continue
                dispatch([first, *more])
        finally:
            for task in list(answering):
                task.cancel()

    async def _answer(
        self, partition: int, raw: bytes | str, handle: Handle, *, redelivered: bool
    ) -> None:
        message = json.loads(raw)
        try:
            request = decode_request(message["request"], redelivered=redelivered)
            result = encode_answer(await handle(UUID(message["instrument_id"]), request))
        except DomainError as refused:
            result = encode_error(refused)
        except Exception:
            log.exception("a forwarded trading request failed")
            result = encode_error(MatcherUnavailable("the order book's owner failed; retry"))
        reply = message["reply"]
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.rpush(reply, json.dumps(result))
            pipe.expire(reply, REPLY_TTL_SECONDS)
            pipe.lrem(self._inflight(partition), 1, raw)  # type: ignore[arg-type]  # bytes too
            await pipe.execute()
