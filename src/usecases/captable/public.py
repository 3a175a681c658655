"""The cap table's public port. For governance: who holds an issuer's shares and the votes
they carry (outstanding holdings x the votes per share of each class). For the portfolio:
the shares a platform user's linked stakeholders hold, per issuer and class, with the last
price per share the cap table knows (``ShareHoldings``, provided by captable's wiring and
taken by type; each call reads on its own session).

``VotingPower`` works inside the caller's transaction (wiring builds it on the caller's unit of
work session, ``infrastructure/captable/public.py``), so a proposal's snapshot is the cap table
as that transaction sees it. It only reads (``votes_by_holder_at`` takes a share lock on the
issuer, to wait for an event being recorded)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal, Protocol
from uuid import UUID

from domain.shared.ids import UserId

__all__ = ["HolderInfo", "ShareHolding", "ShareHoldings", "VotingPower"]


@dataclass(frozen=True, slots=True)
class HolderInfo:
    stakeholder_id: UUID
    legal_name: str
    user_id: UserId | None


class VotingPower(Protocol):
    async def issuer_name(self, issuer_id: UUID) -> str | None:
        """The issuer's legal name; None when there is no such issuer."""
        ...

    async def stakeholder_of(self, issuer_id: UUID, user_id: UserId) -> UUID | None:
        """The issuer's stakeholder linked to the platform user, if any."""
        ...

    async def stakeholders(
        self, issuer_id: UUID, ids: Collection[UUID], *, linked_only: bool = False
    ) -> dict[UUID, HolderInfo]:
        """Those of ``ids`` that are stakeholders of the issuer (only those linked to a platform
        user when ``linked_only``), in a query per 10,000 ids."""
        ...

    async def votes_by_holder(self, issuer_id: UUID) -> dict[UUID, Decimal]:
        """Every stakeholder with votes now: outstanding shares x votes per share, summed over
        classes in the database (a class with no votes gives none)."""
        ...

    async def votes_by_holder_at(self, issuer_id: UUID, at: datetime) -> dict[UUID, Decimal]:
        """Every stakeholder with votes at the instant ``at``, from the event history: the
        securities an event recorded at or before ``at`` created and none recorded at or
        before it consumed, x votes per share, summed in the database. It first waits for an
        event of the issuer being recorded (a share lock on the issuer) so that none recorded
        before ``at`` is still in flight."""
        ...

    async def votes_of(self, issuer_id: UUID, stakeholder_id: UUID) -> Decimal: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ShareHolding:
    """Outstanding shares of one class held by the user's stakeholder in one issuer. The last
    price per share is the latest completed transfer's of the class (``price_source``
    ``transfer``, dated ``priced_on``), else the class's own issue price (``class_price``),
    else None (``price_source`` None: the cap table has no price for the class)."""

    issuer_id: UUID
    issuer_name: str
    stakeholder_id: UUID
    share_class_id: UUID
    share_class_name: str
    class_type: str
    quantity: Decimal
    currency: str
    last_price_per_share: Decimal | None
    price_source: Literal["transfer", "class_price"] | None
    priced_on: date | None


class ShareHoldings(Protocol):
    async def of_user(self, user_id: UserId) -> list[ShareHolding]:
        """Every class with shares outstanding to a stakeholder linked to the user, by issuer
        name then class name."""
        ...
