"""Use case: a closed proposal's results as PDF, for its holders and the issuer's admins: the
tally per option, quorum, the state, the commitment, and the voters (anonymous where the
proposal is), the first ``MAX_VOTERS`` by weight listed."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.governance.errors import ProposalNotClosed
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.governance.access import proposal_for
from usecases.governance.ports import GovernanceUnitOfWork
from usecases.governance.rendering import MAX_VOTERS, ResultsRenderer, ResultsSheet, VoterLine


@dataclass(frozen=True, slots=True, kw_only=True)
class DownloadResults:
    actor: Actor
    proposal_id: UUID


@dataclass(frozen=True, slots=True)
class ResultsPdf:
    content: bytes
    filename: str


class DownloadResultsHandler:
    def __init__(self, uow: GovernanceUnitOfWork, renderer: ResultsRenderer, clock: Clock) -> None:
        self._uow = uow
        self._renderer = renderer
        self._clock = clock

    async def execute(self, cmd: DownloadResults) -> ResultsPdf:
        async with self._uow as uow:
            proposal, _ = await proposal_for(uow, cmd.actor, cmd.proposal_id)
            if proposal.outcome is None or proposal.commitment is None:
                raise ProposalNotClosed()
            tally = await uow.ballots.tally(proposal.id, len(proposal.options))
            ballots = sorted(await uow.ballots.all(proposal.id), key=lambda b: -b.weight)
            shown = ballots[:MAX_VOTERS]
            names: dict[UUID, str] = {}
            if not proposal.rules.anonymous:
                infos = await uow.voting_power.stakeholders(
                    proposal.issuer_id, [b.stakeholder_id for b in shown]
                )
                names = {k: v.legal_name for k, v in infos.items()}
            issuer = await uow.voting_power.issuer_name(proposal.issuer_id) or ""
        sheet = ResultsSheet(
            issuer_name=issuer,
            title=proposal.title,
            kind=proposal.rules.kind.value,
            state=proposal.state(self._clock.now()).value,
            vote_start=proposal.vote_start,
            vote_end=proposal.vote_end,
            options=tuple(zip(proposal.options, tally.by_option, strict=True)),
            snapshot_total=proposal.snapshot_total or 0,  # type: ignore[arg-type]
            quorum_votes=proposal.outcome.quorum_votes,
            counted=proposal.outcome.counted,
            ballots=tally.ballots,
            commitment=proposal.commitment,
            voters=tuple(
                VoterLine(
                    names.get(b.stakeholder_id, "anonymous"),
                    b.weight,
                    ", ".join(proposal.options[i] for i in sorted(b.allocation)),
                )
                for b in shown
            ),
            more_voters=max(0, len(ballots) - len(shown)),
        )
        content = await self._renderer.results(sheet)
        return ResultsPdf(content, f"proposal-{proposal.id}-results.pdf")
