"""Use case: operators (``banking:operate``) list bank rail instructions, newest first,
filtered by state, kind and reference, a cursor page at a time. Payout accounts are masked."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.banking.access import require_operator
from usecases.banking.ports import BankingUnitOfWork, InstructionFilter, InstructionView


@dataclass(frozen=True, slots=True, kw_only=True)
class ListRailInstructions:
    actor: Actor
    where: InstructionFilter = field(default_factory=InstructionFilter)
    page: PageRequest = field(default_factory=PageRequest)


class ListRailInstructionsHandler:
    def __init__(self, uow: BankingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListRailInstructions) -> Page[InstructionView]:
        require_operator(cmd.actor)
        async with self._uow as uow:
            return await uow.instructions.page(cmd.where, cmd.page)
