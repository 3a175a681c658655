"""The cap table's unit of work: its repositories on one session. Every write locks the issuer
row first, so the writers of one cap table queue while other issuers' proceed."""

from __future__ import annotations

from sqlalchemy import text

from adapters.persistence.captable.catalog_repositories import SqlStockLegends, SqlStockPlans
from adapters.persistence.captable.repositories import (
    SqlCapTables,
    SqlCertificateDocuments,
    SqlIssuers,
    SqlShareClasses,
    SqlStakeholders,
)
from adapters.persistence.captable.transfer_locks import SqlTransferLocks
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork

# A unique violation (two requests racing past a lookup) names the domain field.
CONSTRAINT_FIELDS = {
    "uq_captable_share_classes_issuer_id_certificate_prefix": "certificate_prefix",
    "uq_captable_stakeholders_issuer_user": "user_code",
    "uq_captable_securities_issuer_id_certificate_number": "certificate_number",
    "pk_captable_consumptions": "security_id",
    "uq_captable_events_issuer_id_sequence": "sequence",
}


class CaptableUnitOfWork(SqlAlchemyUnitOfWork):
    @property
    def issuers(self) -> SqlIssuers:
        return SqlIssuers(self.session)

    @property
    def share_classes(self) -> SqlShareClasses:
        return SqlShareClasses(self.session)

    @property
    def stakeholders(self) -> SqlStakeholders:
        return SqlStakeholders(self.session)

    @property
    def cap_tables(self) -> SqlCapTables:
        return SqlCapTables(self.session)

    @property
    def certificate_documents(self) -> SqlCertificateDocuments:
        return SqlCertificateDocuments(self.session)

    @property
    def stock_legends(self) -> SqlStockLegends:
        return SqlStockLegends(self.session)

    @property
    def stock_plans(self) -> SqlStockPlans:
        return SqlStockPlans(self.session)

    @property
    def transfer_locks(self) -> SqlTransferLocks:
        return SqlTransferLocks(self.session)

    async def snapshot(self) -> None:
        """The transaction reads one snapshot: opened as ``BEGIN ISOLATION LEVEL REPEATABLE
        READ`` (no round trip of its own); before any statement of the unit of work."""
        if self.session.in_transaction():  # pragma: no cover - a use case's mistake
            await self.session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
            return
        await self.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
