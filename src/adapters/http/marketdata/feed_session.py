"""One client's conversation with the feed: the authentication deadline, the messages it
sends (each answered, a refusal by one ``error`` frame, never by a crash) and the limit on
how many it may send a second."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from starlette.websockets import WebSocket

from adapters.http.marketdata.feed_connection import FeedConnection
from adapters.http.marketdata.feed_hub import FeedHub, TooManyConnections
from adapters.http.marketdata.feed_protocol import (
    AUTH_REQUIRED,
    AUTH_TIMEOUT,
    CLOSE_AUTH_FAILED,
    CLOSE_AUTH_TIMEOUT,
    CLOSE_RATE_LIMITED,
    CLOSE_TOO_MANY_CONNECTIONS,
    INVALID_MESSAGE,
    RATE_LIMITED,
    TOO_MANY_CONNECTIONS,
    Auth,
    Ping,
    ProtocolError,
    Subscription,
    encode,
    error_frame,
    parse,
)
from domain.shared.errors import DomainError
from usecases.identity.public.authenticator import RequestOrigin

log = logging.getLogger("meridian.marketdata.feed")

GOODBYE_SECONDS = 5.0


class MessageBudget:
    """A token bucket: ``per_second`` messages a second, as a burst or spread out. Refused
    messages are counted in each second; more than twice the budget of them closes."""

    def __init__(self, per_second: int) -> None:
        self._per_second = per_second
        self._tokens = float(per_second)
        self._at = time.monotonic()
        self._window = 0
        self._refused = 0

    def spend(self) -> bool | None:
        """True: go on; False: refuse this one; None: far over, close."""
        now = time.monotonic()
        self._tokens = min(self._per_second, self._tokens + (now - self._at) * self._per_second)
        self._at = now
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        window = int(now)
        if window != self._window:
            self._window, self._refused = window, 0
        self._refused += 1
        return None if self._refused > 2 * self._per_second else False


class FeedSession:
    def __init__(self, websocket: WebSocket, hub: FeedHub) -> None:
        self._websocket = websocket
        self._hub = hub
        self._config = hub.config
        self._connection = FeedConnection(websocket, hub.config.send_queue)
        self._budget = MessageBudget(hub.config.messages_per_second)
        self._spoken = False  # the client sent something (public mode: no auth needed then)

    async def run(self) -> None:
        connection = self._connection
        await self._hub.start()
        connection.start()
        self._hub.join(connection)
        receiver = asyncio.create_task(self._receive(), name="feed-client-receiver")
        closed = asyncio.create_task(connection.closed.wait())
        try:
            await asyncio.wait({receiver, closed}, return_when=asyncio.FIRST_COMPLETED)
            if receiver.done() and not closed.done():  # give the goodbye frames time to leave
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(closed), GOODBYE_SECONDS)
        finally:
            for task in (receiver, closed):
                task.cancel()
            await self._hub.leave(connection)
            await connection.stop()

    def _origin(self) -> RequestOrigin:
        client = self._websocket.client
        return RequestOrigin(
            ip=client.host if client else None,
            user_agent=self._websocket.headers.get("user-agent"),
            request_id=None,
        )

    def _deadline(self) -> float | None:
        if self._connection.actor is not None:
            return None
        if self._config.public and self._spoken:
            return None
        return self._config.auth_timeout_seconds

    async def _receive(self) -> None:
        connection = self._connection
        started = time.monotonic()
        while True:
            deadline = self._deadline()
            try:
                if deadline is None:
                    message = await self._websocket.receive()
                else:
                    left = deadline - (time.monotonic() - started)
                    message = await asyncio.wait_for(self._websocket.receive(), max(left, 0))
            except TimeoutError:
                connection.offer(
                    error_frame(AUTH_TIMEOUT, f"authenticate within {deadline:g} seconds")
                )
                connection.close(CLOSE_AUTH_TIMEOUT, AUTH_TIMEOUT)
                return
            if message["type"] == "websocket.disconnect":
                connection.close(1000, "")
                return
            allowed = self._budget.spend()
            if allowed is None:
                connection.offer(error_frame(RATE_LIMITED, "far too many messages: closed"))
                connection.close(CLOSE_RATE_LIMITED, RATE_LIMITED)
                return
            if not allowed:
                limit = self._config.messages_per_second
                connection.offer(
                    error_frame(
                        RATE_LIMITED, f"at most {limit} messages a second: ignored", limit=limit
                    )
                )
                continue
            text = message.get("text")
            if text is None:
                connection.offer(error_frame(INVALID_MESSAGE, "send JSON text frames"))
                continue
            if not await self._handle(text):
                return

    async def _handle(self, text: str) -> bool:
        """Answer one message; False when the connection is being closed."""
        connection = self._connection
        try:
            command = parse(text)
            if isinstance(command, Auth):
                return await self._authenticate(command)
            if (
                not self._config.public
                and connection.actor is None
                and not isinstance(command, Ping)
            ):
                raise ProtocolError(AUTH_REQUIRED, "authenticate first: send an auth message")
            self._spoken = True
            if isinstance(command, Subscription):
                await self._hub.subscribe(connection, command)
            else:
                connection.offer(encode({"type": "pong"}))
        except ProtocolError as refused:
            connection.offer(error_frame(refused.code, refused.message, **refused.extra))
        except Exception:
            log.exception("feed client message failed")
            connection.offer(error_frame("internal_error", "the message could not be handled"))
        return True

    async def _authenticate(self, command: Auth) -> bool:
        connection = self._connection
        try:
            actor = await self._hub.authenticate(connection, command.token, self._origin())
        except TooManyConnections:
            limit = self._config.max_connections_per_user
            connection.offer(
                error_frame(
                    TOO_MANY_CONNECTIONS,
                    f"a user may hold {limit} feed connections at once",
                    limit=limit,
                )
            )
            connection.close(CLOSE_TOO_MANY_CONNECTIONS, TOO_MANY_CONNECTIONS)
            return False
        except ProtocolError as refused:
            connection.offer(error_frame(refused.code, refused.message, **refused.extra))
            return True
        except DomainError as refused:
            connection.offer(error_frame(refused.error_code, refused.detail))
            connection.close(CLOSE_AUTH_FAILED, "auth_failed")
            return False
        self._spoken = True
        connection.offer(encode({"type": "authenticated", "user_id": str(actor.user_id)}))
        return True
