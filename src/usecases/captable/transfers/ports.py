"""What the transfer use cases need beyond the cap table's unit of work: the transfers and
their agreement PDFs, and the ledger and KYC's level reader on the same session, so a
completion moves the shares, the price and the fee in one transaction."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol
from uuid import UUID

from domain.captable.share_transfer import ShareTransfer, TransferStatus
from domain.shared.pagination import Page, PageRequest
from usecases.captable.ports import CaptableUnitOfWork
from usecases.kyc.public.kyc_gate import KycLevels
from usecases.ledger.public import Ledger
from usecases.shared.ports.document_store import StoredFile


@dataclass(frozen=True, slots=True, kw_only=True)
class DueTransfer:
    """A transfer the worker must look at: its window passed or it went stale."""

    transfer_id: UUID
    issuer_id: UUID
    due: datetime


class ShareTransfers(Protocol):
    async def add(self, transfer: ShareTransfer) -> None: ...

    async def save(self, transfer: ShareTransfer) -> None:
        """Write the new state; refuses (``Conflict``) unless the stored version is the one
        before ``transfer.version``."""
        ...

    async def get(self, issuer_id: UUID, transfer_id: UUID) -> ShareTransfer | None: ...

    async def next_reference(self, issuer_id: UUID) -> str:
        """``TRF-0001``, the issuer's next (under the issuer's lock)."""
        ...

    async def locked(self, security_id: UUID, *, besides: UUID) -> Decimal:
        """The shares of the certificate that live transfers other than ``besides`` lock."""
        ...

    async def open_on(self, security_id: UUID) -> list[ShareTransfer]:
        """Drafts and live transfers of the certificate."""
        ...

    async def page(
        self,
        issuer_id: UUID | None,
        page: PageRequest,
        *,
        parties: Collection[UUID] | None = None,
        status: TransferStatus | None = None,
    ) -> Page[ShareTransfer]:
        """Newest first: an issuer's, or those where one of ``parties`` sells or buys."""
        ...

    async def due(self, now: datetime, limit: int) -> list[DueTransfer]: ...


class TransferDocuments(Protocol):
    async def find(self, transfer_id: UUID) -> StoredFile | None: ...

    async def add(self, transfer_id: UUID, stored: StoredFile, now: datetime) -> bool:
        """Remember the stored PDF; ``False`` when another request stored one first."""
        ...


class TransfersUnitOfWork(CaptableUnitOfWork, Protocol):
    @property
    def share_transfers(self) -> ShareTransfers: ...

    @property
    def transfer_documents(self) -> TransferDocuments: ...

    @property
    def ledger(self) -> Ledger:
        """The ledger on this unit of work's session (captable's transaction)."""
        ...

    @property
    def kyc_levels(self) -> KycLevels:
        """KYC's level reader on this unit of work's session."""
        ...
