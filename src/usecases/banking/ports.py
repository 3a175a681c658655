"""What the banking use cases need: their repositories and the ledger on one unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Generic, Protocol, TypeVar
from uuid import UUID

from domain.banking.bank_accounts import LinkedBankAccount
from domain.banking.rail import InstructionKind, InstructionState, RailInstruction
from domain.banking.transfers import Deposit, Withdrawal
from domain.banking.velocity import RecentWithdrawals
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.banking.fx.ports import FxConversions, FxQuotes
from usecases.identity.public.risk_activity import RiskActivity
from usecases.kyc.public.kyc_gate import KycLevels
from usecases.kyc.public.verified_bank_accounts import VerifiedBankAccounts
from usecases.ledger.public import Ledger
from usecases.shared.ports.idempotency import IdempotentUnitOfWork


class BankAccounts(Protocol):
    async def add(self, account: LinkedBankAccount) -> None: ...

    async def get(
        self, account_id: UUID, *, include_removed: bool = False
    ) -> LinkedBankAccount | None:
        """A linked account (not removed, unless asked)."""
        ...

    async def of_user(self, user_id: UserId) -> list[LinkedBankAccount]:
        """The user's accounts that are not removed, primary first, then oldest first."""
        ...

    async def page_of_user(self, user_id: UserId, page: PageRequest) -> Page[LinkedBankAccount]:
        """``of_user``, a page at a time."""
        ...

    async def by_index(self, user_id: UserId, number_index: str) -> LinkedBankAccount | None: ...

    async def has_adopted_kyc(self, user_id: UserId) -> bool:
        """Whether the KYC account was ever adopted (even if since removed)."""
        ...

    async def save(self, account: LinkedBankAccount) -> None: ...


class Deposits(Protocol):
    async def add(self, deposit: Deposit) -> None: ...

    async def add_with_instruction(self, deposit: Deposit, instruction: RailInstruction) -> None:
        """``add`` the deposit and its rail instruction, in one statement."""
        ...

    async def get(self, deposit_id: UUID, *, for_update: bool = False) -> Deposit | None: ...

    async def save(self, deposit: Deposit) -> None: ...

    async def page(self, user_id: UserId, page: PageRequest) -> Page[Deposit]: ...


class Withdrawals(Protocol):
    async def add(self, withdrawal: Withdrawal) -> None: ...

    async def get(self, withdrawal_id: UUID, *, for_update: bool = False) -> Withdrawal | None: ...

    async def save(self, withdrawal: Withdrawal) -> None: ...

    async def page(self, user_id: UserId, page: PageRequest) -> Page[Withdrawal]: ...

    async def recent(self, user_id: UserId, now: datetime) -> RecentWithdrawals:
        """Pending and completed withdrawals in the last hour (count) and 24 hours (sum)."""
        ...

    async def total_since(self, user_id: UserId, since: datetime) -> Decimal:
        """The sum of pending and completed withdrawals created at or after ``since``."""
        ...

    async def pending_to(self, bank_account_id: UUID) -> bool: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class InstructionFilter:
    """Instructions matching every given field, newest first (operators)."""

    state: InstructionState | None = None
    kind: InstructionKind | None = None
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class InstructionView:
    """An instruction as operators see it: a payout's account only masked."""

    instruction: RailInstruction
    masked_number: str | None


class RailInstructions(Protocol):
    async def add(self, instruction: RailInstruction) -> None: ...

    async def view(self, instruction_id: UUID) -> InstructionView | None: ...

    async def page(self, where: InstructionFilter, page: PageRequest) -> Page[InstructionView]: ...

    async def by_reference(self, reference: str) -> RailInstruction | None:
        """The instruction of a transfer (``deposit:<id>``), locked until the transaction ends."""
        ...

    async def next_due(self, now: datetime) -> RailInstruction | None:
        """The oldest pending instruction due now, locked (others skip it)."""
        ...

    async def due(self, now: datetime, limit: int) -> list[RailInstruction]:
        """Up to ``limit`` pending instructions due now, oldest first, locked (others skip
        them, and they skip those another transaction holds)."""
        ...

    async def next_to_reconcile(self, asked_before: datetime) -> RailInstruction | None:
        """The submitted instruction the rail was last asked about longest ago, if that was
        before ``asked_before``; locked (others skip it)."""
        ...

    async def locked(self, instruction_id: UUID) -> RailInstruction | None:
        """The instruction, locked until the transaction ends."""
        ...

    async def locked_all(self, instruction_ids: Sequence[UUID]) -> dict[UUID, RailInstruction]:
        """The instructions (those that exist), locked in id order until the transaction ends."""
        ...

    async def save(self, instruction: RailInstruction) -> None: ...

    async def save_all(self, instructions: Sequence[RailInstruction]) -> None:
        """``save`` of each, in one statement."""
        ...


T = TypeVar("T", Deposit, Withdrawal)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventClaim:
    """A rail event offered to its transfer's lock statement (``TransferSettlements``)."""

    event_id: str
    event_type: str
    reference: str  # deposit:<id> / withdrawal:<id>
    transfer_id: UUID
    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class LockedForEvent(Generic[T]):
    """A transfer an event names, locked until the transaction ends, with what became of the
    event's id: ``recorded`` (stored now: the id was new, and the transfer pending with the
    event's amount and currency, so the event applies) or ``seen`` (stored before)."""

    transfer: T
    recorded: bool
    seen: bool


class TransferSettlements(Protocol):
    """The settlement path's statements: the transfers a batch of rail events names locked with
    their event ids checked and stored in one statement, and every settled transfer and its
    rail instruction saved in one more, whatever the batch's size."""

    async def lock_deposits(
        self, claims: Sequence[EventClaim], at: datetime
    ) -> dict[str, LockedForEvent[Deposit]]:
        """The deposits the claims name, locked in id order, by event id (an unknown deposit
        is left out); each claim's event id stored (received ``at``) when it applies. One
        transfer and one event id per claim."""
        ...

    async def lock_withdrawals(
        self, claims: Sequence[EventClaim], at: datetime
    ) -> dict[str, LockedForEvent[Withdrawal]]:
        """``lock_deposits`` for withdrawals."""
        ...

    async def save(
        self,
        deposits: Sequence[Deposit],
        withdrawals: Sequence[Withdrawal],
        at: datetime,
    ) -> None:
        """Save each transfer's settlement (state, rail reference, failure reason, time) and
        mark its rail instruction ``settled`` (unless cancelled; the rail reference kept when
        it has one, else the transfer's; due ``at``: reconciliation stops asking), the
        instructions locked in id order."""
        ...


class RiskEvents(Protocol):
    async def add(self, event: RiskActivity) -> None: ...

    async def suspicious(
        self,
        user_id: UserId,
        *,
        min_score: int,
        before: tuple[datetime, UUID] | None,
        limit: int,
    ) -> list[RiskActivity]: ...


class BankingUnitOfWork(IdempotentUnitOfWork, Protocol):
    @property
    def ledger(self) -> Ledger: ...

    @property
    def kyc_levels(self) -> KycLevels:
        """The user's KYC level read in this transaction (``KycGate.require_within``)."""
        ...

    @property
    def verified_bank_accounts(self) -> VerifiedBankAccounts:
        """The user's KYC-verified bank account, read in this transaction."""
        ...

    @property
    def bank_accounts(self) -> BankAccounts: ...

    @property
    def deposits(self) -> Deposits: ...

    @property
    def withdrawals(self) -> Withdrawals: ...

    @property
    def instructions(self) -> RailInstructions: ...

    @property
    def settlements(self) -> TransferSettlements: ...

    @property
    def risk_events(self) -> RiskEvents: ...

    @property
    def fx_quotes(self) -> FxQuotes: ...

    @property
    def fx_conversions(self) -> FxConversions: ...

    async def flush(self) -> None:
        """Send pending changes now (constraint violations surface here)."""
        ...

    async def lock_user(self, user_id: UserId) -> None:
        """Serialise this user's withdrawals until the transaction ends (limits and velocity
        are then counted exactly)."""
        ...
