"""What the cap table use cases need: repositories of issuers, classes and stakeholders, the
event history with its projection, the certificates' stored PDFs, on one unit of work."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol
from uuid import UUID

from domain.captable.cap_table import CapTable, Change, Holding
from domain.captable.events import CapTableEvent
from domain.captable.issuer import Issuer
from domain.captable.legend import StockLegend
from domain.captable.ownership import HolderPosition
from domain.captable.security import Security, SecurityStatus
from domain.captable.share_class import ShareClass
from domain.captable.stakeholder import Stakeholder
from domain.captable.stock_plan import StockPlan
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.shared.ports.document_store import StoredFile
from usecases.shared.ports.idempotency import IdempotentUnitOfWork


class Issuers(Protocol):
    async def add(self, issuer: Issuer) -> None: ...

    async def get(self, issuer_id: UUID, *, for_update: bool = False) -> Issuer | None:
        """The issuer; ``for_update`` locks it until the transaction ends, which serialises the
        writers of its cap table."""
        ...

    async def page(self, only: Collection[UUID] | None, page: PageRequest) -> Page[Issuer]:
        """Issuers oldest first: every one, or ``only`` those."""
        ...

    async def advance(self, issuer: Issuer, event: CapTableEvent) -> None:
        """Record ``event`` as the issuer's latest; refuses (``Conflict``) unless it follows
        the latest this transaction saw."""
        ...


class ShareClasses(Protocol):
    async def add(self, share_class: ShareClass) -> None: ...

    async def get(self, issuer_id: UUID, stock_class_id: UUID) -> ShareClass | None: ...

    async def of_issuer(self, issuer_id: UUID) -> list[ShareClass]: ...

    async def page(self, issuer_id: UUID, page: PageRequest) -> Page[ShareClass]: ...

    async def prefix_taken(self, issuer_id: UUID, prefix: str) -> bool: ...


class Stakeholders(Protocol):
    async def add(self, stakeholder: Stakeholder) -> None: ...

    async def get(self, issuer_id: UUID, stakeholder_id: UUID) -> Stakeholder | None: ...

    async def page(self, issuer_id: UUID, page: PageRequest) -> Page[Stakeholder]: ...

    async def ids(self, issuer_id: UUID, among: Collection[UUID] | None = None) -> set[UUID]:
        """The ids of the issuer's stakeholders (only those ``among``, when given)."""
        ...

    async def names(self, issuer_id: UUID, ids: Collection[UUID]) -> dict[UUID, str]: ...

    async def linked_users(self, issuer_id: UUID, ids: Collection[UUID]) -> dict[UUID, UserId]:
        """The platform user of each of ``ids`` that is linked to one (one query)."""
        ...

    async def of_user(self, user_id: UserId) -> list[Stakeholder]:
        """Every stakeholder, of any issuer, linked to the user."""
        ...

    async def by_user(self, issuer_id: UUID, user_id: UserId) -> Stakeholder | None: ...

    async def link(self, stakeholder: Stakeholder) -> None:
        """Save the stakeholder's ``user_id``."""
        ...


@dataclass(frozen=True, slots=True)
class CertificateView:
    """A certificate with what is printed on it besides the security."""

    security: Security
    class_name: str
    issuer_name: str
    holder_name: str


@dataclass(frozen=True, slots=True)
class HeldTotals:
    by_class: dict[UUID, Decimal]
    holders: int


@dataclass(frozen=True, slots=True)
class HolderPositions:
    """A page of the shareholder list, ranked and its percentages rounded over every holder."""

    positions: tuple[HolderPosition, ...]
    more: bool  # holders follow the last one


class CapTables(Protocol):
    """The event history and the projection kept with it."""

    async def load(
        self,
        issuer: Issuer,
        *,
        securities: Collection[UUID] = (),
        stakeholders: Collection[UUID] = (),
        whole_class: UUID | None = None,
    ) -> CapTable:
        """The part of the cap table a command touches: every class with its position, the
        ``securities`` named (of this issuer), the ``stakeholders`` named that exist, and every
        outstanding security of ``whole_class`` (a split)."""
        ...

    async def append_all(self, changes: Sequence[Change], table: CapTable) -> None:
        """A new issuer's whole history at once (an import): the events of ``changes``, the
        securities and projection as ``table`` (the state after them) holds them."""
        ...

    async def append(self, change: Change) -> None:
        """Store the event and update the projection (securities, holdings, classes)."""
        ...

    async def events(self, issuer_id: UUID) -> list[CapTableEvent]:
        """Every event of the issuer in sequence order (a replay)."""
        ...

    async def events_page(self, issuer_id: UUID, page: PageRequest) -> Page[CapTableEvent]: ...

    async def holdings(self, issuer_id: UUID) -> list[Holding]:
        """Outstanding shares by stakeholder and class now (the projection); a past date's are
        ranked in the database by ``holder_positions``."""
        ...

    async def checkpoints(self, issuer_id: UUID) -> dict[date, list[Holding]]:
        """Every checkpoint of the holdings the views as of a date start from: the holdings
        at the end of its date, by (stakeholder, class)."""
        ...

    async def held(self, issuer_id: UUID, *, on: date | None = None) -> HeldTotals:
        """Outstanding shares by class and how many stakeholders hold any (now or on ``on``),
        summed in the database."""
        ...

    async def holder_positions(
        self,
        issuer_id: UUID,
        *,
        on: date | None,
        after: tuple[Decimal, UUID] | None,
        limit: int,
    ) -> HolderPositions:
        """The ``limit`` holders after ``after`` (a shown row's outstanding shares and
        stakeholder id) now or at the end of ``on``: exactly the rows
        ``domain.captable.ownership.ownership`` gives for every holding (largest first, then
        by id; both percentages by the largest remainder over all holders), computed in the
        database so a page reads only its own rows."""
        ...

    async def authorized_on(self, issuer_id: UUID, on: date) -> dict[UUID, Decimal]:
        """Each class's authorized shares at the end of ``on``."""
        ...

    async def security(self, issuer_id: UUID, security_id: UUID) -> Security | None: ...

    async def certificate(self, security_id: UUID) -> CertificateView | None:
        """Any issuer's certificate, with the names printed on it."""
        ...

    async def securities_page(
        self,
        issuer_id: UUID | None,
        page: PageRequest,
        *,
        stakeholders: Collection[UUID] | None = None,
        status: SecurityStatus | None = None,
    ) -> Page[Security]:
        """Securities by certificate number: of one issuer, of some stakeholders, or both."""
        ...

    async def related(self, security_id: UUID) -> list[Security]:
        """The security with its ancestors and descendants."""
        ...

    async def projected_securities(self, issuer_id: UUID) -> list[Security]: ...


class StockLegends(Protocol):
    async def add_all(self, legends: Sequence[StockLegend]) -> None: ...

    async def of_issuer(
        self, issuer_id: UUID, among: Collection[UUID] | None = None
    ) -> list[StockLegend]:
        """The issuer's legends, oldest first (only those ``among``, when given)."""
        ...

    async def page(self, issuer_id: UUID, page: PageRequest) -> Page[StockLegend]: ...


class StockPlans(Protocol):
    async def add_all(self, plans: Sequence[StockPlan]) -> None: ...

    async def of_issuer(self, issuer_id: UUID) -> list[StockPlan]: ...

    async def page(self, issuer_id: UUID, page: PageRequest) -> Page[StockPlan]: ...


@dataclass(frozen=True, slots=True)
class TransferLock:
    """A live share transfer holding a certificate."""

    reference: str  # "TRF-0001"
    status: str  # pending, rofr_exercised, approved
    certificate_number: str


class TransferLocks(Protocol):
    async def on(
        self,
        issuer_id: UUID,
        *,
        securities: Collection[UUID] = (),
        stock_class_id: UUID | None = None,
    ) -> list[TransferLock]:
        """The live transfers locking ``securities`` (or any certificate of the class)."""
        ...


class CertificateDocuments(Protocol):
    async def find(self, security_id: UUID, status: SecurityStatus) -> StoredFile | None: ...

    async def add(
        self, security_id: UUID, status: SecurityStatus, stored: StoredFile, now: datetime
    ) -> bool:
        """Remember the stored PDF; ``False`` when another request stored one first."""
        ...


class CaptableUnitOfWork(IdempotentUnitOfWork, Protocol):
    @property
    def issuers(self) -> Issuers: ...

    @property
    def share_classes(self) -> ShareClasses: ...

    @property
    def stakeholders(self) -> Stakeholders: ...

    @property
    def cap_tables(self) -> CapTables: ...

    @property
    def certificate_documents(self) -> CertificateDocuments: ...

    @property
    def stock_legends(self) -> StockLegends: ...

    @property
    def stock_plans(self) -> StockPlans: ...

    @property
    def transfer_locks(self) -> TransferLocks: ...

    async def snapshot(self) -> None:
        """Make this transaction read one snapshot (every read sees the same commit): the
        first statement of a view that caches what it reads under the issuer's sequence."""
        ...
