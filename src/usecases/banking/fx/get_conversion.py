"""Use case: one of my currency conversions (anyone else's answers 404, like an unknown id)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.banking.fx import FxConversion, FxConversionNotFound
from domain.shared.actor import Actor
from usecases.banking.access import signed_in_user
from usecases.banking.ports import BankingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetFxConversion:
    actor: Actor
    conversion_id: UUID


class GetFxConversionHandler:
    def __init__(self, uow: BankingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetFxConversion) -> FxConversion:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            conversion = await uow.fx_conversions.get(cmd.conversion_id)
        if conversion is None or conversion.user_id != user_id:
            raise FxConversionNotFound(f"no conversion {cmd.conversion_id}")
        return conversion
