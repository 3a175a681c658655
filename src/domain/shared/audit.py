"""What a state-changing use case says about itself: who did what to which record, and which
fields changed. Recorded on the unit of work, written in the same transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from domain.shared.actor import Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditRecord:
    action: str  # "<context>.<verb>_<noun>", e.g. "identity.change_password"
    actor: Actor
    resource_type: str
    resource_id: str | None = None
    before: Mapping[str, Any] = field(default_factory=dict)
    after: Mapping[str, Any] = field(default_factory=dict)

    def changes(self) -> dict[str, dict[str, Any]]:
        """Fields whose value differs, as ``{field: {"before": ..., "after": ...}}``."""
        names = set(self.before) | set(self.after)
        return {
            name: {"before": self.before.get(name), "after": self.after.get(name)}
            for name in sorted(names)
            if self.before.get(name) != self.after.get(name)
        }
