"""A lost database connection (the server restarted, ``pg_terminate_backend``, a network cut,
an exhausted pool) answers 503 problem+json ``database_unavailable`` with ``Retry-After``,
never 500.

PostgreSQL rolls back the transaction of a connection it loses, and every use case commits once
at its end, so nothing is half-committed: the request either committed entirely (the connection
died while the commit's answer was on its way) or not at all. Money-moving POSTs are then safe to
retry with the same ``Idempotency-Key`` (the stored answer comes back, or the effect happens
once). Pooled connections are not pinged before use (``DB_POOL_PRE_PING`` turns it on): that
round trip would cost every request. A connection that died while idle fails the first
statement sent on it, so that one request answers 503; SQLAlchemy then invalidates the whole
pool (every connection checked out before the loss is replaced on its next checkout), so the
requests after it get fresh connections."""

from __future__ import annotations

import logging
from typing import Final

import asyncpg
from fastapi import FastAPI, Request
from sqlalchemy import exc as sa_exc
from starlette.responses import Response

from adapters.http.problem import problem_response
from adapters.http.request_context import request_id_var

log = logging.getLogger("meridian.database")

RETRY_AFTER_SECONDS: Final = 1
CODE: Final = "database_unavailable"
# connection exceptions (08...), operator intervention (57P01 admin shutdown, 57P02 crash
# shutdown, 57P03 cannot connect now), too many connections (53300)
LOST_STATES: Final = ("08", "57P01", "57P02", "57P03", "53300")
DRIVER_ERRORS: Final = (
    asyncpg.exceptions.InterfaceError,  # "connection is closed", an operation cut short
    asyncpg.exceptions.InternalClientError,  # the protocol state of a broken connection
    asyncpg.exceptions.ConnectionDoesNotExistError,
)
HANDLED: Final = (sa_exc.DBAPIError, sa_exc.TimeoutError, asyncpg.PostgresError, *DRIVER_ERRORS)


def connection_lost(error: BaseException) -> bool:
    """Whether ``error`` (or what caused it) is a lost or unobtainable database connection."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, sa_exc.DBAPIError) and current.connection_invalidated:
            return True
        if isinstance(current, (sa_exc.TimeoutError, ConnectionError, *DRIVER_ERRORS)):
            return True  # the pool had no connection to give, or the socket went away
        state = getattr(current, "sqlstate", None)
        if isinstance(state, str) and state.startswith(LOST_STATES):
            return True
        orig = getattr(current, "orig", None)
        pending.extend(
            (
                orig if isinstance(orig, BaseException) else None,
                current.__cause__,
                current.__context__,
            )
        )
    return False


async def _database_unavailable(request: Request, error: Exception) -> Response:
    if not connection_lost(error):
        raise error  # any other database fault: the 500 of the request middleware
    log.warning(
        "database connection lost",
        extra={"path": request.url.path, "error": type(error).__name__},
    )
    return problem_response(
        status=503,
        code=CODE,
        title="Database unavailable",
        detail=f"The database connection was lost: try again in {RETRY_AFTER_SECONDS} s "
        "(with the same Idempotency-Key where the request has one).",
        instance=request.url.path,
        request_id=request_id_var.get(),
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def install_connection_loss_handler(app: FastAPI) -> None:
    for family in HANDLED:
        app.add_exception_handler(family, _database_unavailable)
