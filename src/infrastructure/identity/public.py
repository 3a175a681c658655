"""Identity's public port for other contexts' wiring: the adapter that writes the user's KYC
level on the caller's session. (The user directory, second factor, one-time codes and
statistics identity publishes are provided by type, in ``infrastructure.wiring.identity``.)"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.kyc_level_sink import SqlKycLevelSink
from usecases.identity.public.kyc_level_sink import KycLevelSink


def kyc_level_sink(session: AsyncSession) -> KycLevelSink:
    """The user's KYC level, written on the caller's session (inside its transaction)."""
    return SqlKycLevelSink(session)
