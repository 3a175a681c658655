"""Use case: a company admin exercises the issuer's right of first refusal while the window is
open, naming the stakeholder who buys (the company's own or an assignee) on the noticed terms.
The named buyer is told they were replaced; the right, once exercised, binds the seller."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.errors import UnknownReference
from domain.captable.share_transfer import ShareTransfer
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.captable.transfers.access import as_admin, transfer_in
from usecases.captable.transfers.ports import TransfersUnitOfWork
from usecases.captable.transfers.recording import notify_parties, transfer_audit
from usecases.identity.public.user_directory import UserDirectory


@dataclass(frozen=True, slots=True, kw_only=True)
class ExerciseRofr:
    actor: Actor
    issuer_id: UUID
    transfer_id: UUID
    purchaser_id: UUID  # the stakeholder who buys in place of the noticed buyer


class ExerciseRofrHandler:
    def __init__(self, uow: TransfersUnitOfWork, users: UserDirectory, clock: Clock) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock

    async def execute(self, cmd: ExerciseRofr) -> ShareTransfer:
        now = self._clock.now()
        async with self._uow as uow:
            issuer = await as_admin(uow, cmd.actor, cmd.issuer_id)
            transfer = await transfer_in(uow, cmd.issuer_id, cmd.transfer_id)
            if not await uow.stakeholders.ids(issuer.id, [cmd.purchaser_id]):
                raise UnknownReference("purchaser_id", "stakeholder", cmd.purchaser_id)
            exercised = transfer.exercise_rofr(cmd.purchaser_id, now)
            await uow.share_transfers.save(exercised)
            uow.audit(transfer_audit(cmd.actor, "exercise_rofr_on", transfer, exercised))
            names = await uow.stakeholders.names(issuer.id, [cmd.purchaser_id])
            await notify_parties(
                uow,
                self._users,
                issuer,
                exercised,
                headline="the company exercised its right of first refusal",
                detail=(
                    f"{names.get(cmd.purchaser_id, 'The company')} buys on the noticed terms "
                    "in place of the buyer first named."
                ),
            )
            await uow.commit()
        return exercised
