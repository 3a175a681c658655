"""The cap table's unit of work with the transfer workflow's repositories, and the ledger and
KYC's level reader on the same session (the factories the wiring injects), so a completed
transfer's event, certificates, journal entry and new state commit together or not at all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.captable.transfer_repositories import (
    SqlShareTransfers,
    SqlTransferDocuments,
)
from adapters.persistence.captable.unit_of_work import CONSTRAINT_FIELDS, CaptableUnitOfWork
from usecases.kyc.public.kyc_gate import KycLevels
from usecases.ledger.public import Ledger

LedgerFactory = Callable[[AsyncSession], Ledger]
KycLevelsFactory = Callable[[AsyncSession], KycLevels]

TRANSFER_CONSTRAINT_FIELDS = {
    **CONSTRAINT_FIELDS,
    "uq_captable_share_transfers_issuer_id_reference": "reference",
}


class TransfersUnitOfWork(CaptableUnitOfWork):
    def __init__(
        self,
        session_factory: Callable[[], AsyncSession],
        *,
        ledger_factory: LedgerFactory,
        kyc_levels_factory: KycLevelsFactory,
        **options: Any,
    ) -> None:
        super().__init__(session_factory, **options)
        self._ledger_factory = ledger_factory
        self._kyc_levels_factory = kyc_levels_factory

    @property
    def share_transfers(self) -> SqlShareTransfers:
        return SqlShareTransfers(self.session)

    @property
    def transfer_documents(self) -> SqlTransferDocuments:
        return SqlTransferDocuments(self.session)

    @property
    def ledger(self) -> Ledger:
        return self._ledger_factory(self.session)

    @property
    def kyc_levels(self) -> KycLevels:
        return self._kyc_levels_factory(self.session)
