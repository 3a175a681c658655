"""Use case: an operator (``banking:operate``) fails a deposit or withdrawal stuck in
``pending`` because its rail instruction is ``dead`` (or still pending and due: never sent).

In one transaction (``Idempotency-Key`` honoured): the transfer is locked and failed with the
operator's reason (409 ``transfer_already_settled`` once settled), its instruction is locked and
``cancelled`` so no worker submits it afterwards (409 ``rail_instruction_submitted`` once the
rail accepted it, ``rail_instruction_in_flight`` while a worker may be asking the rail), a
withdrawal's hold is released through the ledger, the user is notified and the operator audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Literal
from uuid import UUID

from domain.banking.transfers import Deposit, Transfer, Withdrawal, reference_of
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import NotFound, invalid_field
from usecases.banking.access import require_operator
from usecases.banking.get_deposit import DepositNotFound
from usecases.banking.get_withdrawal import WithdrawalNotFound
from usecases.banking.messages import transfer_failed_message
from usecases.banking.ports import BankingUnitOfWork
from usecases.identity.public.user_directory import UserDirectory
from usecases.ledger.public import HoldId
from usecases.shared.idempotency import IdempotencyGate, IdempotencyKey, Idempotent

TransferKind = Literal["deposit", "withdrawal"]
REASON_MAX = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class FailTransfer:
    actor: Actor
    kind: TransferKind
    transfer_id: UUID
    reason: str  # shown to the user
    idempotency: IdempotencyKey | None = None


class FailTransferHandler:
    def __init__(
        self,
        uow: BankingUnitOfWork,
        users: UserDirectory,
        clock: Clock,
        *,
        idempotency_ttl: timedelta,
    ) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock
        self._ttl = idempotency_ttl

    async def execute(self, cmd: FailTransfer) -> Idempotent[Transfer]:
        require_operator(cmd.actor)
        reason = " ".join(cmd.reason.split())
        if not 3 <= len(reason) <= REASON_MAX:
            raise invalid_field("reason", f"between 3 and {REASON_MAX} characters")
        async with self._uow as uow:  # a read: whose transfer, to address the message
            found = await self._get(uow, cmd, for_update=False)
        contact = await self._users.contact(found.user_id)
        if contact is None:
            raise self._not_found(cmd)
        now = self._clock.now()
        async with self._uow as uow:
            gate: IdempotencyGate[Transfer] = await IdempotencyGate.enter(
                uow.idempotency, cmd.actor, cmd.idempotency, now, self._ttl
            )
            if gate.replay is not None:
                return gate.replay
            transfer = await self._get(uow, cmd, for_update=True)
            before = transfer.state.value
            transfer.fail(reason, at=now)
            instruction = await uow.instructions.by_reference(reference_of(cmd.kind, transfer.id))
            if instruction is not None:
                instruction.cancel(at=now)
                await uow.instructions.save(instruction)
            if isinstance(transfer, Withdrawal):
                await uow.ledger.release_hold(HoldId(transfer.hold_id))
                await uow.withdrawals.save(transfer)
            elif isinstance(transfer, Deposit):
                await uow.deposits.save(transfer)
            await uow.notifier.notify(transfer_failed_message(contact, transfer))
            outcome = await gate.complete(transfer, now)
            uow.audit(
                AuditRecord(
                    action=f"banking.fail_{cmd.kind}",
                    actor=cmd.actor,
                    resource_type=cmd.kind,
                    resource_id=str(transfer.id),
                    before={"state": before},
                    after={
                        "state": transfer.state.value,
                        "failure_reason": reason,
                        "instruction_id": None if instruction is None else str(instruction.id),
                        "instruction_state": None
                        if instruction is None
                        else instruction.state.value,
                        "hold_released": isinstance(transfer, Withdrawal),
                    },
                )
            )
            await uow.commit()
            return outcome

    async def _get(
        self, uow: BankingUnitOfWork, cmd: FailTransfer, *, for_update: bool
    ) -> Transfer:
        transfer: Transfer | None
        if cmd.kind == "deposit":
            transfer = await uow.deposits.get(cmd.transfer_id, for_update=for_update)
        else:
            transfer = await uow.withdrawals.get(cmd.transfer_id, for_update=for_update)
        if transfer is None:
            raise self._not_found(cmd)
        return transfer

    @staticmethod
    def _not_found(cmd: FailTransfer) -> NotFound:
        if cmd.kind == "deposit":
            return DepositNotFound(f"no deposit {cmd.transfer_id}")
        return WithdrawalNotFound(f"no withdrawal {cmd.transfer_id}")
