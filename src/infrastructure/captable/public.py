"""The cap table's public port for other contexts' wiring: the ``VotingPower`` reader on a unit
of work's session, so governance snapshots holdings inside its own transaction:

    GovernanceUnitOfWork(container.session_factory, voting_power=voting_power_factory(), ...)
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.captable.voting_power import SqlVotingPower
from usecases.captable.public import VotingPower


def voting_power_factory() -> Callable[[AsyncSession], VotingPower]:
    return SqlVotingPower
