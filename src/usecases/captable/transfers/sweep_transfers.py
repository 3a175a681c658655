"""Use case (the worker's): close the right-of-first-refusal windows that passed unexercised
and expire the transfers still in progress past their expiry, which unlocks their shares.
Each transfer in its own transaction under its issuer's lock (so a racing approval or
completion either happened first or sees the new state), audited and told to the parties."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from domain.captable.share_transfer import RofrOutcome, TransferStatus
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.captable.transfers.config import TransferConfig
from usecases.captable.transfers.ports import DueTransfer, TransfersUnitOfWork
from usecases.captable.transfers.recording import notify_parties, transfer_audit
from usecases.identity.public.user_directory import UserDirectory

WORKER = Actor.system("captable-transfer-worker")


@dataclass(frozen=True, slots=True)
class Swept:
    lapsed: int = 0
    expired: int = 0

    def __bool__(self) -> bool:
        return bool(self.lapsed or self.expired)


@dataclass(frozen=True, slots=True, kw_only=True)
class SweepTransfers:
    actor: Actor = WORKER


class SweepTransfersHandler:
    def __init__(
        self,
        uow: Callable[[], TransfersUnitOfWork],
        users: UserDirectory,
        clock: Clock,
        config: TransferConfig,
    ) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock
        self._config = config

    async def execute(self, cmd: SweepTransfers) -> Swept:
        now = self._clock.now()
        async with self._uow() as uow:
            due = await uow.share_transfers.due(now, self._config.sweep_batch)
        lapsed = expired = 0
        for item in due:
            outcome = await self._one(cmd.actor, item)
            lapsed += outcome == "lapsed"
            expired += outcome == "expired"
        return Swept(lapsed, expired)

    async def _one(self, actor: Actor, item: DueTransfer) -> str | None:
        now = self._clock.now()
        async with self._uow() as uow:
            issuer = await uow.issuers.get(item.issuer_id, for_update=True)
            transfer = await uow.share_transfers.get(item.issuer_id, item.transfer_id)
            if issuer is None or transfer is None:
                return None
            if transfer.locks_quantity and transfer.expires_at and transfer.expires_at <= now:
                after = transfer.expire(now)
                await uow.share_transfers.save(after)
                uow.audit(transfer_audit(actor, "expire", transfer, after))
                headline, outcome = "expired", "expired"
                detail = "It was not finished in time; no shares move and their lock has ended."
            elif (
                transfer.status is TransferStatus.PENDING
                and transfer.rofr is RofrOutcome.OPEN
                and not transfer.rofr_open(now)
            ):
                after = transfer.lapse_rofr(now)
                await uow.share_transfers.save(after)
                uow.audit(transfer_audit(actor, "lapse_rofr_on", transfer, after))
                headline, outcome = "the right of first refusal lapsed", "lapsed"
                detail = "The company did not exercise it; the transfer waits for its approval."
            else:  # a request moved it since the scan
                return None
            await notify_parties(uow, self._users, issuer, after, headline=headline, detail=detail)
            await uow.commit()
        return outcome
