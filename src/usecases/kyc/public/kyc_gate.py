"""KYC gate port: use cases of other contexts (banking, trading, ...) ask whether a user's KYC
level unlocks a capability, without reading KYC's tables. The KYC context implements it;
``infrastructure.wiring.kyc.kyc_gate(container)`` builds one.

    await gate.require(user_id, "deposit")   # raises KycLevelRequired (403) when too low

A use case that already holds a transaction reads the level in it instead of opening another
one: its unit of work carries ``KycLevels`` on its own session (banking's ``uow.kyc_levels``,
built by ``infrastructure.kyc.public.kyc_levels``), and

    await gate.require_within(uow.kyc_levels, user_id, "deposit")

reads the steps' states in that transaction, so a review approved (committed) before it
counts, with no cache to invalidate.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from domain.shared.errors import PermissionDenied
from domain.shared.ids import UserId


class KycLevelRequired(PermissionDenied):
    code = "kyc_level_required"
    title = "A higher KYC level is required"

    def __init__(self, capability: str, *, required: int, current: int) -> None:
        super().__init__(
            f"{capability} needs KYC level {required}; your level is {current}: "
            "complete the remaining KYC steps"
        )
        self.capability = capability
        self.required = required
        self.current = current


class KycLevels(Protocol):
    """The user's KYC level read on the caller's session (inside its transaction)."""

    async def level(self, user_id: UserId) -> int:
        """The user's current KYC level (0 when nothing is verified)."""
        ...


class KycGate(Protocol):
    @property
    def required_levels(self) -> Mapping[str, int]:
        """Each capability and the KYC level it needs (from settings)."""
        ...

    async def level(self, user_id: UserId) -> int:
        """The user's current KYC level (0 when nothing is verified)."""
        ...

    async def require(self, user_id: UserId, capability: str) -> None:
        """Return when the user's level unlocks ``capability``; raise ``KycLevelRequired``
        otherwise. An unknown capability is a programming error (``LookupError``)."""
        ...

    async def require_within(self, levels: KycLevels, user_id: UserId, capability: str) -> None:
        """``require``, with the level read through ``levels`` (the caller's transaction)."""
        ...
