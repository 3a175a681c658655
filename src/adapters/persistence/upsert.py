"""``INSERT ... ON CONFLICT (key) DO UPDATE``: a row written whole, whether or not it exists."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.dialects.postgresql import Insert, insert


def upsert(model: Any, values: Mapping[str, Any], *, key: Sequence[str]) -> Insert:
    """Insert ``values`` into ``model``, or replace every non-key column of the row with the
    same ``key``."""
    statement = insert(model).values(**values)
    return statement.on_conflict_do_update(
        index_elements=list(key), set_={k: v for k, v in values.items() if k not in key}
    )
