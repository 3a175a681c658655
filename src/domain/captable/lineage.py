"""Where a security came from and what became of it, through transfers, splits, conversions
and partial cancellations: each security has at most one source."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from domain.captable.security import Security


@dataclass(frozen=True, slots=True)
class Lineage:
    security: Security
    ancestors: tuple[Security, ...]  # its source first, back to the original issuance
    descendants: tuple[Security, ...]  # what it became, breadth first, oldest number first


def lineage_of(security_id: UUID, related: Iterable[Security]) -> Lineage | None:
    """The lineage of ``security_id`` among ``related`` (its ancestors and descendants)."""
    by_id = {s.id: s for s in related}
    security = by_id.get(security_id)
    if security is None:
        return None
    ancestors = []
    source = security.source_security_id
    while source is not None and source in by_id:
        ancestors.append(by_id[source])
        source = by_id[source].source_security_id
    children: dict[UUID, list[Security]] = {}
    for s in by_id.values():
        if s.source_security_id is not None:
            children.setdefault(s.source_security_id, []).append(s)
    descendants: list[Security] = []
    frontier = [security.id]
    while frontier:
        level = sorted(
            (c for parent in frontier for c in children.get(parent, [])),
            key=lambda s: (s.certificate_number, s.id),
        )
        descendants.extend(level)
        frontier = [c.id for c in level]
    return Lineage(security, tuple(ancestors), tuple(descendants))
