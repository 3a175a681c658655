"""KYC's public port for other contexts' wiring: the user's KYC level read on the caller's
session, so a use case checks the gate inside its own transaction (one connection, one
transaction; no cache to invalidate when a review approves):

    BankingUnitOfWork(container.session_factory, kyc_levels_factory=kyc_levels, ...)
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.kyc.levels import SqlKycLevels
from usecases.kyc.public.kyc_gate import KycLevels


def kyc_levels(session: AsyncSession) -> KycLevels:
    """The KYC level on the caller's session (inside its transaction)."""
    return SqlKycLevels(session)
