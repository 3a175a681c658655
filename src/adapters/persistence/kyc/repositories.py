"""KYC step rows ⇄ domain objects (one row per user and step, replaced on resubmission)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.kyc.models import AadhaarRow, BankRow, BusinessRow, PanRow
from adapters.persistence.mapping import row_values, to_domain
from adapters.persistence.statements import upsert
from domain.kyc.bank import BankStep
from domain.kyc.business import BusinessStep
from domain.kyc.steps import AadhaarStep, PanStep, StepState
from domain.shared.ids import UserId

KEY = ("user_id",)  # one row per user and step


class SqlAadhaarRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: UserId) -> AadhaarStep | None:
        row = await self._session.get(AadhaarRow, user_id, populate_existing=True)
        return None if row is None else to_domain(row, AadhaarStep)

    async def owner_of_index(self, number_index: str) -> UserId | None:
        owner = await self._session.scalar(
            select(AadhaarRow.user_id).where(AadhaarRow.number_index == number_index)
        )
        return None if owner is None else UserId(owner)

    async def save(self, step: AadhaarStep) -> None:
        await self._session.execute(upsert(AadhaarRow, row_values(step, AadhaarRow), key=KEY))


class SqlPanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: UserId) -> PanStep | None:
        row = await self._session.get(PanRow, user_id, populate_existing=True)
        return None if row is None else to_domain(row, PanStep)

    async def owner_of_index(self, pan_index: str) -> UserId | None:
        owner = await self._session.scalar(
            select(PanRow.user_id).where(PanRow.pan_index == pan_index)
        )
        return None if owner is None else UserId(owner)

    async def save(self, step: PanStep) -> None:
        await self._session.execute(upsert(PanRow, row_values(step, PanRow), key=KEY))


class SqlBusinessRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: UserId) -> BusinessStep | None:
        row = await self._session.get(BusinessRow, user_id, populate_existing=True)
        return None if row is None else to_domain(row, BusinessStep)

    async def save(self, step: BusinessStep) -> None:
        await self._session.execute(upsert(BusinessRow, row_values(step, BusinessRow), key=KEY))


class SqlBankRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: UserId) -> BankStep | None:
        row = await self._session.get(BankRow, user_id, populate_existing=True)
        return None if row is None else to_domain(row, BankStep)

    async def verified_owner_of_index(self, number_index: str) -> UserId | None:
        owner = await self._session.scalar(
            select(BankRow.user_id).where(
                BankRow.number_index == number_index,
                BankRow.state == StepState.VERIFIED.value,
            )
        )
        return None if owner is None else UserId(owner)

    async def save(self, step: BankStep) -> None:
        await self._session.execute(upsert(BankRow, row_values(step, BankRow), key=KEY))
