"""Use case: walk the whole audit chain and report the first broken link, if any."""

from __future__ import annotations

from dataclasses import dataclass

from domain.audit.entry import GENESIS, BrokenLink, first_broken_link
from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied
from usecases.audit.ports import AuditLog

PERMISSION = "audit:read"


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyAuditChain:
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class ChainReport:
    entries: int
    intact: bool
    broken: BrokenLink | None


class VerifyAuditChainHandler:
    def __init__(self, log: AuditLog) -> None:
        self._log = log

    async def execute(self, cmd: VerifyAuditChain) -> ChainReport:
        if not cmd.actor.may(PERMISSION):
            raise PermissionDenied("verifying the audit trail needs audit:read")
        prev_hash, prev_seq, count = GENESIS, 0, 0
        async for chunk in self._log.chain():
            broken = first_broken_link(chunk, prev_hash=prev_hash, prev_seq=prev_seq)
            if broken is not None:
                return ChainReport(
                    entries=count + broken.seq - prev_seq - 1, intact=False, broken=broken
                )
            count += len(chunk)
            prev_hash, prev_seq = chunk[-1].hash, chunk[-1].seq
        return ChainReport(entries=count, intact=True, broken=None)
