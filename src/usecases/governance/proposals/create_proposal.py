"""Use case: put a proposal to an issuer's holders. A company admin of the issuer may always;
a holder may when their voting power now (own, plus what is delegated to them) reaches the
issuer's proposer threshold. Voting opens after the voting delay."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.governance.delegation import snapshot
from domain.governance.errors import BelowProposerThreshold
from domain.governance.proposal import Proposal, ProposalRules
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.governance.access import issuer_standing
from usecases.governance.lifecycle import audit
from usecases.governance.ports import GovernanceUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateProposal:
    actor: Actor
    issuer_id: UUID
    title: str
    description: str
    rules: ProposalRules


class CreateProposalHandler:
    def __init__(self, uow: GovernanceUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: CreateProposal) -> Proposal:
        now = self._clock.now()
        async with self._uow as uow:
            found = await issuer_standing(uow, cmd.actor, cmd.issuer_id)
            proposal = Proposal.new(
                issuer_id=cmd.issuer_id,
                title=cmd.title,
                description=cmd.description,
                proposer_user_id=str(cmd.actor.user_id or cmd.actor.kind),
                rules=cmd.rules,
                now=now,
            )
            if not found.admin and found.stakeholder_id is not None:
                threshold = await uow.settings.proposer_threshold(cmd.issuer_id)
                own = await uow.voting_power.votes_by_holder(cmd.issuer_id)
                delegations = await uow.delegations.of_issuer(cmd.issuer_id)
                entries, _ = snapshot(own, delegations)
                entry = entries.get(found.stakeholder_id)
                held = entry.votes if entry is not None else 0
                if held < threshold or held == 0:
                    raise BelowProposerThreshold(f"{threshold.normalize():f}", f"{held:f}")
            await uow.proposals.add(proposal)
            uow.audit(
                audit(
                    cmd.actor,
                    "create_proposal",
                    proposal,
                    {"title": proposal.title, "kind": proposal.rules.kind.value},
                )
            )
            await uow.commit()
        return proposal
