"""Use case: prove a ballot is in a closed proposal's committed set.

With a receipt (the ballot record) the proof is read from the tree stored at close: the
ballot's leaf and its log2(n) siblings. The receipt is ``included`` when its leaf is that
stored leaf, the ballot as stored now still hashes to it, and the proof leads to the root
published at close; ``committed_set_intact`` says the latter two (the receipt's ballot and its
path). Without a receipt, or for one whose ballot the stored tree does not know (a forged
ballot id, a proposal closed before trees were stored), every stored ballot is rehashed into
the root instead. Either way the tally summed now must give the published result."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from uuid import UUID

from domain.governance.commitment import BallotRecord, merkle_proof, merkle_root, verify
from domain.governance.errors import ProposalNotClosed
from domain.governance.proposal import Proposal
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
            tally = await uow.ballots.tally(proposal.id, len(proposal.options))
            tally_matches = outcome_of(proposal, tally) == proposal.outcome
            if record is not None:
                found = await self._from_tree(uow, proposal, record, tally_matches)
                if found is not None:
                    return found
            return await self._from_every_ballot(uow, proposal, record, tally_matches)

    @staticmethod
    async def _from_tree(
        uow: GovernanceUnitOfWork, proposal: Proposal, record: BallotRecord, tally_matches: bool
    ) -> Verification | None:
        stored = await uow.commitments.proof(proposal.id, record.ballot_id)
        if stored is None:
            return None
        commitment = proposal.commitment or ""
        ballot = await uow.ballots.by_id(proposal.id, record.ballot_id)
        intact = (
            ballot is not None
            and record_of(ballot).leaf() == stored.leaf
            and verify(stored.leaf, stored.proof, commitment)
        )
        leaf = record.leaf()
        matches = leaf == stored.leaf
        return Verification(
            included=intact and matches,
            committed_set_intact=intact,
            commitment=commitment,
            leaf=leaf.hex(),
            proof=stored.proof if matches else (),
            tally_matches=tally_matches,
        )

    @staticmethod
    async def _from_every_ballot(
        uow: GovernanceUnitOfWork,
        proposal: Proposal,
        record: BallotRecord | None,
        tally_matches: bool,
    ) -> Verification:
        records = await uow.ballots.records(proposal.id)
        commitment = proposal.commitment or ""
        leaves = await asyncio.to_thread(lambda: [r.leaf() for r in records])
        included = leaf = proof = None
        if record is not None:
            leaf = record.leaf()
            proof = merkle_proof(leaves, leaf) if record.proposal_id == proposal.id else None
            included = proof is not None and verify(leaf, proof, commitment)
        return Verification(
            included=included,
            committed_set_intact=merkle_root(leaves) == commitment,
            commitment=commitment,
            leaf=None if leaf is None else leaf.hex(),
            proof=None if record is None else tuple(proof or ()),
            tally_matches=tally_matches,
        )
