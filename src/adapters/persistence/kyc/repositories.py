"""KYC step rows ⇄ domain objects (one row per user and step, replaced on resubmission)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.kyc.models import AadhaarRow, PanRow
from domain.kyc.identity_numbers import PanHolder
from domain.kyc.steps import AadhaarStep, PanStep, StepState
from domain.shared.ids import UserId


class SqlAadhaarRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: UserId) -> AadhaarStep | None:
        row = await self._session.get(AadhaarRow, user_id)
        if row is None:
            return None
        return AadhaarStep(
            user_id=UserId(row.user_id),
            sealed_number=row.sealed_number,
            number_index=row.number_index,
            masked_number=row.masked_number,
            name=row.name,
            date_of_birth=row.date_of_birth,
            state=StepState(row.state),
            reason=row.reason,
            submitted_at=row.submitted_at,
            updated_at=row.updated_at,
        )

    async def owner_of_index(self, number_index: str) -> UserId | None:
        owner = await self._session.scalar(
            select(AadhaarRow.user_id).where(AadhaarRow.number_index == number_index)
        )
        return None if owner is None else UserId(owner)

    async def save(self, step: AadhaarStep) -> None:
        await self._session.merge(
            AadhaarRow(
                user_id=step.user_id,
                sealed_number=step.sealed_number,
                number_index=step.number_index,
                masked_number=step.masked_number,
                name=step.name,
                date_of_birth=step.date_of_birth,
                state=step.state.value,
                reason=step.reason,
                submitted_at=step.submitted_at,
                updated_at=step.updated_at,
            )
        )


class SqlPanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: UserId) -> PanStep | None:
        row = await self._session.get(PanRow, user_id)
        if row is None:
            return None
        return PanStep(
            user_id=UserId(row.user_id),
            pan=row.pan,
            pan_index=row.pan_index,
            masked_pan=row.masked_pan,
            holder=PanHolder(row.holder),
            name=row.name,
            registered_name=row.registered_name,
            name_match_score=row.name_match_score,
            state=StepState(row.state),
            reason=row.reason,
            submitted_at=row.submitted_at,
            updated_at=row.updated_at,
        )

    async def owner_of_index(self, pan_index: str) -> UserId | None:
        owner = await self._session.scalar(
            select(PanRow.user_id).where(PanRow.pan_index == pan_index)
        )
        return None if owner is None else UserId(owner)

    async def save(self, step: PanStep) -> None:
        await self._session.merge(
            PanRow(
                user_id=step.user_id,
                pan=step.pan,
                pan_index=step.pan_index,
                masked_pan=step.masked_pan,
                holder=step.holder.value,
                name=step.name,
                registered_name=step.registered_name,
                name_match_score=step.name_match_score,
                state=step.state.value,
                reason=step.reason,
                submitted_at=step.submitted_at,
                updated_at=step.updated_at,
            )
        )
