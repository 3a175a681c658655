"""Which database failures are a lost connection (503 ``database_unavailable``) and which stay
unexpected faults (500)."""

from __future__ import annotations

import asyncpg
from sqlalchemy import exc as sa_exc

from infrastructure.database.connection_loss import connection_lost


def wrapped(orig: Exception, *, invalidated: bool = False) -> sa_exc.DBAPIError:
    return sa_exc.DBAPIError("SELECT 1", {}, orig, connection_invalidated=invalidated)


def test_terminated_closed_and_exhausted_connections_are_lost() -> None:
    assert connection_lost(wrapped(asyncpg.exceptions.AdminShutdownError("terminating")))
    assert connection_lost(asyncpg.exceptions.InterfaceError("connection is closed"))
    assert connection_lost(wrapped(Exception("gone"), invalidated=True))
    assert connection_lost(sa_exc.TimeoutError("QueuePool limit reached"))
    cause = ConnectionResetError("reset by peer")
    outer = wrapped(Exception("closed in the middle of operation"))
    outer.__cause__ = cause
    assert connection_lost(outer)


def test_other_database_errors_are_not() -> None:
    assert not connection_lost(wrapped(asyncpg.exceptions.UniqueViolationError("duplicate")))
    assert not connection_lost(wrapped(asyncpg.exceptions.UndefinedTableError("no table")))
    assert not connection_lost(ValueError("not a database error"))
