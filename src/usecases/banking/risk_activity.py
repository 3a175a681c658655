"""Banking's source of risk activity for identity's suspicious-activity list: withdrawals
challenged or blocked by the velocity rule (the shared ``RiskActivitySource`` port)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from uuid import UUID

from domain.shared.ids import UserId
from usecases.banking.ports import BankingUnitOfWork
from usecases.identity.public.risk_activity import RiskActivity


class BankingRiskActivity:
    def __init__(self, uow_factory: Callable[[], BankingUnitOfWork]) -> None:
        self._uow_factory = uow_factory

    async def suspicious(
        self,
        user_id: UserId,
        *,
        min_score: int,
        before: tuple[datetime, UUID] | None,
        limit: int,
    ) -> list[RiskActivity]:
        async with self._uow_factory() as uow:
            return await uow.risk_events.suspicious(
                user_id, min_score=min_score, before=before, limit=limit
            )
