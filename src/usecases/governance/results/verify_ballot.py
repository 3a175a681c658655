"""Use case: prove a ballot is in a closed proposal's committed set.

With a receipt (the ballot record) the proof is read from the tree stored at close: the
receipt's leaf found among the stored leaves and its log2(n) siblings. The receipt is
``included`` when its leaf is in the stored tree with a proof to the root published at close
and the ballot as stored now still hashes to it; ``committed_set_intact`` says that the ballot
as stored now is a leaf of the stored tree with a proof to the root (a ballot or a stored node
on its path altered after close breaks it). Without a receipt, or for one whose ballot does not
exist (a forged ballot id) or whose proposal has no stored tree (closed before trees were
stored), every stored ballot is rehashed into the root instead. Either way the tally summed now
must give the published result."""

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
        ballot = await uow.ballots.by_id(proposal.id, record.ballot_id)
        if ballot is None or record.proposal_id != proposal.id:
            return None
        leaf = record.leaf()
        receipt = await uow.commitments.proof(proposal.id, leaf)
        if receipt is None:  # no tree stored
            return None
        commitment = proposal.commitment or ""
        now = record_of(ballot).leaf()
        stored = receipt if now == leaf else await uow.commitments.proof(proposal.id, now)
        intact = (
            stored is not None
            and stored.index is not None
            and verify(now, stored.proof, commitment)
        )
        committed = receipt.index is not None and verify(leaf, receipt.proof, commitment)
        return Verification(
            included=intact and committed and now == leaf,
            committed_set_intact=intact,
            commitment=commitment,
            leaf=leaf.hex(),
            proof=receipt.proof if committed else (),
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
