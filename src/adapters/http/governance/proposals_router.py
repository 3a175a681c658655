"""Proposals: a company admin of the issuer (or a holder over the proposer threshold) puts
one; holders and admins read them; admins cancel, queue and execute. Anyone else gets 404."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.governance.schemas import (
    ExecutionCreate,
    ProposalCreate,
    ProposalPage,
    ProposalRead,
    ProposerThresholdRead,
    ProposerThresholdUpdate,
    text,
)
from adapters.http.paging import Cursor, Limit, page_of
from adapters.http.policy import access, owner_or
from adapters.http.registry import provide
from domain.governance.errors import (
    BelowProposerThreshold,
    GovernanceIssuerNotFound,
    InvalidProposal,
    ProposalNotFound,
    ProposalStateInvalid,
)
from domain.governance.proposal import ProposalRules, ProposalState
from domain.shared.errors import PermissionDenied, ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.governance.access import GOVERNANCE_PROPOSE
from usecases.governance.proposals.cancel_proposal import CancelProposal, CancelProposalHandler
from usecases.governance.proposals.create_proposal import CreateProposal, CreateProposalHandler
from usecases.governance.proposals.execute_proposal import (
    ExecuteProposal,
    ExecuteProposalHandler,
)
from usecases.governance.proposals.get_proposal import GetProposal, GetProposalHandler
from usecases.governance.proposals.list_proposals import ListProposals, ListProposalsHandler
from usecases.governance.proposals.queue_proposal import QueueProposal, QueueProposalHandler
from usecases.governance.proposals.set_proposer_threshold import (
    SetProposerThreshold,
    SetProposerThresholdHandler,
)

router = APIRouter(prefix="/governance", tags=["governance"])
IssuerId = Annotated[UUID, Path(description="The issuer.")]
ProposalId = Annotated[UUID, Path(description="The proposal.")]
SCOPED = owner_or(GOVERNANCE_PROPOSE)


@router.post(
    "/issuers/{issuer_id}/proposals",
    status_code=201,
    summary="Put a proposal to the issuer's holders",
    responses=errors(InvalidProposal, BelowProposerThreshold, GovernanceIssuerNotFound),
)
@access(SCOPED)
async def create_proposal(
    issuer_id: IssuerId,
    body: ProposalCreate,
    actor: CurrentActor,
    handler: Annotated[CreateProposalHandler, provide(CreateProposalHandler)],
    view: Annotated[GetProposalHandler, provide(GetProposalHandler)],
) -> ProposalRead:
    rules = ProposalRules(
        kind=body.kind,
        options=tuple(body.options),
        voting_delay=timedelta(seconds=body.voting_delay_seconds),
        voting_period=timedelta(seconds=body.voting_period_seconds),
        quorum=Decimal(body.quorum),
        pass_threshold=Decimal(body.pass_threshold),
        execution_delay=timedelta(seconds=body.execution_delay_seconds),
        grace_period=timedelta(seconds=body.grace_period_seconds),
        allow_changes=body.allow_changes,
        hide_results=body.hide_results,
        anonymous=body.anonymous,
    )
    proposal = await handler.execute(
        CreateProposal(
            actor=actor,
            issuer_id=issuer_id,
            title=body.title,
            description=body.description,
            rules=rules,
        )
    )
    return ProposalRead.of_view(
        await view.execute(GetProposal(actor=actor, proposal_id=proposal.id))
    )


@router.get(
    "/issuers/{issuer_id}/proposals",
    summary="The issuer's proposals, newest first",
    responses=errors(GovernanceIssuerNotFound),
)
@access(SCOPED)
async def list_proposals(
    issuer_id: IssuerId,
    actor: CurrentActor,
    handler: Annotated[ListProposalsHandler, provide(ListProposalsHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
    status: Annotated[
        ProposalState | None, Query(description="Only proposals last recorded in this state.")
    ] = None,
) -> ProposalPage:
    page = await handler.execute(
        ListProposals(
            actor=actor, issuer_id=issuer_id, page=PageRequest(limit, cursor), status=status
        )
    )
    return page_of(ProposalPage, ProposalRead.of_view, page)


@router.put(
    "/issuers/{issuer_id}/proposer-threshold",
    summary="Set the voting power a holder needs to propose",
    responses=errors(ValidationFailed, GovernanceIssuerNotFound, PermissionDenied),
)
@access(SCOPED)
async def set_proposer_threshold(
    issuer_id: IssuerId,
    body: ProposerThresholdUpdate,
    actor: CurrentActor,
    handler: Annotated[SetProposerThresholdHandler, provide(SetProposerThresholdHandler)],
) -> ProposerThresholdRead:
    value = await handler.execute(
        SetProposerThreshold(
            actor=actor, issuer_id=issuer_id, proposer_threshold=Decimal(body.proposer_threshold)
        )
    )
    return ProposerThresholdRead(proposer_threshold=text(value) or "0")


@router.get(
    "/proposals/{proposal_id}",
    summary="A proposal: its state, and its tally unless hidden until close",
    responses=errors(ProposalNotFound),
)
@access(SCOPED)
async def get_proposal(
    proposal_id: ProposalId,
    actor: CurrentActor,
    handler: Annotated[GetProposalHandler, provide(GetProposalHandler)],
) -> ProposalRead:
    return ProposalRead.of_view(
        await handler.execute(GetProposal(actor=actor, proposal_id=proposal_id))
    )


@router.post(
    "/proposals/{proposal_id}/cancel",
    summary="Cancel a proposal (not once Canceled, Expired or Executed)",
    responses=errors(ProposalNotFound, ProposalStateInvalid, PermissionDenied),
)
@access(SCOPED)
async def cancel_proposal(
    proposal_id: ProposalId,
    actor: CurrentActor,
    handler: Annotated[CancelProposalHandler, provide(CancelProposalHandler)],
) -> ProposalRead:
    return ProposalRead.of_view(
        await handler.execute(CancelProposal(actor=actor, proposal_id=proposal_id))
    )


@router.post(
    "/proposals/{proposal_id}/queue",
    summary="Queue a succeeded proposal for execution after its execution delay",
    responses=errors(ProposalNotFound, ProposalStateInvalid, PermissionDenied),
)
@access(SCOPED)
async def queue_proposal(
    proposal_id: ProposalId,
    actor: CurrentActor,
    handler: Annotated[QueueProposalHandler, provide(QueueProposalHandler)],
) -> ProposalRead:
    return ProposalRead.of_view(
        await handler.execute(QueueProposal(actor=actor, proposal_id=proposal_id))
    )


@router.post(
    "/proposals/{proposal_id}/execute",
    summary="Record the board action that carries out a proposal",
    responses=errors(ProposalNotFound, ProposalStateInvalid, InvalidProposal, PermissionDenied),
)
@access(SCOPED)
async def execute_proposal(
    proposal_id: ProposalId,
    body: ExecutionCreate,
    actor: CurrentActor,
    handler: Annotated[ExecuteProposalHandler, provide(ExecuteProposalHandler)],
) -> ProposalRead:
    return ProposalRead.of_view(
        await handler.execute(
            ExecuteProposal(actor=actor, proposal_id=proposal_id, board_action=body.board_action)
        )
    )
