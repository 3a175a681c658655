"""A proposal put to an issuer's holders, with the lifecycle of OpenZeppelin's Governor.

States (``state(now)``), checked in Governor's order: Executed, Canceled, then by time:
Pending while ``now <= vote_start`` (the snapshot is taken at ``vote_start``), Active while
``now <= vote_end``, then Defeated unless the quorum is reached and the vote succeeded,
Succeeded until queued, Queued until ``eta + grace_period`` (then Expired). Executing needs
Succeeded (no execution delay) or Queued with ``now >= eta``; cancelling is refused only in
Canceled, Expired and Executed (Governor's ``_cancel``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Final
from uuid import UUID

from domain.governance.errors import InvalidProposal, ProposalStateInvalid
from domain.governance.tally import Outcome
from domain.shared.errors import FieldError
from domain.shared.ids import new_uuid

FOR_AGAINST_ABSTAIN: Final = ("for", "against", "abstain")
MAX_OPTIONS: Final = 20
DEFAULT_GRACE: Final = timedelta(days=14)
CLOSING_SOON: Final = timedelta(hours=24)


class ProposalKind(StrEnum):
    FOR_AGAINST_ABSTAIN = "for_against_abstain"
    SINGLE_CHOICE = "single_choice"
    APPROVAL = "approval"
    WEIGHTED = "weighted"


class ProposalState(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    CANCELED = "canceled"
    DEFEATED = "defeated"
    SUCCEEDED = "succeeded"
    QUEUED = "queued"
    EXPIRED = "expired"
    EXECUTED = "executed"


FINAL: Final = frozenset({ProposalState.CANCELED, ProposalState.EXPIRED, ProposalState.EXECUTED})


@dataclass(frozen=True, slots=True, kw_only=True)
class ProposalRules:
    """What the proposer chooses. Fractions are of the snapshot's total voting power
    (``quorum``) and of the weight that took part (``pass_threshold``)."""

    kind: ProposalKind = ProposalKind.FOR_AGAINST_ABSTAIN
    options: tuple[str, ...] = FOR_AGAINST_ABSTAIN
    voting_delay: timedelta = timedelta(0)
    voting_period: timedelta = timedelta(days=7)
    quorum: Decimal = Decimal("0.04")
    pass_threshold: Decimal = Decimal("0.5")
    execution_delay: timedelta = timedelta(0)
    grace_period: timedelta = DEFAULT_GRACE
    allow_changes: bool = False
    hide_results: bool = False
    anonymous: bool = False

    def checked(self) -> ProposalRules:
        problems: list[FieldError] = []

        def bad(name: str, message: str) -> None:
            problems.append(FieldError(field=name, message=message, code="invalid"))

        options = self.options
        if self.kind is ProposalKind.FOR_AGAINST_ABSTAIN:
            if options not in ((), FOR_AGAINST_ABSTAIN):
                bad("options", "a for/against/abstain proposal has exactly those options")
            options = FOR_AGAINST_ABSTAIN
        else:
            cleaned = tuple(o.strip() for o in options)
            if not 2 <= len(cleaned) <= MAX_OPTIONS:
                bad("options", f"between 2 and {MAX_OPTIONS} options")
            elif any(not o or len(o) > 200 for o in cleaned):
                bad("options", "each option is 1 to 200 characters")
            elif len({o.casefold() for o in cleaned}) != len(cleaned):
                bad("options", "options must differ")
            options = cleaned
        if self.voting_delay < timedelta(0):
            bad("voting_delay", "must not be negative")
        if not timedelta(minutes=1) <= self.voting_period <= timedelta(days=366):
            bad("voting_period", "between one minute and 366 days")
        if not Decimal(0) <= self.quorum <= Decimal(1):
            bad("quorum", "a fraction between 0 and 1")
        if not Decimal("0.5") <= self.pass_threshold < Decimal(1):
            bad("pass_threshold", "a fraction from 0.5 up to (not including) 1")
        if self.execution_delay < timedelta(0):
            bad("execution_delay", "must not be negative")
        if self.grace_period <= timedelta(0):
            bad("grace_period", "must be positive")
        if problems:
            raise InvalidProposal(problems)
        return ProposalRules(
            kind=self.kind,
            options=options,
            voting_delay=self.voting_delay,
            voting_period=self.voting_period,
            quorum=self.quorum,
            pass_threshold=self.pass_threshold,
            execution_delay=self.execution_delay,
            grace_period=self.grace_period,
            allow_changes=self.allow_changes,
            hide_results=self.hide_results,
            anonymous=self.anonymous,
        )


@dataclass(slots=True, kw_only=True)
class Proposal:
    id: UUID
    issuer_id: UUID
    title: str
    description: str
    proposer_user_id: str
    rules: ProposalRules
    created_at: datetime
    vote_start: datetime
    vote_end: datetime
    status: ProposalState = ProposalState.PENDING  # as last recorded (lists, notifications)
    snapshot_total: Decimal | None = None  # total voting power at the snapshot
    snapshot_at: datetime | None = None
    closed_at: datetime | None = None
    outcome: Outcome | None = None  # the final result, fixed at close
    commitment: str | None = None  # the Merkle root over the ballots, fixed at close
    canceled_at: datetime | None = None
    eta: datetime | None = None  # queued: executable from then
    executed_at: datetime | None = None
    board_action: str | None = None
    opening_notice_sent: bool = False
    closing_notice_sent: bool = False
    version: int = field(default=0, compare=False)

    @classmethod
    def new(
        cls,
        *,
        issuer_id: UUID,
        title: str,
        description: str,
        proposer_user_id: str,
        rules: ProposalRules,
        now: datetime,
    ) -> Proposal:
        problems: list[FieldError] = []
        title = title.strip()
        if not 1 <= len(title) <= 200:
            problems.append(FieldError(field="title", message="1 to 200 characters"))
        if len(description) > 20_000:
            problems.append(FieldError(field="description", message="at most 20000 characters"))
        try:
            rules = rules.checked()
        except InvalidProposal as refused:
            problems.extend(refused.errors)
        if problems:
            raise InvalidProposal(problems)
        start = now + rules.voting_delay
        return cls(
            id=new_uuid(),
            issuer_id=issuer_id,
            title=title,
            description=description,
            proposer_user_id=proposer_user_id,
            rules=rules,
            created_at=now,
            vote_start=start,
            vote_end=start + rules.voting_period,
        )

    @property
    def options(self) -> tuple[str, ...]:
        return self.rules.options

    def state(self, now: datetime, outcome: Outcome | None = None) -> ProposalState:
        """Governor's ``state``. Past the deadline the result is the one fixed at close, or
        ``outcome`` (the tally now) when the worker has not closed it yet."""
        if self.executed_at is not None:
            return ProposalState.EXECUTED
        if self.canceled_at is not None:
            return ProposalState.CANCELED
        if now <= self.vote_start:
            return ProposalState.PENDING
        if now <= self.vote_end:
            return ProposalState.ACTIVE
        result = self.outcome or outcome
        if result is None or not result.succeeded:
            return ProposalState.DEFEATED
        if self.eta is None:
            return ProposalState.SUCCEEDED
        if now >= self.eta + self.rules.grace_period:
            return ProposalState.EXPIRED
        return ProposalState.QUEUED

    def needs_snapshot(self, now: datetime) -> bool:
        return self.snapshot_at is None and now > self.vote_start and self.canceled_at is None

    def take_snapshot(self, total: Decimal, now: datetime) -> None:
        self.snapshot_total = total
        self.snapshot_at = now
        self.status = ProposalState.ACTIVE

    def needs_closing(self, now: datetime) -> bool:
        return self.closed_at is None and self.canceled_at is None and now > self.vote_end

    def close(self, outcome: Outcome, commitment: str, now: datetime) -> None:
        self.outcome = outcome
        self.commitment = commitment
        self.closed_at = now
        self.status = self.state(now)

    def cancel(self, now: datetime) -> None:
        current = self.state(now)
        if current in FINAL:
            raise ProposalStateInvalid("canceled", current.value)
        self.canceled_at = now
        self.status = ProposalState.CANCELED

    def queue(self, now: datetime) -> None:
        current = self.state(now)
        if current is not ProposalState.SUCCEEDED or self.closed_at is None:
            raise ProposalStateInvalid("queued", current.value)
        self.eta = now + self.rules.execution_delay
        self.status = ProposalState.QUEUED

    def execute(self, board_action: str, now: datetime) -> None:
        current = self.state(now)
        ready = (
            current is ProposalState.SUCCEEDED and self.rules.execution_delay == timedelta(0)
        ) or (current is ProposalState.QUEUED and self.eta is not None and now >= self.eta)
        if not ready or self.closed_at is None:
            raise ProposalStateInvalid("executed", current.value)
        action = board_action.strip()
        if not 1 <= len(action) <= 2000:
            raise InvalidProposal(
                [FieldError(field="board_action", message="1 to 2000 characters")]
            )
        self.executed_at = now
        self.board_action = action
        self.status = ProposalState.EXECUTED

    def refresh(self, now: datetime) -> bool:
        """Bring the recorded status up to date (Queued to Expired); True when it changed."""
        current = self.state(now)
        if current is self.status:
            return False
        self.status = current
        return True


def options_text(options: Sequence[str]) -> str:
    return ", ".join(options)
