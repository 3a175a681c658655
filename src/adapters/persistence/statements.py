"""The two write statements repositories share beyond a plain ``insert``: an upsert, and an
update of one row that must exist."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, update
from sqlalchemy.dialects.postgresql import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession


def upsert(model: Any, values: Mapping[str, Any], *, key: Sequence[str]) -> Insert:
    """Insert ``values`` into ``model``, or replace every non-key column of the row with the
    same ``key``."""
    statement = insert(model).values(**values)
    return statement.on_conflict_do_update(
        index_elements=list(key), set_={k: v for k, v in values.items() if k not in key}
    )


async def update_one(
    session: AsyncSession, model: Any, where: ColumnElement[bool], values: Mapping[str, Any]
) -> None:
    """``UPDATE model SET values WHERE where`` on the mapped class (rows already in the
    session follow); ``LookupError`` if no row matched: it was there when it was read."""
    result = await session.execute(update(model).where(where).values(**values))
    if not getattr(result, "rowcount", 0):
        raise LookupError(f"{model.__tablename__}: the row to save vanished")
