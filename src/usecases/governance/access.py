"""Who sees and does what. A company admin of the issuer (the ``company_admin`` role scoped to
``issuer:<id>`` holds ``governance:propose`` there) creates, cancels, queues and executes its
proposals and sees everything; a holder (a stakeholder of the issuer linked to the user) sees
its proposals and votes. To anyone else an issuer's proposals answer like ones that do not
exist (404)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from uuid import UUID

from domain.governance.errors import GovernanceIssuerNotFound, ProposalNotFound
from domain.governance.proposal import Proposal
from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied, Unauthenticated
from usecases.governance.ports import GovernanceUnitOfWork

GOVERNANCE_PROPOSE: Final = "governance:propose"


def is_admin(actor: Actor, issuer_id: UUID) -> bool:
    return actor.may(GOVERNANCE_PROPOSE) or actor.may(f"{GOVERNANCE_PROPOSE}@issuer:{issuer_id}")


@dataclass(frozen=True, slots=True)
class Standing:
    admin: bool
    stakeholder_id: UUID | None  # the caller's holder record in this issuer


async def standing(uow: GovernanceUnitOfWork, actor: Actor, issuer_id: UUID) -> Standing | None:
    if not actor.is_authenticated:
        raise Unauthenticated("governance needs a signed-in caller")
    holder = None
    if actor.user_id is not None:
        holder = await uow.voting_power.stakeholder_of(issuer_id, actor.user_id)
    admin = is_admin(actor, issuer_id)
    if not admin and holder is None:
        return None
    return Standing(admin, holder)


async def issuer_standing(uow: GovernanceUnitOfWork, actor: Actor, issuer_id: UUID) -> Standing:
    found = await standing(uow, actor, issuer_id)
    if found is None or await uow.voting_power.issuer_name(issuer_id) is None:
        raise GovernanceIssuerNotFound(issuer_id)
    return found


async def proposal_for(
    uow: GovernanceUnitOfWork,
    actor: Actor,
    proposal_id: UUID,
    *,
    admin: bool = False,
    for_update: bool = False,
    for_share: bool = False,
) -> tuple[Proposal, Standing]:
    """The proposal if the caller may see it (404 otherwise); ``admin`` refuses (403) a holder
    who is not a company admin of the issuer."""
    if not actor.is_authenticated:
        raise Unauthenticated("governance needs a signed-in caller")
    proposal = await uow.proposals.get(proposal_id, for_update=for_update, for_share=for_share)
    if proposal is None:
        raise ProposalNotFound(proposal_id)
    found = await standing(uow, actor, proposal.issuer_id)
    if found is None:
        raise ProposalNotFound(proposal_id)
    if admin and not found.admin:
        raise PermissionDenied("this needs a company admin of the issuer")
    return proposal, found
