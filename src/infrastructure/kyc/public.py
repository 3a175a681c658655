"""KYC's public port for other contexts' wiring: the user's KYC level and verified bank
account read on the caller's session, so a use case checks the gate and reads the account
inside its own transaction (one connection, one transaction; no cache to invalidate when a
review approves):

    BankingUnitOfWork(container.session_factory, kyc_levels_factory=kyc_levels,
                      verified_bank_accounts_factory=verified_bank_accounts, ...)
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.kyc.levels import SqlKycLevels
from adapters.persistence.kyc.repositories import SqlBankRepository
from usecases.kyc.public.kyc_gate import KycLevels
from usecases.kyc.public.verified_bank_accounts import VerifiedBankAccounts
from usecases.kyc.verified_bank_accounts import StepVerifiedBankAccounts


def kyc_levels(session: AsyncSession) -> KycLevels:
    """The KYC level on the caller's session (inside its transaction)."""
    return SqlKycLevels(session)


def verified_bank_accounts(session: AsyncSession) -> VerifiedBankAccounts:
    """The user's KYC-verified bank account on the caller's session (inside its transaction)."""
    return StepVerifiedBankAccounts(SqlBankRepository(session))
