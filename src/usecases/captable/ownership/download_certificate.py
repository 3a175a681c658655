"""Use case: a certificate's PDF, for its holder or whoever may read the issuer's cap table.

Rendered once through the certificate renderer (off the event loop) and kept in the document
store; later downloads read the stored file. A certificate that is no longer outstanding is a
new document, printed VOID or CANCELLED. Rendering and storing happen outside any transaction;
the stored file is then recorded, and when two first downloads race, one file is kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from uuid import UUID

from domain.captable.errors import SecurityNotFound
from domain.captable.issuer import Issuer
from domain.captable.security import Security, SecurityStatus
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.captable.access import CAPTABLE_READ, may, signed_in_user
from usecases.captable.config import CaptableConfig
from usecases.captable.ports import CaptableUnitOfWork, CertificateView
from usecases.captable.rendering import CertificateRenderer, CertificateSheet
from usecases.captable.stored_documents import keep_first, read_stored
from usecases.captable.views import CertificatePdf
from usecases.shared.ports.document_store import DocumentStore, StoredFile

WATERMARKS: Final = {
    SecurityStatus.CANCELLED: "CANCELLED",
    SecurityStatus.REPURCHASED: "CANCELLED",
    SecurityStatus.TRANSFERRED: "VOID",
    SecurityStatus.SPLIT: "VOID",
    SecurityStatus.CONVERTED: "VOID",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class DownloadCertificate:
    actor: Actor
    certificate_id: UUID


class DownloadCertificateHandler:
    def __init__(
        self,
        uow: CaptableUnitOfWork,
        renderer: CertificateRenderer,
        documents: DocumentStore,
        clock: Clock,
        config: CaptableConfig,
    ) -> None:
        self._uow = uow
        self._renderer = renderer
        self._documents = documents
        self._clock = clock
        self._config = config

    async def execute(self, cmd: DownloadCertificate) -> CertificatePdf:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            found = await uow.cap_tables.certificate(cmd.certificate_id)
            if found is None:
                raise SecurityNotFound(cmd.certificate_id)
            security = found.security
            holder = await uow.stakeholders.get(security.issuer_id, security.stakeholder_id)
            mine = holder is not None and holder.user_id == user_id
            if not mine and not may(cmd.actor, CAPTABLE_READ, security.issuer_id):
                raise SecurityNotFound(cmd.certificate_id)
            stored = await uow.certificate_documents.find(security.id, security.status)
            issuer = await uow.issuers.get(security.issuer_id)
            legends = await _legends(uow, security)
        assert issuer is not None
        name = f"{security.certificate_number}.pdf"
        if stored is not None:
            return CertificatePdf(name, await read_stored(self._documents, stored))

        async def remember(put: StoredFile) -> StoredFile | None:
            async with self._uow as uow:
                if not await uow.certificate_documents.add(
                    security.id, security.status, put, self._clock.now()
                ):
                    return await uow.certificate_documents.find(security.id, security.status)
                uow.audit(_rendered(cmd.actor, security.id, security.status, put))
                await uow.commit()
            return None

        pdf = await self._renderer.certificate(self._sheet(issuer, found, legends))
        return CertificatePdf(name, await keep_first(self._documents, pdf, remember))

    def _sheet(
        self, issuer: Issuer, found: CertificateView, legends: tuple[str, ...]
    ) -> CertificateSheet:
        security = found.security
        return CertificateSheet(
            issuer_name=issuer.legal_name,
            issuer_jurisdiction=issuer.jurisdiction,
            certificate_number=security.certificate_number,
            class_name=found.class_name,
            holder_name=found.holder_name,
            quantity=security.quantity,
            issue_date=security.issue_date,
            legends=legends,
            verify_url=self._config.verify_url.format(certificate_id=security.id),
            watermark=WATERMARKS.get(security.status),
        )


async def _legends(uow: CaptableUnitOfWork, security: Security) -> tuple[str, ...]:
    """The texts of the legends its issuance named, in the order it named them."""
    if not security.stock_legend_ids:
        return ()
    found = await uow.stock_legends.of_issuer(security.issuer_id, among=security.stock_legend_ids)
    texts = {legend.id: legend.text for legend in found}
    return tuple(texts[i] for i in security.stock_legend_ids if i in texts)


def _rendered(
    actor: Actor, security_id: UUID, status: SecurityStatus, stored: StoredFile
) -> AuditRecord:
    return AuditRecord(
        action="captable.render_certificate",
        actor=actor,
        resource_type="security",
        resource_id=str(security_id),
        after={"status": status.value, "size_bytes": stored.size_bytes},
    )
