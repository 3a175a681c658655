"""Use case: a completed transfer's agreement PDF, for its parties and whoever may read the
issuer's cap table. Rendered once through the certificate renderer (off the event loop) and
kept in the document store; later downloads read the stored file. Rendering and storing happen
outside any transaction; when two first downloads race, one file is kept."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.issuer import Issuer
from domain.captable.share_transfer import (
    RofrOutcome,
    ShareTransfer,
    TransferNotFound,
    TransferStateInvalid,
    TransferStatus,
)
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.ids import UserId
from usecases.captable.rendering import CertificateRenderer, TransferAgreementSheet
from usecases.captable.stored_documents import keep_first, read_stored
from usecases.captable.transfers.access import as_party, transfer_in, visible
from usecases.captable.transfers.ports import TransfersUnitOfWork
from usecases.captable.views import CertificatePdf
from usecases.identity.public.user_directory import UserDirectory
from usecases.shared.ports.document_store import DocumentStore, StoredFile


@dataclass(frozen=True, slots=True, kw_only=True)
class DownloadTransferAgreement:
    actor: Actor
    issuer_id: UUID
    transfer_id: UUID


class DownloadTransferAgreementHandler:
    def __init__(
        self,
        uow: TransfersUnitOfWork,
        renderer: CertificateRenderer,
        documents: DocumentStore,
        users: UserDirectory,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._renderer = renderer
        self._documents = documents
        self._users = users
        self._clock = clock

    async def execute(self, cmd: DownloadTransferAgreement) -> CertificatePdf:
        async with self._uow as uow:
            party = await as_party(uow, cmd.actor, cmd.issuer_id)
            transfer = await transfer_in(uow, cmd.issuer_id, cmd.transfer_id)
            if not visible(cmd.actor, transfer, party.me):
                raise TransferNotFound(cmd.transfer_id)
            if transfer.status is not TransferStatus.COMPLETED:
                raise TransferStateInvalid(
                    f"{transfer.reference} is {transfer.status.value}: its agreement exists "
                    "once it is completed"
                )
            name = f"{transfer.reference}-agreement.pdf"
            stored = await uow.transfer_documents.find(transfer.id)
            sheet = None if stored is not None else await self._sheet(uow, party.issuer, transfer)
        if stored is not None:
            return CertificatePdf(name, await read_stored(self._documents, stored))
        assert sheet is not None

        async def remember(put: StoredFile) -> StoredFile | None:
            async with self._uow as uow:
                if not await uow.transfer_documents.add(transfer.id, put, self._clock.now()):
                    return await uow.transfer_documents.find(transfer.id)
                uow.audit(
                    AuditRecord(
                        action="captable.render_transfer_agreement",
                        actor=cmd.actor,
                        resource_type="share_transfer",
                        resource_id=str(transfer.id),
                        after={"reference": transfer.reference, "size_bytes": put.size_bytes},
                    )
                )
                await uow.commit()
            return None

        pdf = await self._renderer.transfer_agreement(sheet)
        return CertificatePdf(name, await keep_first(self._documents, pdf, remember))

    async def _sheet(
        self, uow: TransfersUnitOfWork, issuer: Issuer, transfer: ShareTransfer
    ) -> TransferAgreementSheet:
        done = transfer.completion
        assert done is not None
        terms = transfer.terms
        ids = [transfer.seller_id, terms.buyer_id]
        names = await uow.stakeholders.names(issuer.id, ids)
        source = await uow.cap_tables.security(issuer.id, transfer.source_security_id)
        assert source is not None
        created = [done.buyer_security_id]
        if done.balance_security_id is not None:
            created.append(done.balance_security_id)
        numbers = []
        for security_id in created:
            security = await uow.cap_tables.security(issuer.id, security_id)
            numbers.append(security.certificate_number if security else "-")
        share_class = await uow.share_classes.get(issuer.id, source.stock_class_id)
        approver = "-"
        if transfer.approved_by is not None:
            contact = await self._users.contact(UserId(transfer.approved_by))
            approver = contact.name if contact is not None else "-"
        rofr = {
            RofrOutcome.WAIVED: "waived by the company",
            RofrOutcome.LAPSED: "expired unexercised",
            RofrOutcome.EXERCISED: f"exercised by {names.get(terms.buyer_id, '-')}",
        }.get(transfer.rofr, transfer.rofr.value)
        assert transfer.completed_at is not None
        return TransferAgreementSheet(
            issuer_name=issuer.legal_name,
            transfer_reference=transfer.reference,
            seller_name=names.get(transfer.seller_id, "-"),
            buyer_name=names.get(terms.buyer_id, "-"),
            class_name=share_class.name if share_class is not None else "-",
            quantity=terms.quantity,
            price_per_share=terms.price_per_share.amount,
            total_price=terms.total_price.amount,
            currency=terms.price_per_share.currency.code,
            fee=done.fee.amount,
            fee_payer=done.fee_payer,
            source_certificate=source.certificate_number,
            new_certificates=tuple(numbers),
            rofr_outcome=rofr,
            approved_by=approver,
            completed_on=transfer.completed_at.date(),
        )
