"""Use case: seal what is committed, walk the whole sealed chain and report the first broken
link, if any, and how many entries are still unsealed (written by transactions that had not
committed when sealing ran)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.audit.entry import GENESIS, BrokenLink, ChainHead, first_broken_link
from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied
from usecases.audit.ports import AuditLog

PERMISSION = "audit:read"


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyAuditChain:
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class ChainReport:
    entries: int  # sealed entries checked before the first broken link (or all)
    intact: bool
    broken: BrokenLink | None
    unsealed: int = 0


class VerifyAuditChainHandler:
    def __init__(self, log: AuditLog) -> None:
        self._log = log

    async def execute(self, cmd: VerifyAuditChain) -> ChainReport:
        if not cmd.actor.may(PERMISSION):
            raise PermissionDenied("verifying the audit trail needs audit:read")
        await self._log.seal()
        head = await self._log.head()
        walked, broken = await self._walk(head)
        unsealed = await self._log.unsealed()
        return ChainReport(entries=walked, intact=broken is None, broken=broken, unsealed=unsealed)

    async def _walk(self, head: ChainHead | None) -> tuple[int, BrokenLink | None]:
        """How many entries hold, and the first broken link. The chain must still reach the
        head the sealer recorded (a deleted last entry shows) and pass through it."""
        head_seq, head_hash = (head.chain_seq, head.hash) if head else (0, GENESIS)
        prev_hash, prev_seq = GENESIS, 0
        async for chunk in self._log.chain():
            broken = first_broken_link(chunk, prev_hash=prev_hash, prev_seq=prev_seq)
            if broken is not None:
                return broken.seq - 1, broken
            for entry in chunk:
                if entry.chain_seq == head_seq and entry.hash != head_hash:
                    return head_seq - 1, BrokenLink(head_seq, "is not the entry sealed there")
            prev_hash, prev_seq = str(chunk[-1].hash), int(chunk[-1].chain_seq or 0)
        if prev_seq < head_seq:  # the last sealed entries are gone
            return prev_seq, BrokenLink(prev_seq + 1, f"entry {prev_seq + 1} is missing")
        return prev_seq, None
