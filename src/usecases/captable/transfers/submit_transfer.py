"""Use case: the seller submits a draft. The quantity locks on the certificate (it must fit in
what the certificate holds beyond what other live transfers of it lock) and the issuer's
right-of-first-refusal window opens. Under the issuer's lock, so of two submissions racing for
the same shares one wins and the other is refused naming ``quantity``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from domain.captable.errors import SecurityNotOutstanding
from domain.captable.share_transfer import NotTheHolder, QuantityLocked, ShareTransfer
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.captable.transfers.access import as_party, transfer_in
from usecases.captable.transfers.config import TransferConfig
from usecases.captable.transfers.ports import TransfersUnitOfWork
from usecases.captable.transfers.recording import notify_parties, transfer_audit
from usecases.identity.public.user_directory import UserDirectory


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmitTransfer:
    actor: Actor
    issuer_id: UUID
    transfer_id: UUID


class SubmitTransferHandler:
    def __init__(
        self, uow: TransfersUnitOfWork, users: UserDirectory, clock: Clock, config: TransferConfig
    ) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock
        self._config = config

    async def execute(self, cmd: SubmitTransfer) -> ShareTransfer:
        now = self._clock.now()
        async with self._uow as uow:
            party = await as_party(uow, cmd.actor, cmd.issuer_id, for_update=True)
            transfer = await transfer_in(uow, cmd.issuer_id, cmd.transfer_id)
            if party.me is None or party.me.id != transfer.seller_id:
                raise NotTheHolder(f"only the seller may submit {transfer.reference}")
            security = await uow.cap_tables.security(cmd.issuer_id, transfer.source_security_id)
            assert security is not None
            if not security.outstanding:
                raise SecurityNotOutstanding(security.id, security.status.value)
            locked = await uow.share_transfers.locked(security.id, besides=transfer.id)
            if transfer.terms.quantity > security.quantity - locked:
                raise QuantityLocked(
                    held=security.quantity, locked=locked, requested=transfer.terms.quantity
                )
            submitted = transfer.submit(
                now,
                rofr_window=timedelta(days=party.issuer.rofr_window_days),
                stale_after=self._config.stale_after,
            )
            await uow.share_transfers.save(submitted)
            uow.audit(transfer_audit(cmd.actor, "submit", transfer, submitted))
            assert submitted.rofr_deadline is not None
            await notify_parties(
                uow,
                self._users,
                party.issuer,
                submitted,
                headline="submitted to the company",
                detail=(
                    f"The shares are locked; the company's right of first refusal runs until "
                    f"{submitted.rofr_deadline:%Y-%m-%d %H:%M} UTC."
                ),
            )
            await uow.commit()
        return submitted
