"""Reviewers' decisions ⇄ rows of ``kyc_review_decisions``."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.kyc.review_models import ReviewDecisionRow
from adapters.persistence.mapping import row_values, to_domain
from domain.kyc.steps import Step
from domain.shared.ids import UserId, new_uuid
from usecases.kyc.review_ports import ReviewDecisionRecord


class SqlReviewDecisionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, record: ReviewDecisionRecord) -> None:
        await self._session.execute(
            insert(ReviewDecisionRow).values(**row_values(record, ReviewDecisionRow, id=new_uuid()))
        )

    async def history(self, user_id: UserId, step: Step) -> list[ReviewDecisionRecord]:
        r = ReviewDecisionRow
        rows = await self._session.scalars(
            select(r)
            .where(r.user_id == user_id, r.step == step.value)
            .order_by(r.decided_at.desc(), r.id.desc())
        )
        return [to_domain(row, ReviewDecisionRecord) for row in rows]
