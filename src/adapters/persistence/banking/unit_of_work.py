"""Unit of work of banking: its repositories, the ledger and KYC's level reader (from the
factories the wiring injects) on one session, so a withdrawal row, its hold and its payout
instruction commit together or not at all, and the KYC gate and the KYC-verified bank account
are read in that transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.banking.fx_repositories import SqlFxConversions, SqlFxQuotes
from adapters.persistence.banking.repositories import (
    SqlBankAccounts,
    SqlDeposits,
    SqlRailInstructions,
    SqlRiskEvents,
    SqlWithdrawals,
)
from adapters.persistence.banking.settlements import SqlTransferSettlements
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from domain.shared.ids import UserId
from usecases.kyc.public.kyc_gate import KycLevels
from usecases.kyc.public.verified_bank_accounts import VerifiedBankAccounts
from usecases.ledger.public import Ledger

LedgerFactory = Callable[[AsyncSession], Ledger]
KycLevelsFactory = Callable[[AsyncSession], KycLevels]
VerifiedBankAccountsFactory = Callable[[AsyncSession], VerifiedBankAccounts]

# A unique violation (two requests racing past a lookup) names the domain field.
CONSTRAINT_FIELDS = {
    "uq_banking_bank_accounts_user_number": "account_number",
    "uq_banking_bank_accounts_one_primary": "account_id",
}


class BankingUnitOfWork(SqlAlchemyUnitOfWork):
    def __init__(
        self,
        session_factory: Callable[[], AsyncSession],
        *,
        ledger_factory: LedgerFactory,
        kyc_levels_factory: KycLevelsFactory,
        verified_bank_accounts_factory: VerifiedBankAccountsFactory,
        **options: Any,
    ) -> None:
        super().__init__(session_factory, **options)
        self._ledger_factory = ledger_factory
        self._kyc_levels_factory = kyc_levels_factory
        self._verified_factory = verified_bank_accounts_factory

    @property
    def ledger(self) -> Ledger:
        return self._ledger_factory(self.session)

    @property
    def kyc_levels(self) -> KycLevels:
        return self._kyc_levels_factory(self.session)

    @property
    def verified_bank_accounts(self) -> VerifiedBankAccounts:
        return self._verified_factory(self.session)

    @property
    def bank_accounts(self) -> SqlBankAccounts:
        return SqlBankAccounts(self.session)

    @property
    def deposits(self) -> SqlDeposits:
        return SqlDeposits(self.session)

    @property
    def withdrawals(self) -> SqlWithdrawals:
        return SqlWithdrawals(self.session)

    @property
    def instructions(self) -> SqlRailInstructions:
        return SqlRailInstructions(self.session)

    @property
    def settlements(self) -> SqlTransferSettlements:
        return SqlTransferSettlements(self.session)

    @property
    def risk_events(self) -> SqlRiskEvents:
        return SqlRiskEvents(self.session)

    @property
    def fx_quotes(self) -> SqlFxQuotes:
        return SqlFxQuotes(self.session)

    @property
    def fx_conversions(self) -> SqlFxConversions:
        return SqlFxConversions(self.session)

    async def lock_user(self, user_id: UserId) -> None:
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
            {"key": f"banking:user:{user_id}"},
        )
