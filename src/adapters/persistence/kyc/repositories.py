"""KYC step rows ⇄ domain objects (one row per user and step, replaced on resubmission)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.kyc.models import AadhaarRow, BankRow, BusinessRow, PanRow
from domain.kyc.bank import BankStep
from domain.kyc.business import BusinessStep, Constitution, ContactChannel
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
            otp_reference=row.otp_reference,
            otp_requested_at=row.otp_requested_at,
            otp_attempts=row.otp_attempts,
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
                otp_reference=step.otp_reference,
                otp_requested_at=step.otp_requested_at,
                otp_attempts=step.otp_attempts,
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


class SqlBusinessRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: UserId) -> BusinessStep | None:
        row = await self._session.get(BusinessRow, user_id)
        if row is None:
            return None
        return BusinessStep(
            user_id=UserId(row.user_id),
            legal_name=row.legal_name,
            constitution=Constitution(row.constitution),
            gstin=row.gstin,
            registered_address=row.registered_address,
            contact_channel=ContactChannel(row.contact_channel),
            contact=row.contact,
            contact_verified_at=row.contact_verified_at,
            state=StepState(row.state),
            reason=row.reason,
            submitted_at=row.submitted_at,
            updated_at=row.updated_at,
        )

    async def save(self, step: BusinessStep) -> None:
        await self._session.merge(
            BusinessRow(
                user_id=step.user_id,
                legal_name=step.legal_name,
                constitution=step.constitution.value,
                gstin=step.gstin,
                registered_address=step.registered_address,
                contact_channel=step.contact_channel.value,
                contact=step.contact,
                contact_verified_at=step.contact_verified_at,
                state=step.state.value,
                reason=step.reason,
                submitted_at=step.submitted_at,
                updated_at=step.updated_at,
            )
        )


class SqlBankRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: UserId) -> BankStep | None:
        row = await self._session.get(BankRow, user_id)
        if row is None:
            return None
        return BankStep(
            user_id=UserId(row.user_id),
            sealed_number=row.sealed_number,
            number_index=row.number_index,
            masked_number=row.masked_number,
            ifsc=row.ifsc,
            bank_name=row.bank_name,
            branch=row.branch,
            holder_name=row.holder_name,
            name_match_score=row.name_match_score,
            penny_drop_reference=row.penny_drop_reference,
            state=StepState(row.state),
            reason=row.reason,
            submitted_at=row.submitted_at,
            updated_at=row.updated_at,
        )

    async def verified_owner_of_index(self, number_index: str) -> UserId | None:
        owner = await self._session.scalar(
            select(BankRow.user_id).where(
                BankRow.number_index == number_index,
                BankRow.state == StepState.VERIFIED.value,
            )
        )
        return None if owner is None else UserId(owner)

    async def save(self, step: BankStep) -> None:
        await self._session.merge(
            BankRow(
                user_id=step.user_id,
                sealed_number=step.sealed_number,
                number_index=step.number_index,
                masked_number=step.masked_number,
                ifsc=step.ifsc,
                bank_name=step.bank_name,
                branch=step.branch,
                holder_name=step.holder_name,
                name_match_score=step.name_match_score,
                penny_drop_reference=step.penny_drop_reference,
                state=step.state.value,
                reason=step.reason,
                submitted_at=step.submitted_at,
                updated_at=step.updated_at,
            )
        )
