"""A holder's ballot: the choice, checked against the proposal's kind, and its allocation of
the holder's snapshot weight over the options. One ballot per holder and proposal; changing it
(where the proposal allows) bumps its revision."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from domain.governance.errors import UnknownOption
from domain.governance.proposal import ProposalKind
from domain.shared.errors import invalid_field
from domain.shared.ids import new_uuid

MAX_REASON = 2000


def allocate(
    kind: ProposalKind,
    options: int,
    weight: Decimal,
    choices: Sequence[int] = (),
    shares: Mapping[int, Decimal] | None = None,
) -> dict[int, Decimal]:
    """How ``weight`` goes to the options: the one chosen (for/against/abstain and single
    choice), each approved one in full (approval), or split by ``shares`` summing to 1
    (weighted)."""
    if kind is ProposalKind.WEIGHTED:
        if choices or not shares:
            raise UnknownOption("a weighted ballot gives shares of its weight", field="shares")
        if any(i < 0 or i >= options for i in shares):
            raise UnknownOption(f"options are numbered 0 to {options - 1}", field="shares")
        if any(s <= 0 for s in shares.values()) or sum(shares.values()) != Decimal(1):
            raise UnknownOption("shares are positive and add up to exactly 1", field="shares")
        return {i: weight * s for i, s in sorted(shares.items())}
    if shares:
        raise UnknownOption("only a weighted ballot gives shares", field="shares")
    if any(i < 0 or i >= options for i in choices):
        raise UnknownOption(f"options are numbered 0 to {options - 1}")
    if len(set(choices)) != len(choices):
        raise UnknownOption("an option is chosen at most once")
    if kind is ProposalKind.APPROVAL:
        if not choices:
            raise UnknownOption("approve at least one option")
    elif len(choices) != 1:
        raise UnknownOption("choose exactly one option")
    return dict.fromkeys(sorted(choices), weight)


def checked_reason(reason: str | None) -> str | None:
    if reason is None or not reason.strip():
        return None
    if len(reason) > MAX_REASON:
        raise invalid_field("reason", f"at most {MAX_REASON} characters")
    return reason.strip()


@dataclass(slots=True, kw_only=True)
class Ballot:
    id: UUID  # public in the commitment; the holder is not (anonymous proposals)
    proposal_id: UUID
    stakeholder_id: UUID
    own_weight: Decimal
    delegated_weight: Decimal
    allocation: dict[int, Decimal]
    reason: str | None
    revision: int
    cast_at: datetime

    @property
    def weight(self) -> Decimal:
        return self.own_weight + self.delegated_weight

    @classmethod
    def new(
        cls,
        *,
        proposal_id: UUID,
        stakeholder_id: UUID,
        own_weight: Decimal,
        delegated_weight: Decimal,
        allocation: dict[int, Decimal],
        reason: str | None,
        now: datetime,
    ) -> Ballot:
        return cls(
            id=new_uuid(),
            proposal_id=proposal_id,
            stakeholder_id=stakeholder_id,
            own_weight=own_weight,
            delegated_weight=delegated_weight,
            allocation=allocation,
            reason=reason,
            revision=1,
            cast_at=now,
        )

    def change(self, allocation: dict[int, Decimal], reason: str | None, now: datetime) -> None:
        self.allocation = allocation
        self.reason = reason
        self.revision += 1
        self.cast_at = now
