"""Use case: a company admin completes an approved transfer (``Idempotency-Key`` required by
the route), in ONE transaction under the issuer's lock:

1. the cap table records the transfer event: the source certificate is consumed, the buyer
   gets a new certificate and the seller one for any balance (other transfers in progress on
   the source move to that balance certificate);
2. when both parties are platform users whose KYC unlocks ``transfer``, the price moves from
   the buyer's cash account to the seller's in one balanced journal entry, which also posts
   the fee (the issuer's ``transfer_fee_rate``, half-even to the currency's minor unit) from
   its payer to the platform fee account; a fee the issuer pays is invoiced to it, not posted;
   otherwise the settlement is recorded as off-platform and the ledger is not touched;
3. the transfer is completed with what happened, audited, and every party told.

Any refusal (the buyer's cash short, the certificate consumed meanwhile) rolls all of it back:
no event, no certificate, no entry, the transfer still approved."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.issuer import FeePayer, Issuer
from domain.captable.share_transfer import Completion, Settlement, ShareTransfer
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.ids import UserId
from domain.shared.money import Money
from usecases.captable.recording import event_audit, recording, store
from usecases.captable.transfers.access import as_admin, transfer_in
from usecases.captable.transfers.config import SETTLEMENT_CAPABILITY, TransferConfig
from usecases.captable.transfers.ports import TransfersUnitOfWork
from usecases.captable.transfers.recording import notify_parties, transfer_audit
from usecases.identity.public.user_directory import UserDirectory
from usecases.kyc.public.kyc_gate import KycGate, KycLevelRequired
from usecases.ledger.public import AccountKind, AccountSpec, Asset, Leg, NewEntry
from usecases.shared.idempotency import IdempotencyGate, IdempotencyKey, Idempotent


@dataclass(frozen=True, slots=True, kw_only=True)
class CompleteTransfer:
    actor: Actor
    issuer_id: UUID
    transfer_id: UUID
    idempotency: IdempotencyKey | None = None


class CompleteTransferHandler:
    def __init__(
        self,
        uow: TransfersUnitOfWork,
        users: UserDirectory,
        kyc: KycGate,
        clock: Clock,
        config: TransferConfig,
    ) -> None:
        self._uow = uow
        self._users = users
        self._kyc = kyc
        self._clock = clock
        self._config = config

    async def execute(self, cmd: CompleteTransfer) -> Idempotent[ShareTransfer]:
        now = self._clock.now()
        async with self._uow as uow:
            issuer = await as_admin(uow, cmd.actor, cmd.issuer_id)
            gate: IdempotencyGate[ShareTransfer] = await IdempotencyGate.enter(
                uow.idempotency, cmd.actor, cmd.idempotency, now, self._config.idempotency_ttl
            )
            if gate.replay is not None:
                return gate.replay
            transfer = await transfer_in(uow, cmd.issuer_id, cmd.transfer_id)
            transfer.complete(now)  # refuses here, before anything is written, unless approved
            terms = transfer.terms
            table = await uow.cap_tables.load(
                issuer, securities=[transfer.source_security_id], stakeholders=[terms.buyer_id]
            )
            change = table.transfer(
                security_id=transfer.source_security_id,
                quantity=terms.quantity,
                to_stakeholder_id=terms.buyer_id,
                date=now.date(),
                recording=recording(cmd.actor, now),
                consideration_text=(
                    f"{transfer.reference}: {terms.quantity.normalize():f} shares at "
                    f"{terms.price_per_share} a share"
                ),
            )
            await store(uow, issuer, change)
            uow.audit(event_audit(cmd.actor, change))
            bought = change.created[0]
            balance = change.created[1] if len(change.created) > 1 else None
            for other in await uow.share_transfers.open_on(transfer.source_security_id):
                if other.id != transfer.id and balance is not None:
                    await uow.share_transfers.save(other.moved_to(balance.id))
            fee = transfer.fee(issuer.transfer_fee_rate)
            settlement, entry_id = await self._settle(uow, issuer, transfer, fee)
            completed = transfer.complete(
                now,
                Completion(
                    event_id=change.event.id,
                    buyer_security_id=bought.id,
                    balance_security_id=balance.id if balance is not None else None,
                    settlement=settlement,
                    fee=fee,
                    fee_payer=issuer.transfer_fee_payer.value,
                    journal_entry_id=entry_id,
                ),
            )
            await uow.share_transfers.save(completed)
            uow.audit(
                transfer_audit(
                    cmd.actor,
                    "complete",
                    transfer,
                    completed,
                    settlement=settlement.value,
                    fee=str(fee.amount),
                    fee_payer=issuer.transfer_fee_payer.value,
                    journal_entry_id=str(entry_id) if entry_id else None,
                    certificates=[s.certificate_number for s in change.created],
                )
            )
            where = (
                "The price and the fee were settled between the parties' cash accounts."
                if settlement is Settlement.PLATFORM
                else "The price is settled between the parties outside the platform."
            )
            certificates = ", ".join(s.certificate_number for s in change.created)
            await notify_parties(
                uow,
                self._users,
                issuer,
                completed,
                headline="completed",
                detail=f"New certificates: {certificates}. {where}",
            )
            outcome = await gate.complete(completed, now)
            await uow.commit()
        return outcome

    async def _settle(
        self, uow: TransfersUnitOfWork, issuer: Issuer, transfer: ShareTransfer, fee: Money
    ) -> tuple[Settlement, UUID | None]:
        seller = await self._settling_user(uow, issuer, transfer.seller_id)
        buyer = await self._settling_user(uow, issuer, transfer.terms.buyer_id)
        if seller is None or buyer is None:
            return Settlement.OFF_PLATFORM, None
        total = transfer.terms.total_price
        if total.is_zero:
            return Settlement.PLATFORM, None
        asset = Asset.currency(total.currency.code)
        ledger = uow.ledger
        buyer_cash = await ledger.open_account(AccountSpec(buyer, AccountKind.USER_CASH, asset))
        seller_cash = await ledger.open_account(AccountSpec(seller, AccountKind.USER_CASH, asset))
        paid, received = total.amount, total.amount
        legs = []
        if not fee.is_zero and issuer.transfer_fee_payer is not FeePayer.ISSUER:
            fees = await ledger.open_account(AccountSpec(None, AccountKind.PLATFORM_FEES, asset))
            if issuer.transfer_fee_payer is FeePayer.BUYER:
                paid += fee.amount
            else:
                received -= fee.amount
            legs.append(Leg(fees.id, fee.amount))
        legs = [
            Leg(buyer_cash.id, -paid),
            *([Leg(seller_cash.id, received)] if received else []),
            *legs,
        ]
        entry = await ledger.post(
            NewEntry(
                legs=legs,
                memo=f"share transfer {transfer.reference} of {issuer.legal_name}",
                reference=f"captable-transfer:{transfer.id}",
                metadata={
                    "kind": "share_transfer",
                    "issuer_id": str(issuer.id),
                    "transfer_id": str(transfer.id),
                    "total": str(total.amount),
                    "fee": str(fee.amount),
                    "fee_payer": issuer.transfer_fee_payer.value,
                },
            )
        )
        return Settlement.PLATFORM, entry.id

    async def _settling_user(
        self, uow: TransfersUnitOfWork, issuer: Issuer, stakeholder_id: UUID
    ) -> UserId | None:
        """The stakeholder's platform user when their KYC lets them settle on the platform."""
        stakeholder = await uow.stakeholders.get(issuer.id, stakeholder_id)
        if stakeholder is None or stakeholder.user_id is None:
            return None
        try:
            await self._kyc.require_within(
                uow.kyc_levels, stakeholder.user_id, SETTLEMENT_CAPABILITY
            )
        except KycLevelRequired:
            return None
        return stakeholder.user_id
