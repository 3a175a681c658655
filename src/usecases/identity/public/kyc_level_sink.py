"""KYC level sink port: the KYC context writes a user's overall level onto the user (identity's
``users.kyc_level``, shown in the admin views) inside its own transaction. Identity implements
it over the unit of work's session, so the level and the step change commit together."""

from __future__ import annotations

from typing import Protocol

from domain.shared.ids import UserId


class KycLevelSink(Protocol):
    async def lock(self, user_id: UserId) -> int | None:
        """The level the user has now, their row locked until the transaction ends, so two
        step changes of one user recompute the level one after the other (None: no user)."""
        ...

    async def set_level(self, user_id: UserId, level: int) -> None: ...
