"""What the KYC use cases need from the outside world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from domain.kyc.bank import BankStep
from domain.kyc.business import BusinessStep
from domain.kyc.documents import DocumentId, KycDocument
from domain.kyc.steps import AadhaarStep, PanStep
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.identity.public.kyc_level_sink import KycLevelSink
from usecases.kyc.review_ports import ReviewDecisionRepository, SubmissionRepository
from usecases.shared.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class PanRecord:
    """What the income-tax registry (through the provider) knows about a PAN."""

    pan: str
    registered_name: str


@dataclass(frozen=True, slots=True)
class AadhaarRecord:
    """The identity UIDAI holds for an Aadhaar, returned after a right OTP."""

    name: str
    date_of_birth: date


@dataclass(frozen=True, slots=True)
class BankBranch:
    ifsc: str
    bank: str
    branch: str


class ProviderError(Exception):
    """A provider answer that is not a record."""


class PanNotFound(ProviderError):
    """The registry has no such PAN (``NOT_FOUND``)."""


class ProviderUnavailable(ProviderError):
    """The provider timed out or failed; trying again later may work."""


class AadhaarOtpWrong(ProviderError):
    """The OTP is not the one the provider sent."""


class IfscUnknown(ProviderError):
    """No bank branch has this IFSC."""


class KycProvider(Protocol):
    async def verify_pan(self, pan: str, *, name: str) -> PanRecord:
        """The registered name of ``pan`` (``name`` is what the user typed, sent as real
        providers expect it); raises ``PanNotFound`` or ``ProviderUnavailable``."""
        ...

    async def request_aadhaar_otp(self, aadhaar_number: str) -> str:
        """Has an OTP sent to the mobile linked to the Aadhaar; returns the provider's
        reference of that transaction. Raises ``ProviderUnavailable``."""
        ...

    async def verify_aadhaar_otp(
        self, reference: str, otp: str, *, name: str, date_of_birth: date
    ) -> AadhaarRecord:
        """The identity behind the Aadhaar of ``reference`` when ``otp`` is right (``name`` and
        ``date_of_birth`` are what the user typed, sent as providers accept them); raises
        ``AadhaarOtpWrong`` or ``ProviderUnavailable``."""
        ...

    async def lookup_ifsc(self, ifsc: str) -> BankBranch:
        """The bank and branch of ``ifsc``; raises ``IfscUnknown`` or ``ProviderUnavailable``."""
        ...


class AadhaarRepository(Protocol):
    async def get(self, user_id: UserId) -> AadhaarStep | None: ...

    async def owner_of_index(self, number_index: str) -> UserId | None: ...

    async def save(self, step: AadhaarStep) -> None: ...


class PanRepository(Protocol):
    async def get(self, user_id: UserId) -> PanStep | None: ...

    async def owner_of_index(self, pan_index: str) -> UserId | None: ...

    async def save(self, step: PanStep) -> None: ...


class BusinessRepository(Protocol):
    async def get(self, user_id: UserId) -> BusinessStep | None: ...

    async def save(self, step: BusinessStep) -> None: ...


class BankRepository(Protocol):
    async def get(self, user_id: UserId) -> BankStep | None: ...

    async def verified_owner_of_index(self, number_index: str) -> UserId | None:
        """Whose verified account this is (an unverified claim blocks nobody)."""
        ...

    async def save(self, step: BankStep) -> None: ...


class KycDocumentRepository(Protocol):
    async def get(self, document_id: DocumentId) -> KycDocument | None: ...

    async def of_user(self, user_id: UserId) -> list[KycDocument]:
        """Newest first."""
        ...

    async def page_of_user(self, user_id: UserId, page: PageRequest) -> Page[KycDocument]:
        """Newest first, a page at a time."""
        ...

    async def add(self, document: KycDocument) -> None: ...

    async def remove(self, document_id: DocumentId) -> None: ...


class KycUnitOfWork(UnitOfWork, Protocol):
    @property
    def aadhaar(self) -> AadhaarRepository: ...

    @property
    def pan(self) -> PanRepository: ...

    @property
    def business(self) -> BusinessRepository: ...

    @property
    def bank(self) -> BankRepository: ...

    async def flush(self) -> None:
        """Send pending changes, so the queries that follow see them."""
        ...

    @property
    def submissions(self) -> SubmissionRepository:
        """Every step's submission, generically (review queue, states for the level)."""
        ...

    @property
    def decisions(self) -> ReviewDecisionRepository: ...

    @property
    def levels(self) -> KycLevelSink:
        """Writes the overall level onto the user in this transaction."""
        ...

    @property
    def documents(self) -> KycDocumentRepository: ...
