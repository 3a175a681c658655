"""Use case: prove a ballot is in a closed proposal's committed set. From the voter's receipt
(the ballot record) the leaf is recomputed and looked up among the stored ballots' leaves; its
proof must lead to the root published at close. Independently, the stored ballots must still
hash to that root (a ballot altered after close breaks it) and the tally recomputed from them
must give the published result; without a receipt only these are checked."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.governance.commitment import BallotRecord, merkle_proof, merkle_root, verify
from domain.governance.errors import ProposalNotClosed
from domain.governance.tally import Tally
from domain.shared.actor import Actor
from usecases.governance.access import proposal_for
from usecases.governance.lifecycle import outcome_of, record_of
from usecases.governance.ports import GovernanceUnitOfWork
from usecases.governance.views import Verification


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyBallot:
    actor: Actor
    proposal_id: UUID
    receipt: str | None  # None: check the committed set and the tally only


class VerifyBallotHandler:
    def __init__(self, uow: GovernanceUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: VerifyBallot) -> Verification:
        async with self._uow as uow:
            proposal, _ = await proposal_for(uow, cmd.actor, cmd.proposal_id)
            if proposal.commitment is None or proposal.outcome is None:
                raise ProposalNotClosed()
            record = None if cmd.receipt is None else BallotRecord.from_receipt(cmd.receipt)
            ballots = await uow.ballots.all(proposal.id)
        leaves = [record_of(b).leaf() for b in ballots]
        included = leaf = proof = None
        if record is not None:
            leaf = record.leaf()
            proof = merkle_proof(leaves, leaf) if record.proposal_id == proposal.id else None
            included = proof is not None and verify(leaf, proof, proposal.commitment)
        recomputed = Tally.of(
            len(proposal.options), (b.allocation for b in ballots), (b.weight for b in ballots)
        )
        return Verification(
            included=included,
            committed_set_intact=merkle_root(leaves) == proposal.commitment,
            commitment=proposal.commitment,
            leaf=None if leaf is None else leaf.hex(),
            proof=None if record is None else tuple(proof or ()),
            tally_matches=outcome_of(proposal, recomputed) == proposal.outcome,
        )
