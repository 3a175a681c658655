"""A secondary transfer of shares between two holders, as a workflow.

Draft (the seller prepares buyer, quantity and price) → Pending (the seller submits; the quantity
is locked and the issuer's right-of-first-refusal window opens) → ROFR exercised (the company or
its assignee buys on the noticed terms) or the window passes or the company waives it → Approved
(a company admin consents) → Completed (the certificates and the money move). Rejected, Withdrawn
and Expired end it early. Each step checks the state it starts from; the rules of who may take
it live in the use cases.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from domain.shared.errors import (
    Conflict,
    FieldError,
    NotFound,
    PermissionDenied,
    RuleViolated,
    ValidationFailed,
)
from domain.shared.money import Money


class TransferStatus(StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    ROFR_EXERCISED = "rofr_exercised"
    APPROVED = "approved"
    COMPLETED = "completed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


# The states in which the seller's quantity is held for the transfer.
LOCKING: frozenset[TransferStatus] = frozenset(
    {TransferStatus.PENDING, TransferStatus.ROFR_EXERCISED, TransferStatus.APPROVED}
)
TERMINAL: frozenset[TransferStatus] = frozenset(
    {
        TransferStatus.COMPLETED,
        TransferStatus.REJECTED,
        TransferStatus.WITHDRAWN,
        TransferStatus.EXPIRED,
    }
)


class RofrOutcome(StrEnum):
    NOT_STARTED = "not_started"  # a draft: the window opens on submission
    OPEN = "open"
    WAIVED = "waived"
    LAPSED = "lapsed"  # the window passed without the right being exercised
    EXERCISED = "exercised"


class Settlement(StrEnum):
    """Where the price changed hands at completion."""

    PLATFORM = "platform"  # both parties' cash accounts, in the ledger, with the fee
    OFF_PLATFORM = "off_platform"  # the parties settle between them; the ledger is not touched


class TransferNotFound(NotFound):
    code = "transfer_not_found"
    title = "No such share transfer"

    def __init__(self, transfer_id: UUID | str) -> None:
        super().__init__(f"no share transfer {transfer_id} that you can see")


class NotTheHolder(PermissionDenied):
    code = "not_the_holder"
    title = "Only the holder of the certificate may do this"


class QuantityLocked(RuleViolated):
    """More shares than the certificate holds once other live transfers' locks are taken."""

    code = "quantity_exceeds_available"
    title = "More shares than are held and not already locked"

    def __init__(self, *, held: Decimal, locked: Decimal, requested: Decimal) -> None:
        available = held - locked
        message = (
            f"{requested.normalize():f} shares asked; the certificate holds {held.normalize():f}, "
            f"{locked.normalize():f} of them locked by other transfers in progress, so "
            f"{available.normalize():f} are available"
        )
        super().__init__(
            f"quantity: {message}",
            errors=[FieldError("quantity", message, self.code)],
        )
        self.available = available


class TransferStateInvalid(Conflict):
    code = "transfer_state_invalid"
    title = "The transfer is not in a state that allows this"


class RofrWindowOpen(RuleViolated):
    code = "rofr_window_open"
    title = "The right-of-first-refusal window is still open"


class RofrWindowClosed(RuleViolated):
    code = "rofr_window_closed"
    title = "The right-of-first-refusal window has closed"


class TransferNotStale(RuleViolated):
    code = "transfer_not_stale"
    title = "The transfer has not reached its expiry"


@dataclass(frozen=True, slots=True)
class TransferTerms:
    """What the seller notices: who buys, how many shares, at what price per share."""

    buyer_id: UUID
    quantity: Decimal
    price_per_share: Money

    @property
    def total_price(self) -> Money:
        """Quantity times price, at the currency's minor unit (half-even)."""
        return (self.price_per_share * self.quantity).rounded()


def check_terms(
    *, seller_id: UUID, buyer_id: UUID, quantity: Decimal, price_per_share: Money
) -> None:
    """Every field the terms get wrong, in one refusal."""
    errors: list[FieldError] = []
    if not quantity.is_finite() or quantity <= 0:
        errors.append(FieldError("quantity", "must be a positive number of shares", "invalid"))
    if price_per_share.is_negative:
        errors.append(FieldError("price_per_share", "must not be negative", "invalid"))
    if buyer_id == seller_id:
        errors.append(FieldError("buyer_id", "the buyer must differ from the seller", "invalid"))
    if errors:
        raise ValidationFailed(
            "; ".join(f"{error.field}: {error.message}" for error in errors), errors=errors
        )


def transfer_fee(total: Money, rate: Decimal) -> Money:
    """The platform's fee on a transfer: ``rate`` of the total, half-even to the minor unit."""
    if rate < 0 or rate >= 1:
        raise ValidationFailed(
            "transfer_fee_rate: must be at least 0 and below 1",
            errors=[FieldError("transfer_fee_rate", "must be at least 0 and below 1")],
        )
    return (total * rate).rounded()


@dataclass(frozen=True, slots=True, kw_only=True)
class Completion:
    """What completion did: the cap-table event, the certificates it issued, where the price
    was settled and the fee on it (posted with the price when settled on the platform)."""

    event_id: UUID
    buyer_security_id: UUID
    balance_security_id: UUID | None
    settlement: Settlement
    fee: Money
    fee_payer: str  # the issuer's payer at completion: "seller", "buyer" or "issuer"
    journal_entry_id: UUID | None = None  # the ledger entry, when one was posted


@dataclass(frozen=True, slots=True)
class ShareTransfer:
    id: UUID
    issuer_id: UUID
    reference: str  # "TRF-0001", numbered per issuer
    seller_id: UUID
    source_security_id: UUID
    terms: TransferTerms
    status: TransferStatus
    created_at: datetime
    noticed_buyer_id: UUID  # the buyer the seller named, kept when the ROFR replaces them
    rofr: RofrOutcome = RofrOutcome.NOT_STARTED
    submitted_at: datetime | None = None
    rofr_deadline: datetime | None = None
    expires_at: datetime | None = None  # past it, a transfer still in progress expires
    approved_by: UUID | None = None  # the approving admin's user id
    decided_at: datetime | None = None
    reason: str | None = None  # why it was rejected
    completed_at: datetime | None = None
    completion: Completion | None = None
    version: int = 1

    @classmethod
    def draft(
        cls,
        *,
        id: UUID,
        issuer_id: UUID,
        reference: str,
        seller_id: UUID,
        source_security_id: UUID,
        terms: TransferTerms,
        now: datetime,
    ) -> ShareTransfer:
        check_terms(
            seller_id=seller_id,
            buyer_id=terms.buyer_id,
            quantity=terms.quantity,
            price_per_share=terms.price_per_share,
        )
        return cls(
            id=id,
            issuer_id=issuer_id,
            reference=reference,
            seller_id=seller_id,
            source_security_id=source_security_id,
            terms=terms,
            status=TransferStatus.DRAFT,
            created_at=now,
            noticed_buyer_id=terms.buyer_id,
        )

    @property
    def locks_quantity(self) -> bool:
        return self.status in LOCKING

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL

    def rofr_open(self, now: datetime) -> bool:
        return (
            self.rofr is RofrOutcome.OPEN
            and self.rofr_deadline is not None
            and now < self.rofr_deadline
        )

    def _expect(self, action: str, *allowed: TransferStatus) -> None:
        if self.status not in allowed:
            names = ", ".join(status.value for status in allowed)
            raise TransferStateInvalid(
                f"cannot {action} a transfer that is {self.status.value} (only {names})"
            )

    def _next(self, **changes: object) -> ShareTransfer:
        return replace(self, version=self.version + 1, **changes)  # type: ignore[arg-type]

    def submit(
        self, now: datetime, *, rofr_window: timedelta, stale_after: timedelta
    ) -> ShareTransfer:
        """The seller sends the notice: the shares lock and the ROFR window opens."""
        self._expect("submit", TransferStatus.DRAFT)
        deadline = now + rofr_window
        return self._next(
            status=TransferStatus.PENDING,
            rofr=RofrOutcome.OPEN,
            submitted_at=now,
            rofr_deadline=deadline,
            expires_at=deadline + stale_after,
        )

    def waive_rofr(self, now: datetime) -> ShareTransfer:
        """The company gives up its right early; approval may follow at once."""
        self._expect("waive the right of first refusal on", TransferStatus.PENDING)
        if not self.rofr_open(now):
            raise RofrWindowClosed(f"the window of {self.reference} is no longer open")
        return self._next(rofr=RofrOutcome.WAIVED)

    def exercise_rofr(self, purchaser_id: UUID, now: datetime) -> ShareTransfer:
        """The company or its assignee buys on the noticed terms, in place of the buyer."""
        self._expect("exercise the right of first refusal on", TransferStatus.PENDING)
        if not self.rofr_open(now):
            raise RofrWindowClosed(f"the window of {self.reference} closed at {self.rofr_deadline}")
        check_terms(
            seller_id=self.seller_id,
            buyer_id=purchaser_id,
            quantity=self.terms.quantity,
            price_per_share=self.terms.price_per_share,
        )
        return self._next(
            status=TransferStatus.ROFR_EXERCISED,
            rofr=RofrOutcome.EXERCISED,
            terms=replace(self.terms, buyer_id=purchaser_id),
        )

    def lapse_rofr(self, now: datetime) -> ShareTransfer:
        """The window passed unexercised (the worker's step)."""
        self._expect("close the window of", TransferStatus.PENDING)
        if self.rofr is not RofrOutcome.OPEN or self.rofr_open(now):
            raise RofrWindowOpen(
                f"the window of {self.reference} is open until {self.rofr_deadline}"
            )
        return self._next(rofr=RofrOutcome.LAPSED)

    def approve(self, approver: UUID, now: datetime) -> ShareTransfer:
        """A company admin consents, once the right of first refusal is settled."""
        self._expect("approve", TransferStatus.PENDING, TransferStatus.ROFR_EXERCISED)
        if self.rofr_open(now):
            raise RofrWindowOpen(
                f"the window of {self.reference} is open until {self.rofr_deadline}; "
                "waive the right or wait for it to pass"
            )
        rofr = RofrOutcome.LAPSED if self.rofr is RofrOutcome.OPEN else self.rofr
        return self._next(
            status=TransferStatus.APPROVED, rofr=rofr, approved_by=approver, decided_at=now
        )

    def reject(self, reason: str, now: datetime) -> ShareTransfer:
        self._expect(
            "reject",
            TransferStatus.PENDING,
            TransferStatus.ROFR_EXERCISED,
            TransferStatus.APPROVED,
        )
        return self._next(status=TransferStatus.REJECTED, reason=reason, decided_at=now)

    def withdraw(self, now: datetime) -> ShareTransfer:
        """The seller takes the notice back; not once the right was exercised (it binds)."""
        self._expect("withdraw", TransferStatus.DRAFT, TransferStatus.PENDING)
        return self._next(status=TransferStatus.WITHDRAWN, decided_at=now)

    def complete(self, now: datetime, completion: Completion | None = None) -> ShareTransfer:
        self._expect("complete", TransferStatus.APPROVED)
        return self._next(status=TransferStatus.COMPLETED, completed_at=now, completion=completion)

    def moved_to(self, security_id: UUID) -> ShareTransfer:
        """The same transfer on the seller's balance certificate, after another transfer of
        the same certificate completed and reissued what it left."""
        if not self.locks_quantity and self.status is not TransferStatus.DRAFT:
            raise TransferStateInvalid(f"{self.reference} is {self.status.value}")
        return self._next(source_security_id=security_id)

    def expire(self, now: datetime) -> ShareTransfer:
        """A transfer still in progress past its expiry ends (the worker's step)."""
        self._expect("expire", *LOCKING)
        if self.expires_at is None or now < self.expires_at:
            raise TransferNotStale(f"{self.reference} runs until {self.expires_at}")
        return self._next(status=TransferStatus.EXPIRED, decided_at=now)

    def fee(self, rate: Decimal) -> Money:
        return transfer_fee(self.terms.total_price, rate)
