"""What the KYC use cases need from the outside world."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from domain.kyc.documents import DocumentId, KycDocument
from domain.kyc.steps import AadhaarStep, PanStep
from domain.shared.ids import UserId
from usecases.shared.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class PanRecord:
    """What the income-tax registry (through the provider) knows about a PAN."""

    pan: str
    registered_name: str


class ProviderError(Exception):
    """A provider answer that is not a record."""


class PanNotFound(ProviderError):
    """The registry has no such PAN (``NOT_FOUND``)."""


class ProviderUnavailable(ProviderError):
    """The provider timed out or failed; trying again later may work."""


class KycProvider(Protocol):
    async def verify_pan(self, pan: str, *, name: str) -> PanRecord:
        """The registered name of ``pan`` (``name`` is what the user typed, sent as real
        providers expect it); raises ``PanNotFound`` or ``ProviderUnavailable``."""
        ...


class AadhaarRepository(Protocol):
    async def get(self, user_id: UserId) -> AadhaarStep | None: ...

    async def owner_of_index(self, number_index: str) -> UserId | None: ...

    async def save(self, step: AadhaarStep) -> None: ...


class PanRepository(Protocol):
    async def get(self, user_id: UserId) -> PanStep | None: ...

    async def owner_of_index(self, pan_index: str) -> UserId | None: ...

    async def save(self, step: PanStep) -> None: ...


class KycDocumentRepository(Protocol):
    async def get(self, document_id: DocumentId) -> KycDocument | None: ...

    async def of_user(self, user_id: UserId) -> list[KycDocument]:
        """Newest first."""
        ...

    async def add(self, document: KycDocument) -> None: ...

    async def remove(self, document_id: DocumentId) -> None: ...


class KycUnitOfWork(UnitOfWork, Protocol):
    @property
    def aadhaar(self) -> AadhaarRepository: ...

    @property
    def pan(self) -> PanRepository: ...

    @property
    def documents(self) -> KycDocumentRepository: ...
