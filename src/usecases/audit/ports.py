"""What the audit use cases need."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.audit.entry import AuditEntry, ChainHead
from domain.shared.pagination import Page, PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditFilter:
    actor_id: str | None = None
    action: str | None = None
    resource_type: str | None = None
    resource_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    involving: str | None = None  # a user id: entries by that user or about their account


class AuditLog(Protocol):
    async def page(self, where: AuditFilter, page: PageRequest) -> Page[AuditEntry]: ...

    def chain(self) -> AsyncIterator[list[AuditEntry]]:
        """The sealed entries in chain order, in chunks."""
        ...

    async def seal(self) -> int:
        """Seal every committed unsealed entry now; how many."""
        ...

    async def head(self) -> ChainHead | None:
        """Where sealing left off (``None``: nothing sealed yet)."""
        ...

    async def unsealed(self) -> int: ...
