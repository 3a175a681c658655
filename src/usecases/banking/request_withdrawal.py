"""Use case: withdraw to one of my verified linked accounts (the primary one unless named),
``Idempotency-Key`` honoured.

In one transaction, serialised per user: the KYC gate and the KYC-verified bank account are
read; the limits (per transaction, daily) and the velocity rule are checked against my other
withdrawals; the new withdrawal (its hold's id drawn ahead) is the answer, claimed under the
``Idempotency-Key`` and stored in one statement (``IdempotencyGate.begin``; a replay ends here,
its spent code not checked again); above the step-up threshold, or at a velocity
score from the challenge threshold, a second-factor code is required; from the block threshold
the withdrawal is refused. The amount is then held on my cash account (422
``insufficient_funds`` beyond what is available), the withdrawal and a payout instruction are
written, with the audit record carrying the risk score and reasons. A refusal for risk or a
missing second factor is recorded as risk activity (its own small transaction) and nothing else
is written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.banking.amounts import parse_amount
from domain.banking.bank_accounts import BankAccountNotFound, LinkedBankAccount
from domain.banking.rail import InstructionKind, InstructionState, RailInstruction
from domain.banking.transfers import TransferState, Withdrawal, reference_of
from domain.banking.velocity import VelocityAssessment, VelocityDecision, WithdrawalBlockedRisk
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import DomainError, FieldError
from domain.shared.ids import UserId, new_uuid
from domain.shared.money import Money
from usecases.banking.access import signed_in_user
from usecases.banking.config import BankingConfig
from usecases.banking.kyc_account import KycAccountAdopter, adoption_record
from usecases.banking.ports import BankingUnitOfWork
from usecases.identity.public.risk_activity import RiskActivity, RiskReason
from usecases.identity.public.second_factor import (
    SecondFactorCheck,
    SecondFactorVerifier,
    StepUpFailed,
    StepUpRequired,
    TwoFactorNotEnabled,
    TwoFactorRequired,
)
from usecases.kyc.public.kyc_gate import KycGate
from usecases.ledger.public import AccountKind, AccountSpec, Asset, HoldId, InsufficientFunds
from usecases.shared.idempotency import IdempotencyGate, IdempotencyKey, Idempotent

ACCOUNT_FIELD = "bank_account_id"


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestWithdrawal:
    actor: Actor
    amount: str
    currency: str
    bank_account_id: UUID | None = None  # None: my primary account
    second_factor_code: str | None = None
    idempotency: IdempotencyKey | None = None

    def __repr__(self) -> str:  # never the code
        return f"RequestWithdrawal(actor={self.actor!r}, amount={self.amount!r})"


def _start_of_day(at: datetime) -> datetime:
    return at.replace(hour=0, minute=0, second=0, microsecond=0)


class RequestWithdrawalHandler:
    def __init__(
        self,
        uow: BankingUnitOfWork,
        kyc: KycGate,
        adopter: KycAccountAdopter,
        second_factor: SecondFactorVerifier,
        clock: Clock,
        config: BankingConfig,
    ) -> None:
        self._uow = uow
        self._kyc = kyc
        self._adopter = adopter
        self._second_factor = second_factor
        self._clock = clock
        self._config = config

    async def _check_code(self, user_id: UserId, code: str | None) -> None:
        """A second factor sent is checked (and used up) once the request is known not to be a
        replay; a wrong one is refused even where none was needed."""
        if code is None:
            return
        check = await self._second_factor.verify(user_id, code, purpose="withdrawal")
        if check is SecondFactorCheck.NOT_ENROLLED:
            raise TwoFactorNotEnabled(
                "turn on an authenticator (two-factor) to confirm large or unusual withdrawals"
            )
        if check is SecondFactorCheck.WRONG:
            raise StepUpFailed(
                "the second-factor code is wrong or already used",
                errors=[FieldError("second_factor_code", "not valid", "step_up_failed")],
            )

    async def execute(self, cmd: RequestWithdrawal) -> Idempotent[Withdrawal]:
        user_id = signed_in_user(cmd.actor)
        money = parse_amount(cmd.amount, cmd.currency, supported=self._config.currencies)
        amount = money.amount
        now = self._clock.now()
        # A code sent is checked below, once the request is known not to be a replay.
        stepped_up = cmd.second_factor_code is not None
        refusal: DomainError | None = None
        async with self._uow as uow:
            await self._kyc.require_within(uow.kyc_levels, user_id, "withdraw")
            await uow.lock_user(user_id)
            found = await self._adopter.fetch(user_id, within=uow.verified_bank_accounts)
            adopted = await self._adopter.adopt(uow, cmd.actor, user_id, now, found)
            if adopted is not None:
                uow.audit(adoption_record(cmd.actor, adopted))
            try:
                account = await self._destination(uow, user_id, cmd.bank_account_id)
            except DomainError:  # gone since? a retry of a request answered then still replays
                earlier: IdempotencyGate[Withdrawal] = await IdempotencyGate.enter(
                    uow.idempotency, cmd.actor, cmd.idempotency, now, self._config.idempotency_ttl
                )
                if earlier.replay is not None:
                    return earlier.replay
                raise
            today = await uow.withdrawals.total_since(user_id, _start_of_day(now))
            step_up = self._config.limits.check(amount, withdrawn_today=today)
            assessment = self._config.velocity.assess(
                amount, await uow.withdrawals.recent(user_id, now)
            )
            withdrawal = self._withdrawal(user_id, money, account, assessment, stepped_up, now)
            # The new pending withdrawal is the answer: claimed and stored in one statement,
            # rolled back with everything else if it is refused below.
            outcome = await IdempotencyGate.begin(
                uow.idempotency,
                cmd.actor,
                cmd.idempotency,
                withdrawal,
                now,
                self._config.idempotency_ttl,
            )
            if outcome.replayed:
                return outcome  # a retry: its (spent) code is not checked again
            await self._check_code(user_id, cmd.second_factor_code)
            refusal = self._refusal(assessment, step_up, stepped_up)
            if isinstance(refusal, StepUpRequired) and not await self._second_factor.enrolled(
                user_id
            ):
                refusal = TwoFactorRequired(
                    "this withdrawal needs your authenticator code, and two-factor is not on: "
                    "enable two-factor authentication first (POST /api/v1/auth/2fa/enroll)"
                )
            if refusal is None:
                await self._hold_and_write(uow, cmd.actor, withdrawal, account, assessment)
                await uow.commit()
                return outcome
        assert refusal is not None  # every other path returned
        await self._record_refusal(cmd.actor, user_id, assessment, refusal, now)
        raise refusal

    @staticmethod
    def _withdrawal(
        user_id: UserId,
        money: Money,
        account: LinkedBankAccount,
        assessment: VelocityAssessment,
        stepped_up: bool,
        now: datetime,
    ) -> Withdrawal:
        """The new pending withdrawal, its hold's id drawn ahead of the hold."""
        return Withdrawal(
            id=new_uuid(),
            user_id=user_id,
            amount=money.amount,
            currency=money.currency.code,
            state=TransferState.PENDING,
            rail_reference=None,
            failure_reason=None,
            created_at=now,
            settled_at=None,
            bank_account_id=account.id,
            hold_id=new_uuid(),
            stepped_up=stepped_up,
            risk_score=assessment.score,
            risk_reasons=assessment.reasons,
        )

    async def _destination(
        self, uow: BankingUnitOfWork, user_id: UserId, account_id: UUID | None
    ) -> LinkedBankAccount:
        accounts = await uow.bank_accounts.of_user(user_id)
        if account_id is None:
            account = next((a for a in accounts if a.is_primary), None)
            missing = "you have no primary bank account: link one or name bank_account_id"
        else:
            account = next((a for a in accounts if a.id == account_id), None)
            missing = f"no bank account {account_id}"
        if account is None:
            raise BankAccountNotFound(
                missing, errors=[FieldError(ACCOUNT_FIELD, "no such bank account", "not_found")]
            )
        if not account.verified:
            account.require_verified()
        return account

    def _refusal(
        self, assessment: VelocityAssessment, step_up: bool, stepped_up: bool
    ) -> DomainError | None:
        if assessment.decision is VelocityDecision.BLOCK:
            return WithdrawalBlockedRisk(
                f"this withdrawal looks unusual (risk score {assessment.score}): contact support"
            )
        challenged = assessment.decision is VelocityDecision.SECOND_FACTOR
        if (step_up or challenged) and not stepped_up:
            why = "is above the step-up threshold" if step_up else "looks unusual"
            return StepUpRequired(
                f"this withdrawal {why}: send your authenticator code as second_factor_code",
                errors=[
                    FieldError("second_factor_code", "required", "step_up_required"),
                ],
            )
        return None

    async def _hold_and_write(
        self,
        uow: BankingUnitOfWork,
        actor: Actor,
        withdrawal: Withdrawal,
        account: LinkedBankAccount,
        assessment: VelocityAssessment,
    ) -> None:
        reference = reference_of("withdrawal", withdrawal.id)
        amount, currency, user_id = withdrawal.amount, withdrawal.currency, withdrawal.user_id
        cash = await uow.ledger.open_account(
            AccountSpec(user_id, AccountKind.USER_CASH, Asset.currency(currency))
        )
        try:
            hold = await uow.ledger.place_hold(
                cash.id,
                amount,
                memo="withdrawal",
                reference=reference,
                hold_id=HoldId(withdrawal.hold_id),
            )
        except InsufficientFunds as exc:
            raise InsufficientFunds(
                exc.detail,
                errors=[FieldError("amount", "more than your available balance", exc.code)],
            ) from None
        await uow.withdrawals.add(withdrawal)
        await uow.instructions.add(
            RailInstruction(
                id=new_uuid(),
                kind=InstructionKind.PAYOUT,
                reference=reference,
                amount=amount,
                currency=currency,
                method=None,
                bank_account_id=account.id,
                state=InstructionState.PENDING,
                attempts=0,
                next_attempt_at=withdrawal.created_at,
                rail_reference=None,
                last_error=None,
                created_at=withdrawal.created_at,
                submitted_at=None,
            )
        )
        if assessment.decision is not VelocityDecision.ALLOW:
            await uow.risk_events.add(
                self._activity(
                    user_id,
                    assessment,
                    "withdrawal_challenged",
                    True,
                    None,
                    withdrawal.created_at,
                )
            )
        uow.audit(
            AuditRecord(
                action="banking.request_withdrawal",
                actor=actor,
                resource_type="withdrawal",
                resource_id=str(withdrawal.id),
                after={
                    "amount": f"{amount:f}",
                    "currency": currency,
                    "bank_account": account.masked_number,
                    "hold_id": str(hold.id),
                    "stepped_up": withdrawal.stepped_up,
                    "risk_score": assessment.score,
                    "risk_reasons": assessment.reasons,
                },
            )
        )

    @staticmethod
    def _activity(
        user_id: UserId,
        assessment: VelocityAssessment,
        event: str,
        succeeded: bool,
        reason: str | None,
        now: datetime,
    ) -> RiskActivity:
        return RiskActivity(
            id=new_uuid(),
            user_id=user_id,
            event=event,
            succeeded=succeeded,
            reason=reason,
            occurred_at=now,
            score=assessment.score,
            reasons=tuple(RiskReason(h.rule.value, h.points, h.reason) for h in assessment.hits),
        )

    async def _record_refusal(
        self,
        actor: Actor,
        user_id: UserId,
        assessment: VelocityAssessment,
        refusal: DomainError,
        now: datetime,
    ) -> None:
        """A withdrawal refused for its risk is kept as risk activity (an audited write of its
        own: the withdrawal itself wrote nothing)."""
        if assessment.decision is VelocityDecision.ALLOW:
            return  # a plain step-up refusal (a large amount) is no risk event
        blocked = assessment.decision is VelocityDecision.BLOCK
        event = "withdrawal_blocked" if blocked else "withdrawal_challenged"
        async with self._uow as uow:
            activity = self._activity(user_id, assessment, event, False, refusal.error_code, now)
            await uow.risk_events.add(activity)
            uow.audit(
                AuditRecord(
                    action="banking.refuse_withdrawal",
                    actor=actor,
                    resource_type="risk_activity",
                    resource_id=str(activity.id),
                    after={
                        "refusal": refusal.error_code,
                        "risk_score": assessment.score,
                        "risk_reasons": assessment.reasons,
                    },
                )
            )
            await uow.commit()
