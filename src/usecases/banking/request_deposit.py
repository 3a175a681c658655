"""Use case: start a deposit (``Idempotency-Key`` honoured). The deposit is ``pending``; a rail
collection instruction is written in the same transaction and submitted by the worker; the
rail's webhook completes it (the cash is credited) or fails it (nothing moves)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.banking.amounts import parse_amount
from domain.banking.rail import InstructionKind, InstructionState, RailInstruction
from domain.banking.transfers import Deposit, DepositMethod, TransferState, reference_of
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.ids import new_uuid
from usecases.banking.access import signed_in_user
from usecases.banking.config import BankingConfig
from usecases.banking.ports import BankingUnitOfWork
from usecases.kyc.public.kyc_gate import KycGate
from usecases.shared.idempotency import IdempotencyGate, IdempotencyKey, Idempotent


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestDeposit:
    actor: Actor
    amount: str
    currency: str
    method: DepositMethod
    idempotency: IdempotencyKey | None = None


class RequestDepositHandler:
    def __init__(
        self, uow: BankingUnitOfWork, kyc: KycGate, clock: Clock, config: BankingConfig
    ) -> None:
        self._uow = uow
        self._kyc = kyc
        self._clock = clock
        self._config = config

    async def execute(self, cmd: RequestDeposit) -> Idempotent[Deposit]:
        user_id = signed_in_user(cmd.actor)
        money = parse_amount(
            cmd.amount,
            cmd.currency,
            supported=self._config.currencies,
            maximum=self._config.deposit_max,
        )
        now = self._clock.now()
        deposit = Deposit(
            id=new_uuid(),
            user_id=user_id,
            amount=money.amount,
            currency=money.currency.code,
            method=cmd.method,
            state=TransferState.PENDING,
            rail_reference=None,
            failure_reason=None,
            created_at=now,
            settled_at=None,
        )
        async with self._uow as uow:
            await self._kyc.require_within(uow.kyc_levels, user_id, "deposit")
            # The new pending deposit is the answer: claimed and stored in one statement.
            outcome = await IdempotencyGate.begin(
                uow.idempotency,
                cmd.actor,
                cmd.idempotency,
                deposit,
                now,
                self._config.idempotency_ttl,
            )
            if outcome.replayed:
                return outcome
            await uow.deposits.add_with_instruction(
                deposit,
                RailInstruction(
                    id=new_uuid(),
                    kind=InstructionKind.COLLECTION,
                    reference=reference_of("deposit", deposit.id),
                    amount=deposit.amount,
                    currency=deposit.currency,
                    method=cmd.method.value,
                    bank_account_id=None,
                    state=InstructionState.PENDING,
                    attempts=0,
                    next_attempt_at=now,
                    rail_reference=None,
                    last_error=None,
                    created_at=now,
                    submitted_at=None,
                ),
            )
            uow.audit(
                AuditRecord(
                    action="banking.request_deposit",
                    actor=cmd.actor,
                    resource_type="deposit",
                    resource_id=str(deposit.id),
                    after={
                        "amount": f"{deposit.amount:f}",
                        "currency": deposit.currency,
                        "method": cmd.method.value,
                        "state": deposit.state.value,
                    },
                )
            )
            await uow.commit()
            return outcome
