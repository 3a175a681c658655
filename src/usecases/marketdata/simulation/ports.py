"""What the simulator's run needs besides trading's order entry and system's heartbeats: a lock
that makes one process in the whole deployment the simulator."""

from __future__ import annotations

from typing import Protocol


class HeldLock(Protocol):
    async def release(self) -> None: ...


class SimulatorLock(Protocol):
    async def try_acquire(self) -> HeldLock | None:
        """The lock if no other process holds it, else None (at once)."""
        ...
