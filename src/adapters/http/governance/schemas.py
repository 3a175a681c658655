"""Governance request and read schemas. Votes, fractions and shares are decimal strings."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Final
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from adapters.http.paging import NextCursor, page_config
from adapters.http.read_model import ReadModel
from domain.governance.proposal import ProposalKind, ProposalState
from usecases.governance.views import (
    BallotView,
    PowerView,
    ProposalView,
    Verification,
    VoterRow,
)

FRACTION_PATTERN: Final = r"^(0(\.[0-9]{1,10})?|1(\.0{1,10})?)$"
VOTES_PATTERN: Final = r"^[0-9]{1,20}(\.[0-9]{1,16})?$"
Fraction = Annotated[str, Field(pattern=FRACTION_PATTERN, examples=["0.5"])]
Votes = Annotated[str, Field(pattern=VOTES_PATTERN, examples=["1000"])]
Seconds = Annotated[StrictInt, Field(ge=0, le=366 * 86400)]
OptionNumber = Annotated[StrictInt, Field(ge=0, le=99)]
_ID = "0193a2c4-3b4c-7c3b-9a10-5d7e8f9a0b1c"
_ISSUER = "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c"


def text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"


class ProposalCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Approve the 2027 budget",
                    "description": "The board proposes the budget attached to the notice.",
                    "kind": "for_against_abstain",
                    "voting_delay_seconds": 86400,
                    "voting_period_seconds": 604800,
                    "quorum": "0.3",
                    "pass_threshold": "0.5",
                },
                {
                    "title": "Choose the auditor",
                    "kind": "single_choice",
                    "options": ["Firm A", "Firm B", "Firm C"],
                    "voting_period_seconds": 604800,
                    "quorum": "0.2",
                    "hide_results": True,
                    "anonymous": True,
                },
            ]
        }
    )

    title: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(max_length=20_000)] = ""
    kind: ProposalKind = ProposalKind.FOR_AGAINST_ABSTAIN
    options: Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=20)] = []
    voting_delay_seconds: Seconds = 0
    voting_period_seconds: Seconds = 7 * 86400
    quorum: Fraction = "0.04"
    pass_threshold: Fraction = "0.5"  # noqa: S105 (a fraction, not a secret)
    execution_delay_seconds: Seconds = 0
    grace_period_seconds: Annotated[StrictInt, Field(ge=1, le=366 * 86400)] = 14 * 86400
    allow_changes: StrictBool = False
    hide_results: StrictBool = Field(default=False, description="Publish the tally only at close.")
    anonymous: StrictBool = Field(default=False, description="Publish ballots without the holder.")


class OutcomeRead(ReadModel):
    quorum_votes: str
    counted: str = Field(description="For + Abstain (for/against/abstain), else all cast weight.")
    quorum_reached: bool
    vote_succeeded: bool
    winner: int | None


class TallyRead(ReadModel):
    by_option: list[str]
    participation: str
    ballots: int


_PROPOSAL_EXAMPLE: dict[str, Any] = {
    "id": _ID,
    "issuer_id": _ISSUER,
    "title": "Approve the 2027 budget",
    "description": "",
    "kind": "for_against_abstain",
    "options": ["for", "against", "abstain"],
    "state": "active",
    "created_at": "2026-12-01T09:00:00Z",
    "vote_start": "2026-12-02T09:00:00Z",
    "vote_end": "2026-12-09T09:00:00Z",
    "quorum": "0.3",
    "pass_threshold": "0.5",
    "execution_delay_seconds": 0,
    "grace_period_seconds": 1209600,
    "allow_changes": False,
    "hide_results": False,
    "anonymous": False,
    "snapshot_total": "1000000",
    "snapshot_at": "2026-12-02T09:00:05Z",
    "tally": {"by_option": ["400000", "100000", "20000"], "participation": "520000", "ballots": 12},
    "outcome": {
        "quorum_votes": "300000",
        "counted": "420000",
        "quorum_reached": True,
        "vote_succeeded": True,
        "winner": 0,
    },
    "commitment": None,
    "eta": None,
    "executed_at": None,
    "board_action": None,
    "canceled_at": None,
}


class ProposalRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_PROPOSAL_EXAMPLE]})

    id: UUID
    issuer_id: UUID
    title: str
    description: str
    kind: ProposalKind
    options: list[str]
    state: ProposalState
    created_at: datetime
    vote_start: datetime = Field(description="The snapshot: voting opens just after it.")
    vote_end: datetime = Field(description="The deadline, included.")
    quorum: str
    pass_threshold: str
    execution_delay_seconds: int
    grace_period_seconds: int
    allow_changes: bool
    hide_results: bool
    anonymous: bool
    snapshot_total: str | None
    snapshot_at: datetime | None
    tally: TallyRead | None = Field(description="None while hidden until close.")
    outcome: OutcomeRead | None
    commitment: str | None = Field(description="Merkle root over the ballots, set at close.")
    eta: datetime | None
    executed_at: datetime | None
    board_action: str | None
    canceled_at: datetime | None

    @classmethod
    def of_view(cls, view: ProposalView) -> ProposalRead:
        p, r = view.proposal, view.proposal.rules
        outcome = view.outcome
        return cls(
            id=p.id,
            issuer_id=p.issuer_id,
            title=p.title,
            description=p.description,
            kind=r.kind,
            options=list(r.options),
            state=view.state,
            created_at=p.created_at,
            vote_start=p.vote_start,
            vote_end=p.vote_end,
            quorum=text(r.quorum) or "0",
            pass_threshold=text(r.pass_threshold) or "0",
            execution_delay_seconds=int(r.execution_delay.total_seconds()),
            grace_period_seconds=int(r.grace_period.total_seconds()),
            allow_changes=r.allow_changes,
            hide_results=r.hide_results,
            anonymous=r.anonymous,
            snapshot_total=text(p.snapshot_total),
            snapshot_at=p.snapshot_at,
            tally=None
            if view.tally is None
            else TallyRead(
                by_option=[text(w) or "0" for w in view.tally.by_option],
                participation=text(view.tally.participation) or "0",
                ballots=view.tally.ballots,
            ),
            outcome=None
            if outcome is None
            else OutcomeRead(
                quorum_votes=text(outcome.quorum_votes) or "0",
                counted=text(outcome.counted) or "0",
                quorum_reached=outcome.quorum_reached,
                vote_succeeded=outcome.vote_succeeded,
                winner=outcome.winner,
            ),
            commitment=p.commitment,
            eta=p.eta,
            executed_at=p.executed_at,
            board_action=p.board_action,
            canceled_at=p.canceled_at,
        )


class ProposalPage(ReadModel):
    model_config = page_config(ProposalRead)

    items: list[ProposalRead]
    next_cursor: NextCursor


class ExecutionCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"board_action": "Board resolution 2027-04 adopted"}]}
    )

    board_action: Annotated[str, Field(min_length=1, max_length=2000)]


class BallotShareCreate(BaseModel):
    option: OptionNumber
    share: Fraction


class BallotCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"choices": [0], "reason": "The budget keeps runway above 18 months."},
                {"shares": [{"option": 0, "share": "0.6"}, {"option": 2, "share": "0.4"}]},
            ]
        }
    )

    choices: Annotated[list[OptionNumber], Field(max_length=20)] = Field(
        default=[],
        description="Option numbers: one (for/against/abstain: 0 for, 1 against, 2 abstain; "
        "single choice), or every approved one (approval).",
    )
    shares: Annotated[list[BallotShareCreate], Field(max_length=20)] = Field(
        default=[], description="Weighted ballots: shares of the weight adding up to 1."
    )
    reason: Annotated[str, Field(max_length=2000)] | None = None


class AllocationRead(ReadModel):
    option: int
    name: str
    weight: str


_BALLOT_EXAMPLE: dict[str, Any] = {
    "id": _ID,
    "proposal_id": _ISSUER,
    "own_weight": "1000",
    "delegated_weight": "250",
    "weight": "1250",
    "allocation": [{"option": 0, "name": "for", "weight": "1250"}],
    "reason": "The budget keeps runway above 18 months.",
    "revision": 1,
    "cast_at": "2026-12-03T10:00:00Z",
    "receipt": "eyJhbGxvY2F0aW9uIjpbWzAsIjEyNTAiXV0sImJhbGxvdF9pZCI6Ii4uLiJ9",
}


class BallotRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_BALLOT_EXAMPLE]})

    id: UUID
    proposal_id: UUID
    own_weight: str = Field(description="The holder's own votes at the snapshot.")
    delegated_weight: str = Field(description="Votes delegated to the holder at the snapshot.")
    weight: str
    allocation: list[AllocationRead]
    reason: str | None
    revision: int
    cast_at: datetime
    receipt: str = Field(description="Keep it: after close it proves this ballot was counted.")

    @classmethod
    def of_view(cls, view: BallotView) -> BallotRead:
        b = view.ballot
        return cls(
            id=b.id,
            proposal_id=b.proposal_id,
            own_weight=text(b.own_weight) or "0",
            delegated_weight=text(b.delegated_weight) or "0",
            weight=text(b.weight) or "0",
            allocation=[
                AllocationRead(option=i, name=view.option_names[i], weight=text(w) or "0")
                for i, w in sorted(b.allocation.items())
            ],
            reason=b.reason,
            revision=b.revision,
            cast_at=b.cast_at,
            receipt=view.receipt,
        )


class PublishedBallotRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "ballot_id": _ID,
                    "holder_name": "Priya Sharma",
                    "own_weight": "1000",
                    "delegated_weight": "0",
                    "weight": "1000",
                    "allocation": [{"option": 0, "name": "for", "weight": "1000"}],
                    "reason": None,
                    "revision": 1,
                    "leaf": "9f2c" + "0" * 60,
                }
            ]
        }
    )

    ballot_id: UUID
    holder_name: str | None = Field(description="None on anonymous proposals.")
    own_weight: str
    delegated_weight: str
    weight: str
    allocation: list[AllocationRead]
    reason: str | None
    revision: int
    leaf: str

    @classmethod
    def of_row(cls, row: VoterRow) -> PublishedBallotRead:
        b, options = row.ballot, row.options
        return cls(
            ballot_id=b.id,
            holder_name=row.holder_name,
            own_weight=text(b.own_weight) or "0",
            delegated_weight=text(b.delegated_weight) or "0",
            weight=text(b.weight) or "0",
            allocation=[
                AllocationRead(option=i, name=options[i], weight=text(w) or "0")
                for i, w in sorted(b.allocation.items())
            ],
            reason=b.reason if row.holder_name is not None else None,
            revision=b.revision,
            leaf=row.leaf,
        )


class PublishedBallotPage(ReadModel):
    model_config = page_config(PublishedBallotRead)

    items: list[PublishedBallotRead]
    next_cursor: NextCursor


class VerificationRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "included": True,
                    "committed_set_intact": True,
                    "tally_matches": True,
                    "commitment": "5d1e" + "0" * 60,
                    "leaf": "9f2c" + "0" * 60,
                    "proof": ["77aa" + "0" * 60],
                }
            ]
        }
    )

    included: bool | None = Field(
        description="The receipt's ballot is in the committed set (null without a receipt)."
    )
    committed_set_intact: bool = Field(description="The stored ballots hash to the commitment.")
    tally_matches: bool = Field(description="The result recomputed from the ballots matches.")
    commitment: str
    leaf: str | None
    proof: list[str] | None

    @classmethod
    def of_view(cls, v: Verification) -> VerificationRead:
        return cls(
            included=v.included,
            committed_set_intact=v.committed_set_intact,
            tally_matches=v.tally_matches,
            commitment=v.commitment,
            leaf=v.leaf,
            proof=None if v.proof is None else list(v.proof),
        )


class DelegationUpdate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"delegate_id": _ID}, {"delegate_id": None}]}
    )

    delegate_id: UUID | None = Field(description="The holder to delegate to; null takes it back.")


class SnapshotPowerRead(ReadModel):
    own: str
    delegated: str
    delegated_to: UUID | None
    votes: str


class VotingPowerRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "stakeholder_id": _ID,
                    "own_now": "1000",
                    "delegated_to_now": None,
                    "at_snapshot": {
                        "own": "1000",
                        "delegated": "250",
                        "delegated_to": None,
                        "votes": "1250",
                    },
                }
            ]
        }
    )

    stakeholder_id: UUID
    own_now: str = Field(description="Holdings x votes per share now.")
    delegated_to_now: UUID | None = Field(description="Where my power goes from the next snapshot.")
    at_snapshot: SnapshotPowerRead | None

    @classmethod
    def of_view(cls, v: PowerView) -> VotingPowerRead:
        e = v.at_snapshot
        return cls(
            stakeholder_id=v.stakeholder_id,
            own_now=text(v.own_now) or "0",
            delegated_to_now=v.delegated_to_now,
            at_snapshot=None
            if e is None
            else SnapshotPowerRead(
                own=text(e.own) or "0",
                delegated=text(e.delegated) or "0",
                delegated_to=e.delegated_to,
                votes=text(e.votes) or "0",
            ),
        )


class ProposerThresholdUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"proposer_threshold": "10000"}]})

    proposer_threshold: Votes


class ProposerThresholdRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"proposer_threshold": "10000"}]})

    proposer_threshold: str
