"""Unit of work of the KYC context."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.kyc.decisions import SqlReviewDecisionRepository
from adapters.persistence.kyc.documents import SqlKycDocumentRepository
from adapters.persistence.kyc.repositories import (
    SqlAadhaarRepository,
    SqlBankRepository,
    SqlBusinessRepository,
    SqlPanRepository,
)
from adapters.persistence.kyc.submissions import SqlSubmissionRepository
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from usecases.identity.public.kyc_level_sink import KycLevelSink

# A unique violation (two submissions racing past the lookup) names the domain field.
CONSTRAINT_FIELDS = {
    "uq_kyc_aadhaar_number_index": "aadhaar_number",
    "uq_kyc_pan_pan_index": "pan",
    "uq_kyc_bank_verified_number_index": "account_number",
}


class KycUnitOfWork(SqlAlchemyUnitOfWork):
    """``level_sink`` builds the KycLevelSink on this unit of work's session (identity's
    adapter, injected by the wiring: contexts do not import each other)."""

    def __init__(
        self, *args: Any, level_sink: Callable[[AsyncSession], KycLevelSink], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._level_sink = level_sink

    @property
    def aadhaar(self) -> SqlAadhaarRepository:
        return SqlAadhaarRepository(self.session)

    @property
    def pan(self) -> SqlPanRepository:
        return SqlPanRepository(self.session)

    @property
    def business(self) -> SqlBusinessRepository:
        return SqlBusinessRepository(self.session)

    @property
    def bank(self) -> SqlBankRepository:
        return SqlBankRepository(self.session)

    @property
    def submissions(self) -> SqlSubmissionRepository:
        return SqlSubmissionRepository(self.session)

    @property
    def decisions(self) -> SqlReviewDecisionRepository:
        return SqlReviewDecisionRepository(self.session)

    @property
    def levels(self) -> KycLevelSink:
        return self._level_sink(self.session)

    @property
    def documents(self) -> SqlKycDocumentRepository:
        return SqlKycDocumentRepository(self.session)
