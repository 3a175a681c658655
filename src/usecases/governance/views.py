"""What the governance use cases return."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from domain.governance.ballot import Ballot
from domain.governance.delegation import PowerEntry
from domain.governance.proposal import Proposal, ProposalState
from domain.governance.tally import Outcome, Tally


@dataclass(frozen=True, slots=True)
class ProposalView:
    proposal: Proposal
    state: ProposalState
    tally: Tally | None  # None while hidden until close
    outcome: Outcome | None  # live while active (when visible), final after close


@dataclass(frozen=True, slots=True)
class PowerView:
    """A holder's voting power: at a proposal's snapshot (when given) and now, own and
    delegated apart."""

    stakeholder_id: UUID
    own_now: Decimal
    delegated_to_now: UUID | None
    at_snapshot: PowerEntry | None


@dataclass(frozen=True, slots=True)
class BallotView:
    ballot: Ballot
    receipt: str
    option_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VoterRow:
    ballot: Ballot
    holder_name: str | None  # None for anonymous proposals
    options: tuple[str, ...]
    leaf: str  # the hash of its record in the commitment


@dataclass(frozen=True, slots=True)
class Verification:
    included: bool | None  # the receipt's ballot is a leaf of the committed tree
    committed_set_intact: bool  # the stored ballots still hash to the committed root
    commitment: str
    leaf: str | None
    proof: tuple[str, ...] | None
    tally_matches: bool  # the published tally equals the sum of the published ballots
