"""Voting: ballots (one per holder), my ballot and voting power, delegation, the published
ballots and the verification of a receipt against the commitment."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.governance.schemas import (
    BallotCreate,
    BallotRead,
    DelegationUpdate,
    PublishedBallotPage,
    PublishedBallotRead,
    VerificationRead,
    VotingPowerRead,
)
from adapters.http.paging import Cursor, Limit
from adapters.http.policy import access, owner_or
from adapters.http.registry import provide
from domain.governance.errors import (
    BallotAlreadyCast,
    BallotNotFound,
    DelegationCycle,
    GovernanceIssuerNotFound,
    InvalidReceipt,
    NoVotingPower,
    ProposalNotActive,
    ProposalNotClosed,
    ProposalNotFound,
    ResultsHidden,
    UnknownDelegate,
    UnknownOption,
)
from domain.shared.errors import PermissionDenied, ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.governance.access import GOVERNANCE_PROPOSE
from usecases.governance.results.download_results import (
    DownloadResults,
    DownloadResultsHandler,
)
from usecases.governance.results.list_ballots import ListBallots, ListBallotsHandler
from usecases.governance.results.verify_ballot import VerifyBallot, VerifyBallotHandler
from usecases.governance.voting.cast_ballot import CastBallot, CastBallotHandler
from usecases.governance.voting.delegate_votes import DelegateVotes, DelegateVotesHandler
from usecases.governance.voting.get_my_ballot import GetMyBallot, GetMyBallotHandler
from usecases.governance.voting.get_my_voting_power import (
    GetMyVotingPower,
    GetMyVotingPowerHandler,
)

router = APIRouter(prefix="/governance", tags=["governance"])
IssuerId = Annotated[UUID, Path(description="The issuer.")]
ProposalId = Annotated[UUID, Path(description="The proposal.")]
SCOPED = owner_or(GOVERNANCE_PROPOSE)
PDF = {"type": "string", "format": "binary"}


@router.post(
    "/proposals/{proposal_id}/ballots",
    summary="Cast (or change, where allowed) my ballot",
    responses=errors(
        UnknownOption,
        ValidationFailed,
        ProposalNotFound,
        ProposalNotActive,
        BallotAlreadyCast,
        NoVotingPower,
    ),
)
@access(SCOPED)
async def cast_ballot(
    proposal_id: ProposalId,
    body: BallotCreate,
    actor: CurrentActor,
    handler: Annotated[CastBallotHandler, provide(CastBallotHandler)],
) -> BallotRead:
    view = await handler.execute(
        CastBallot(
            actor=actor,
            proposal_id=proposal_id,
            choices=tuple(body.choices),
            shares={s.option: Decimal(s.share) for s in body.shares},
            reason=body.reason,
        )
    )
    return BallotRead.of_view(view)


@router.get(
    "/proposals/{proposal_id}/ballots/me",
    summary="My ballot on a proposal, with its receipt",
    responses=errors(ProposalNotFound, BallotNotFound),
)
@access(SCOPED)
async def get_my_ballot(
    proposal_id: ProposalId,
    actor: CurrentActor,
    handler: Annotated[GetMyBallotHandler, provide(GetMyBallotHandler)],
) -> BallotRead:
    return BallotRead.of_view(
        await handler.execute(GetMyBallot(actor=actor, proposal_id=proposal_id))
    )


@router.get(
    "/proposals/{proposal_id}/ballots/verify",
    summary="Prove a ballot is in the set committed at close, and the set and tally intact",
    responses=errors(InvalidReceipt, ProposalNotFound, ProposalNotClosed),
)
@access(SCOPED)
async def verify_ballot(
    proposal_id: ProposalId,
    actor: CurrentActor,
    handler: Annotated[VerifyBallotHandler, provide(VerifyBallotHandler)],
    receipt: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=8000,
            description="My ballot's receipt; omit to check only the committed set and tally.",
        ),
    ] = None,
) -> VerificationRead:
    return VerificationRead.of_view(
        await handler.execute(VerifyBallot(actor=actor, proposal_id=proposal_id, receipt=receipt))
    )


@router.get(
    "/proposals/{proposal_id}/ballots",
    summary="The published ballots with their leaf hashes (holders named unless anonymous)",
    responses=errors(ProposalNotFound, ResultsHidden),
)
@access(SCOPED)
async def list_ballots(
    proposal_id: ProposalId,
    actor: CurrentActor,
    handler: Annotated[ListBallotsHandler, provide(ListBallotsHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> PublishedBallotPage:
    page = await handler.execute(
        ListBallots(actor=actor, proposal_id=proposal_id, page=PageRequest(limit, cursor))
    )
    return PublishedBallotPage(
        items=[PublishedBallotRead.of_row(row) for row in page.items],
        next_cursor=page.next_cursor,
    )


@router.get(
    "/issuers/{issuer_id}/voting-power/me",
    summary="My voting power now and at a proposal's snapshot, own and delegated apart",
    responses=errors(GovernanceIssuerNotFound, ProposalNotFound, PermissionDenied),
)
@access(SCOPED)
async def get_my_voting_power(
    issuer_id: IssuerId,
    actor: CurrentActor,
    handler: Annotated[GetMyVotingPowerHandler, provide(GetMyVotingPowerHandler)],
    proposal_id: Annotated[
        UUID | None, Query(description="Also show my power at this proposal's snapshot.")
    ] = None,
) -> VotingPowerRead:
    view = await handler.execute(
        GetMyVotingPower(actor=actor, issuer_id=issuer_id, proposal_id=proposal_id)
    )
    return VotingPowerRead.of_view(view)


@router.put(
    "/issuers/{issuer_id}/delegation/me",
    summary="Delegate my voting power to another holder (from the next snapshot)",
    responses=errors(UnknownDelegate, DelegationCycle, GovernanceIssuerNotFound, PermissionDenied),
)
@access(SCOPED)
async def delegate_votes(
    issuer_id: IssuerId,
    body: DelegationUpdate,
    actor: CurrentActor,
    handler: Annotated[DelegateVotesHandler, provide(DelegateVotesHandler)],
) -> VotingPowerRead:
    view = await handler.execute(
        DelegateVotes(actor=actor, issuer_id=issuer_id, delegate_id=body.delegate_id)
    )
    return VotingPowerRead.of_view(view)


@router.get(
    "/proposals/{proposal_id}/results/pdf",
    summary="A closed proposal's results as PDF: tally, quorum, state, commitment, voters",
    response_class=Response,
    responses={
        200: {"description": "The results.", "content": {"application/pdf": {"schema": PDF}}},
        **errors(ProposalNotFound, ProposalNotClosed),
    },
)
@access(SCOPED)
async def get_results_pdf(
    proposal_id: ProposalId,
    actor: CurrentActor,
    handler: Annotated[DownloadResultsHandler, provide(DownloadResultsHandler)],
) -> Response:
    pdf = await handler.execute(DownloadResults(actor=actor, proposal_id=proposal_id))
    return Response(
        pdf.content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{pdf.filename}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
