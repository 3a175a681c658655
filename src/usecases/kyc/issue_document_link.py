"""Use case: a short-lived signed link to download a KYC document, for its owner or a
reviewer. Issuing one is audited: it is how anyone gets to see an identity document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.kyc.documents import DocumentId
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.kyc.access import signed_in_user
from usecases.kyc.document_access import readable_document
from usecases.kyc.document_links import DocumentLink, sign_link
from usecases.kyc.ports import KycUnitOfWork
from usecases.shared.ports.link_signer import LinkSigner


@dataclass(frozen=True, slots=True, kw_only=True)
class IssueDocumentLink:
    actor: Actor
    document_id: DocumentId


class IssueDocumentLinkHandler:
    def __init__(
        self, uow: KycUnitOfWork, signer: LinkSigner, clock: Clock, *, ttl_seconds: int
    ) -> None:
        self._uow = uow
        self._signer = signer
        self._clock = clock
        self._ttl = timedelta(seconds=ttl_seconds)

    async def execute(self, cmd: IssueDocumentLink) -> DocumentLink:
        viewer = signed_in_user(cmd.actor)
        async with self._uow as uow:
            document = await readable_document(uow, cmd.actor, cmd.document_id)
            expires = int((self._clock.now() + self._ttl).timestamp())
            link = sign_link(self._signer, document.id, viewer, expires)
            uow.audit(
                AuditRecord(
                    action="kyc.issue_document_link",
                    actor=cmd.actor,
                    resource_type="kyc_document",
                    resource_id=str(document.id),
                    before={},
                    after={"kind": document.kind.value, "expires_at": link.expires_at.isoformat()},
                )
            )
            await uow.commit()
            return link
