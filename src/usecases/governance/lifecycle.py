"""The steps of a proposal's life that happen at its deadlines, shared by the worker and by the
first ballot (which opens a proposal the worker has not reached yet):

- opening: the snapshot, one row per holder with voting power (holdings x votes per share of
  each class, delegations followed to the end of their chain) as they stood at the instant
  voting started, whenever the worker (or the first ballot) gets to it; written once, so shares
  moved and delegations changed after the start do not change this proposal's weights;
- closing: the tally, Governor's decision, and the Merkle commitment over every ballot record
  (its whole tree stored, for the receipts' proofs).
The caller holds the proposal's row lock."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from domain.governance.ballot import Ballot
from domain.governance.commitment import BallotRecord, MerkleTree
from domain.governance.delegation import snapshot
from domain.governance.proposal import Proposal, ProposalKind
from domain.governance.tally import Outcome, Tally, decide
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from usecases.governance import messages
from usecases.governance.ports import GovernanceUnitOfWork
from usecases.identity.public.user_directory import UserDirectory


def record_of(ballot: Ballot) -> BallotRecord:
    return BallotRecord.of(
        ballot.proposal_id, ballot.id, ballot.revision, ballot.weight, ballot.allocation
    )


def outcome_of(proposal: Proposal, tally: Tally) -> Outcome:
    return decide(
        tally,
        yes_no=proposal.rules.kind is ProposalKind.FOR_AGAINST_ABSTAIN,
        snapshot_total=proposal.snapshot_total or 0,  # type: ignore[arg-type]
        quorum=proposal.rules.quorum,
        pass_threshold=proposal.rules.pass_threshold,
    )


def audit(actor: Actor, action: str, proposal: Proposal, after: dict[str, object]) -> AuditRecord:
    return AuditRecord(
        action=f"governance.{action}",
        actor=actor,
        resource_type="proposal",
        resource_id=str(proposal.id),
        after=after,
    )


async def tell(
    uow: GovernanceUnitOfWork,
    users: UserDirectory,
    template: str,
    proposal: Proposal,
    holders: Iterable[UUID],
) -> None:
    issuer = await uow.voting_power.issuer_name(proposal.issuer_id) or ""
    infos = await uow.voting_power.stakeholders(proposal.issuer_id, list(holders), linked_only=True)
    for info in infos.values():
        if info.user_id is None:
            continue
        contact = await users.contact(info.user_id)
        if contact is not None:
            await uow.notifier.notify(messages.message(template, contact, issuer, proposal))


async def open_voting(
    uow: GovernanceUnitOfWork,
    users: UserDirectory | None,
    actor: Actor,
    proposal: Proposal,
    now: datetime,
) -> bool:
    """Write the snapshot; tell the holders too unless ``users`` is None (a ballot opening the
    proposal leaves that to the worker: looking up hundreds of contacts while holding the
    proposal's lock would keep every racing ballot, and its connection, waiting)."""
    if not proposal.needs_snapshot(now):
        return False
    # as of the start: a delegation being changed holds this lock, an event being recorded
    # holds the issuer's row (the cap table's port waits for it), so neither is in flight
    await uow.lock_issuer_delegations(proposal.issuer_id)
    own = await uow.voting_power.votes_by_holder_at(proposal.issuer_id, proposal.vote_start)
    delegations = await uow.delegations.as_of(proposal.issuer_id, proposal.vote_start)
    entries, total = snapshot(own, delegations)
    await uow.snapshots.write(proposal.id, list(entries.values()))
    proposal.take_snapshot(total, now)
    if users is not None:
        await tell(uow, users, messages.OPENED, proposal, entries)
        proposal.opening_notice_sent = True
    await uow.proposals.save(proposal)
    uow.audit(
        audit(
            actor,
            "open_proposal",
            proposal,
            {"snapshot_total": str(total), "holders": len(entries)},
        )
    )
    return True


async def close_voting(
    uow: GovernanceUnitOfWork, users: UserDirectory, actor: Actor, proposal: Proposal, now: datetime
) -> bool:
    if not proposal.needs_closing(now):
        return False
    await open_voting(uow, users, actor, proposal, now)
    tally = await uow.ballots.tally(proposal.id, len(proposal.options))
    outcome = outcome_of(proposal, tally)
    records = await uow.ballots.records(proposal.id)
    # hashing 100,000 records takes a while: off the event loop, which serves other work
    tree = await asyncio.to_thread(MerkleTree.of_records, records)
    await uow.commitments.write(proposal.id, tree)
    root = tree.root
    proposal.close(outcome, root, now)
    await uow.proposals.save(proposal)
    uow.audit(
        audit(
            actor,
            "close_proposal",
            proposal,
            {
                "state": proposal.status.value,
                "by_option": [str(w) for w in tally.by_option],
                "ballots": tally.ballots,
                "commitment": root,
            },
        )
    )
    await tell(uow, users, messages.RESULT, proposal, await uow.snapshots.voters(proposal.id))
    return True
