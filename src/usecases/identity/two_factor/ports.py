"""What two-factor needs from the outside world: the TOTP engine, QR rendering, the TOTP and
recovery-code stores."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from domain.identity.two_factor import TotpCredential
from domain.shared.ids import UserId


class TotpEngine(Protocol):
    def new_secret(self) -> str:
        """A fresh base32 secret (160 bits)."""
        ...

    def provisioning_uri(self, secret: str, *, account: str, issuer: str) -> str: ...

    def matching_step(self, secret: str, code: str, *, at: datetime, window: int) -> int | None:
        """The time step (``unix time // 30``) within ±``window`` steps whose code is
        ``code``, or ``None``."""
        ...


class QrRenderer(Protocol):
    def png_data_uri(self, data: str) -> str: ...


class TotpRepository(Protocol):
    async def get(self, user_id: UserId) -> TotpCredential | None: ...

    async def get_for_update(self, user_id: UserId) -> TotpCredential | None: ...

    async def put(self, credential: TotpCredential) -> None:
        """Insert or replace the user's credential."""
        ...

    async def remove(self, user_id: UserId) -> None: ...


class RecoveryCodeRepository(Protocol):
    async def replace(self, user_id: UserId, digests: Sequence[str], *, now: datetime) -> None: ...

    async def consume(self, user_id: UserId, digest: str, *, now: datetime) -> bool:
        """Mark an unused code used, atomically; True when it was there to use."""
        ...

    async def remove_all(self, user_id: UserId) -> None: ...
