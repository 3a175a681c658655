"""Governance context wiring: proposals, ballots, delegation, results and the worker's
deadlines.

Voting power comes from the cap table's public port, built on governance's own unit of work
session (``infrastructure/captable/public.py``), so a snapshot is the cap table its
transaction sees; identity's user directory (the holders' contacts) is taken by type."""

from __future__ import annotations

from adapters.http.governance.proposals_router import router as proposals_router
from adapters.http.governance.voting_router import router as voting_router
from adapters.persistence.governance.unit_of_work import CONSTRAINT_FIELDS, GovernanceUnitOfWork
from infrastructure.captable.public import voting_power_factory
from infrastructure.container import Container
from infrastructure.governance.pdf import ReportLabResults
from infrastructure.wiring.module import ContextModule, Mounted
from infrastructure.wiring.providers import once, per_use
from usecases.governance import ports
from usecases.governance.proposals.cancel_proposal import CancelProposalHandler
from usecases.governance.proposals.create_proposal import CreateProposalHandler
from usecases.governance.proposals.execute_proposal import ExecuteProposalHandler
from usecases.governance.proposals.get_proposal import GetProposalHandler
from usecases.governance.proposals.list_proposals import ListProposalsHandler
from usecases.governance.proposals.queue_proposal import QueueProposalHandler
from usecases.governance.proposals.set_proposer_threshold import SetProposerThresholdHandler
from usecases.governance.rendering import ResultsRenderer
from usecases.governance.results.download_results import DownloadResultsHandler
from usecases.governance.results.list_ballots import ListBallotsHandler
from usecases.governance.results.verify_ballot import VerifyBallotHandler
from usecases.governance.voting.cast_ballot import CastBallotHandler
from usecases.governance.voting.delegate_votes import DelegateVotesHandler
from usecases.governance.voting.get_my_ballot import GetMyBallotHandler
from usecases.governance.voting.get_my_voting_power import GetMyVotingPowerHandler
from usecases.governance.worker.advance_proposals import AdvanceProposalsHandler


def unit_of_work(container: Container) -> GovernanceUnitOfWork:
    return GovernanceUnitOfWork(
        container.session_factory,
        voting_power=voting_power_factory(),
        notifier_factory=container.notifier_factory,
        constraint_fields=CONSTRAINT_FIELDS,
        clock=container.clock,
    )


MODULE = ContextModule(
    name="governance",
    handlers=(
        CreateProposalHandler,
        ListProposalsHandler,
        GetProposalHandler,
        CancelProposalHandler,
        QueueProposalHandler,
        ExecuteProposalHandler,
        SetProposerThresholdHandler,
        CastBallotHandler,
        GetMyBallotHandler,
        GetMyVotingPowerHandler,
        DelegateVotesHandler,
        ListBallotsHandler,
        VerifyBallotHandler,
        DownloadResultsHandler,
        AdvanceProposalsHandler,  # the worker's
    ),
    collaborators=(
        per_use(ports.GovernanceUnitOfWork, unit_of_work),
        once(ResultsRenderer, ReportLabResults),
    ),
    routers=(Mounted(proposals_router), Mounted(voting_router)),
)
