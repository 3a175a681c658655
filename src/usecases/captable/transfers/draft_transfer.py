"""Use case: the seller drafts a transfer of shares of one of their certificates to another
stakeholder of the issuer (``Idempotency-Key`` honoured). Nothing is locked yet: the quantity
locks when the seller submits."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.errors import (
    QuantityExceedsSecurity,
    SecurityNotOutstanding,
    UnknownReference,
)
from domain.captable.prices import price_per_share
from domain.captable.share_transfer import NotTheHolder, ShareTransfer, TransferTerms
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.field_checks import FieldChecks
from domain.shared.ids import new_uuid
from domain.shared.money import Money
from usecases.captable.transfers.access import as_party
from usecases.captable.transfers.config import TransferConfig
from usecases.captable.transfers.ports import TransfersUnitOfWork
from usecases.captable.transfers.recording import notify_parties, transfer_audit
from usecases.identity.public.user_directory import UserDirectory
from usecases.shared.idempotency import IdempotencyGate, IdempotencyKey, Idempotent


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftTransfer:
    actor: Actor
    issuer_id: UUID
    security_id: UUID
    buyer_id: UUID
    quantity: str
    price_per_share: str
    idempotency: IdempotencyKey | None = None


def _price(value: str, currency: str) -> Money:
    """Up to ``PRICE_PLACES`` places; the total and the fee round to the minor unit."""
    return price_per_share(value, "price_per_share", currency)


class DraftTransferHandler:
    def __init__(
        self,
        uow: TransfersUnitOfWork,
        users: UserDirectory,
        clock: Clock,
        config: TransferConfig,
    ) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock
        self._config = config

    async def execute(self, cmd: DraftTransfer) -> Idempotent[ShareTransfer]:
        now = self._clock.now()
        async with self._uow as uow:
            party = await as_party(uow, cmd.actor, cmd.issuer_id, for_update=True)
            issuer = party.issuer
            gate: IdempotencyGate[ShareTransfer] = await IdempotencyGate.enter(
                uow.idempotency, cmd.actor, cmd.idempotency, now, self._config.idempotency_ttl
            )
            if gate.replay is not None:
                return gate.replay
            security = await uow.cap_tables.security(issuer.id, cmd.security_id)
            if security is None:
                raise UnknownReference("security_id", "security", cmd.security_id)
            if party.me is None or security.stakeholder_id != party.me.id:
                raise NotTheHolder(
                    f"only the holder of {security.certificate_number} may transfer its shares"
                )
            if not security.outstanding:
                raise SecurityNotOutstanding(security.id, security.status.value)
            checks = FieldChecks()
            if not await uow.stakeholders.ids(issuer.id, [cmd.buyer_id]):
                checks.add(UnknownReference("buyer_id", "stakeholder", cmd.buyer_id))
            share_class = await uow.share_classes.get(issuer.id, security.stock_class_id)
            assert share_class is not None
            quantity = checks.take(share_class.quantity, cmd.quantity, field="quantity")
            price = checks.take(_price, cmd.price_per_share, issuer.currency)
            checks.raise_any()
            assert quantity is not None
            assert price is not None
            if quantity > security.quantity:
                raise QuantityExceedsSecurity(
                    held=security.quantity, requested=quantity, field="quantity"
                )
            transfer = ShareTransfer.draft(
                id=new_uuid(),
                issuer_id=issuer.id,
                reference=await uow.share_transfers.next_reference(issuer.id),
                seller_id=party.me.id,
                source_security_id=security.id,
                terms=TransferTerms(cmd.buyer_id, quantity, price),
                now=now,
            )
            await uow.share_transfers.add(transfer)
            uow.audit(transfer_audit(cmd.actor, "draft", None, transfer))
            await notify_parties(
                uow,
                self._users,
                issuer,
                transfer,
                headline="drafted",
                detail="The seller prepared this transfer; it takes effect only once submitted.",
            )
            outcome = await gate.complete(transfer, now)
            await uow.commit()
        return outcome
