"""KYC's public port for other contexts' wiring: the gate (``await gate.require(user_id,
"deposit")``), the bank accounts KYC verified (banking adopts them), and the step statistics
of the audit reports."""

from __future__ import annotations

from adapters.persistence.kyc.statistics import SqlKycStatistics
from infrastructure.container import Container
from infrastructure.kyc.unit_of_work import unit_of_work
from usecases.kyc.kyc_gate import KycLevelGate
from usecases.kyc.public.kyc_gate import KycGate
from usecases.kyc.public.kyc_statistics import KycStatistics
from usecases.kyc.public.verified_bank_accounts import VerifiedBankAccounts
from usecases.kyc.verified_bank_accounts import KycVerifiedBankAccounts


def kyc_gate(container: Container) -> KycGate:
    return KycLevelGate(
        lambda: unit_of_work(container, require_audit=False),
        container.settings.kyc_required_levels,
    )


def verified_bank_accounts(container: Container) -> VerifiedBankAccounts:
    return KycVerifiedBankAccounts(lambda: unit_of_work(container))


def kyc_statistics(container: Container) -> KycStatistics:
    return SqlKycStatistics(container.session_factory)
