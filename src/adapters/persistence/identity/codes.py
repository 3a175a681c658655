"""Insert a row whose human-readable code must be unique: on a collision of the code's unique
constraint (a concurrent insert drew the same code), draw another inside a savepoint."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.integrity import UNIQUE_VIOLATION, _constraint, _sqlstate
from domain.identity.human_code import new_code
from domain.shared.errors import Conflict

MAX_ATTEMPTS = 8


async def insert_with_code(
    session: AsyncSession,
    model: Any,
    values: Callable[[str], Mapping[str, Any]],
    *,
    code: str,
    prefix: str,
    constraint: str,
) -> str:
    """Insert ``values(code)`` into ``model``; returns the code that stuck. Other integrity
    errors propagate (the unit of work names their field)."""
    for _ in range(MAX_ATTEMPTS):
        try:
            async with session.begin_nested():
                await session.execute(insert(model).values(**values(code)))
        except IntegrityError as exc:
            if _sqlstate(exc) == UNIQUE_VIOLATION and _constraint(exc) == constraint:
                code = new_code(prefix)
                continue
            raise
        return code
    raise Conflict("could not draw a unique code; retry", code="code_exhausted")
