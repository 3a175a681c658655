"""Delegation of voting power between holders of one issuer, and the snapshot it gives.

A holder delegates to another; power follows the chain to its end (the first holder who has
not delegated), so A -> B -> C puts A's and B's power with C, each counted once. A delegation
that would come back to the delegator is refused. A delegation made while a proposal is active
counts from the next snapshot: each proposal keeps the one taken when it opened."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from domain.governance.errors import DelegationCycle


def would_cycle(delegations: Mapping[UUID, UUID], delegator: UUID, delegate: UUID) -> bool:
    seen = {delegator}
    current: UUID | None = delegate
    while current is not None:
        if current in seen:
            return True
        seen.add(current)
        current = delegations.get(current)
    return False


def check_delegation(delegations: Mapping[UUID, UUID], delegator: UUID, delegate: UUID) -> None:
    if would_cycle(delegations, delegator, delegate):
        raise DelegationCycle()


def final_delegate(delegations: Mapping[UUID, UUID], holder: UUID) -> UUID | None:
    """Where ``holder``'s power ends up; None when it stays with them."""
    if holder not in delegations:
        return None
    seen = {holder}
    current = delegations[holder]
    while current in delegations:
        if current in seen:  # refused when written; never followed forever
            raise DelegationCycle()
        seen.add(current)
        current = delegations[current]
    return current


@dataclass(frozen=True, slots=True)
class PowerEntry:
    stakeholder_id: UUID
    own: Decimal  # holdings x votes per share
    delegated: Decimal  # what others delegated here (through any chain)
    delegated_to: UUID | None  # set when this holder's own power went elsewhere

    @property
    def votes(self) -> Decimal:
        """What a ballot of this holder weighs: nothing once delegated away."""
        if self.delegated_to is not None:
            return self.delegated
        return self.own + self.delegated


def snapshot(
    own: Mapping[UUID, Decimal], delegations: Mapping[UUID, UUID]
) -> tuple[dict[UUID, PowerEntry], Decimal]:
    """Every holder's entry and the total voting power (each share's votes counted once)."""
    delegated: dict[UUID, Decimal] = {}
    ends: dict[UUID, UUID | None] = {}
    for holder, power in own.items():
        end = final_delegate(delegations, holder)
        ends[holder] = end
        if end is not None:
            delegated[end] = delegated.get(end, Decimal(0)) + power
    entries: dict[UUID, PowerEntry] = {}
    for holder in set(own) | set(delegated):
        entries[holder] = PowerEntry(
            stakeholder_id=holder,
            own=own.get(holder, Decimal(0)),
            delegated=delegated.get(holder, Decimal(0)),
            delegated_to=ends.get(holder),
        )
    return entries, sum(own.values(), Decimal(0))
