"""Use case: operators (``banking:operate``) read one bank rail instruction (masked)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.banking.rail import RailInstructionNotFound
from domain.shared.actor import Actor
from usecases.banking.access import require_operator
from usecases.banking.ports import BankingUnitOfWork, InstructionView


@dataclass(frozen=True, slots=True, kw_only=True)
class GetRailInstruction:
    actor: Actor
    instruction_id: UUID


class GetRailInstructionHandler:
    def __init__(self, uow: BankingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetRailInstruction) -> InstructionView:
        require_operator(cmd.actor)
        async with self._uow as uow:
            found = await uow.instructions.view(cmd.instruction_id)
        if found is None:
            raise RailInstructionNotFound(f"no rail instruction {cmd.instruction_id}")
        return found
