"""Typed identifiers. Every entity id is a UUIDv7 (time-ordered, index friendly) under a
``NewType`` of its own, so a ``UserId`` cannot be passed where an ``AccountId`` is expected."""

from __future__ import annotations

from typing import NewType
from uuid import UUID

import uuid6

UserId = NewType("UserId", UUID)
EventId = NewType("EventId", UUID)


def new_uuid() -> UUID:
    """A fresh UUIDv7 (RFC 9562): sortable by creation time."""
    return UUID(int=uuid6.uuid7().int)


def parse_uuid(value: str | UUID) -> UUID:
    """Parse a UUID, raising ``ValueError`` for anything else."""
    return value if isinstance(value, UUID) else UUID(str(value))
