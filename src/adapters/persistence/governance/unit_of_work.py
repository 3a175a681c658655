"""Governance's unit of work: its repositories and the cap table's voting power on one
session, so a snapshot reads the holdings its own transaction sees."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.governance.repositories import (
    SqlBallots,
    SqlCommitments,
    SqlDelegations,
    SqlPowerSnapshots,
    SqlProposals,
    SqlSettings,
)
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from usecases.captable.public import VotingPower

CONSTRAINT_FIELDS = {
    "uq_governance_ballots_holder": "ballot",
    "ck_governance_delegations_not_to_self": "delegate_id",
}


class GovernanceUnitOfWork(SqlAlchemyUnitOfWork):
    def __init__(
        self, *args: Any, voting_power: Callable[[AsyncSession], VotingPower], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._voting_power = voting_power

    @property
    def proposals(self) -> SqlProposals:
        return SqlProposals(self.session)

    @property
    def snapshots(self) -> SqlPowerSnapshots:
        return SqlPowerSnapshots(self.session)

    @property
    def ballots(self) -> SqlBallots:
        return SqlBallots(self.session)

    @property
    def commitments(self) -> SqlCommitments:
        return SqlCommitments(self.session)

    @property
    def delegations(self) -> SqlDelegations:
        return SqlDelegations(self.session)

    @property
    def settings(self) -> SqlSettings:
        return SqlSettings(self.session)

    @property
    def voting_power(self) -> VotingPower:
        return self._voting_power(self.session)

    async def lock_issuer_delegations(self, issuer_id: UUID) -> None:
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
            {"key": f"governance-delegations:{issuer_id}"},
        )
