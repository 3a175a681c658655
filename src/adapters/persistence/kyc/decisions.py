"""Reviewers' decisions ⇄ rows of ``kyc_review_decisions``."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.kyc.review_models import ReviewDecisionRow
from domain.kyc.review import Decision
from domain.kyc.steps import Step
from domain.shared.ids import UserId, new_uuid
from usecases.kyc.review_ports import ReviewDecisionRecord


class SqlReviewDecisionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, record: ReviewDecisionRecord) -> None:
        self._session.add(
            ReviewDecisionRow(
                id=new_uuid(),
                user_id=record.user_id,
                step=record.step.value,
                decision=record.decision.value,
                reason=record.reason,
                note=record.note,
                reviewer_id=record.reviewer_id,
                decided_at=record.decided_at,
            )
        )

    async def history(self, user_id: UserId, step: Step) -> list[ReviewDecisionRecord]:
        r = ReviewDecisionRow
        rows = await self._session.scalars(
            select(r)
            .where(r.user_id == user_id, r.step == step.value)
            .order_by(r.decided_at.desc(), r.id.desc())
        )
        return [
            ReviewDecisionRecord(
                user_id=UserId(row.user_id),
                step=Step(row.step),
                decision=Decision(row.decision),
                reason=row.reason,
                note=row.note,
                reviewer_id=UserId(row.reviewer_id),
                decided_at=row.decided_at,
            )
            for row in rows
        ]
