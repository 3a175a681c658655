"""Banking's unit of work, with the ledger on its session (a withdrawal and its hold commit
together) and KYC's level reader on it (the gate is checked in banking's transaction)."""

from __future__ import annotations

from adapters.persistence.banking.unit_of_work import CONSTRAINT_FIELDS, BankingUnitOfWork
from infrastructure.container import Container
from infrastructure.kyc.public import kyc_levels, verified_bank_accounts
from infrastructure.ledger.public import ledger_factory


def unit_of_work(container: Container) -> BankingUnitOfWork:
    return BankingUnitOfWork(
        container.session_factory,
        ledger_factory=ledger_factory(container),
        kyc_levels_factory=kyc_levels,
        verified_bank_accounts_factory=verified_bank_accounts,
        notifier_factory=container.notifier_factory,
        constraint_fields=CONSTRAINT_FIELDS,
        clock=container.clock,
    )
