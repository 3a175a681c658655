"""Domain events: facts that happened, recorded by aggregates and published after commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from domain.shared.clock import SystemClock
from domain.shared.ids import EventId, new_uuid


def _new_event_id() -> EventId:
    return EventId(new_uuid())


@dataclass(frozen=True, slots=True, kw_only=True)
class DomainEvent:
    """Subclasses set ``name`` (``<context>.<fact>``, e.g. ``ledger.hold_placed``)."""

    name: ClassVar[str] = "domain.event"
    event_id: EventId = field(default_factory=_new_event_id)
    occurred_at: datetime = field(default_factory=lambda: SystemClock().now())
