"""Unit of work of the KYC context."""

from __future__ import annotations

from adapters.persistence.kyc.documents import SqlKycDocumentRepository
from adapters.persistence.kyc.repositories import SqlAadhaarRepository, SqlPanRepository
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork

# A unique violation (two submissions racing past the lookup) names the API field.
CONSTRAINT_FIELDS = {
    "uq_kyc_aadhaar_number_index": "body.aadhaar_number",
    "uq_kyc_pan_pan_index": "body.pan",
}


class KycUnitOfWork(SqlAlchemyUnitOfWork):
    @property
    def aadhaar(self) -> SqlAadhaarRepository:
        return SqlAadhaarRepository(self.session)

    @property
    def pan(self) -> SqlPanRepository:
        return SqlPanRepository(self.session)

    @property
    def documents(self) -> SqlKycDocumentRepository:
        return SqlKycDocumentRepository(self.session)
