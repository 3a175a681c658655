"""An audit entry and its place in the hash chain: each entry's hash covers its own content
and the previous entry's hash, so editing or removing any entry breaks every later link.

An entry is written unsealed (``chain_seq``, ``prev_hash`` and ``hash`` empty) and sealed
later, in the order the sealer finds committed entries: its place in the chain
(``chain_seq``, 1, 2, 3... with no gap) is the sealing order, not the writing order (``seq``,
which rolled-back transactions leave gaps in)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Final
from uuid import UUID

GENESIS: Final = "0" * 64


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    seq: int
    id: UUID
    occurred_at: datetime
    actor_kind: str
    actor_id: str | None
    action: str
    resource_type: str
    resource_id: str | None
    changes: dict[str, dict[str, Any]]
    ip: str | None
    user_agent: str | None
    request_id: str | None
    prev_hash: str | None
    hash: str | None
    chain_seq: int | None = None
    api_key_id: str | None = None  # the API key the actor used, if any

    @property
    def sealed(self) -> bool:
        return self.hash is not None

    def content(self) -> dict[str, Any]:
        """What the hash covers. ``api_key_id`` only when set, so entries written before the
        field existed keep their hashes."""
        content: dict[str, Any] = {
            "seq": self.seq,
            "id": str(self.id),
            "occurred_at": self.occurred_at.isoformat(),
            "actor_kind": self.actor_kind,
            "actor_id": self.actor_id,
            "action": self.action,
            "resource_type": self.resource_type,
            "resource_id": self.resource_id,
            "changes": self.changes,
            "ip": self.ip,
            "user_agent": self.user_agent,
            "request_id": self.request_id,
        }
        if self.api_key_id is not None:
            content["api_key_id"] = self.api_key_id
        return content


def chain_hash(content: dict[str, Any], prev_hash: str) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{prev_hash}|{canonical}".encode()).hexdigest()


def seal(entry: AuditEntry, *, chain_seq: int, prev_hash: str) -> AuditEntry:
    """The entry at place ``chain_seq`` of the chain, after the entry whose hash is
    ``prev_hash``."""
    return replace(
        entry,
        chain_seq=chain_seq,
        prev_hash=prev_hash,
        hash=chain_hash(entry.content(), prev_hash),
    )


@dataclass(frozen=True, slots=True)
class ChainHead:
    """Where the sealer left off: the last sealed entry's place and hash."""

    chain_seq: int
    hash: str


@dataclass(frozen=True, slots=True)
class BrokenLink:
    seq: int
    reason: str


def first_broken_link(
    entries: list[AuditEntry], *, prev_hash: str = GENESIS, prev_seq: int = 0
) -> BrokenLink | None:
    """Walk sealed entries in chain order; the first whose place, link or hash does not hold
    (``seq`` of a ``BrokenLink`` is the place in the chain)."""
    for entry in entries:
        place = entry.chain_seq
        if place != prev_seq + 1 or entry.hash is None or entry.prev_hash is None:
            return BrokenLink(prev_seq + 1, f"entry {prev_seq + 1} is missing")
        if entry.prev_hash != prev_hash:
            return BrokenLink(place, "does not link to the previous entry")
        if entry.hash != chain_hash(entry.content(), entry.prev_hash):
            return BrokenLink(place, "content does not match its hash (edited)")
        prev_hash, prev_seq = entry.hash, place
    return None
