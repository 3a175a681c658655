"""Use case: upload one of my KYC documents (an Aadhaar card side, or the offline e-KYC file).

The content is read up to the size limit and no further, its type is detected from its bytes,
and only then is it sealed into the document store and recorded. A refused file leaves
nothing behind: no row, no file. A new upload of the same kind replaces the previous one. The
offline e-KYC file sends the Aadhaar step to manual review."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, replace

from domain.kyc.documents import (
    AadhaarNotSubmitted,
    DocumentId,
    DocumentKind,
    KycDocument,
    check_content,
)
from domain.kyc.steps import StepAlreadyVerified, StepState
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.ids import new_uuid
from usecases.kyc.access import signed_in_user
from usecases.kyc.ports import KycUnitOfWork
from usecases.shared.documents import Upload, read_bounded
from usecases.shared.ports.document_store import DocumentStore

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class UploadKycDocument:
    actor: Actor
    kind: DocumentKind
    file: Upload


class UploadKycDocumentHandler:
    def __init__(
        self, uow: KycUnitOfWork, store: DocumentStore, clock: Clock, *, max_bytes: int
    ) -> None:
        self._uow = uow
        self._store = store
        self._clock = clock
        self._max_bytes = max_bytes

    async def execute(self, cmd: UploadKycDocument) -> KycDocument:
        user_id = signed_in_user(cmd.actor)
        data = await read_bounded(cmd.file, self._max_bytes)
        content_type = check_content(cmd.kind, data)
        async with self._uow as uow:
            step = await uow.aadhaar.get(user_id)
            if step is not None and step.state is StepState.VERIFIED:
                raise StepAlreadyVerified("the Aadhaar step is already verified")
            if cmd.kind is DocumentKind.AADHAAR_OFFLINE_EKYC and step is None:
                raise AadhaarNotSubmitted(
                    "submit the Aadhaar number, name and date of birth before the offline e-KYC"
                )
            replaced = [d for d in await uow.documents.of_user(user_id) if d.kind is cmd.kind]
            stored = await self._store.put(data)
            try:
                now = self._clock.now()
                document = KycDocument(
                    id=DocumentId(new_uuid()),
                    user_id=user_id,
                    kind=cmd.kind,
                    content_type=content_type,
                    size_bytes=stored.size_bytes,
                    sha256=hashlib.sha256(data).hexdigest(),
                    storage_key=stored.key,
                    key_version=stored.key_version,
                    uploaded_at=now,
                )
                for old in replaced:
                    await uow.documents.remove(old.id)
                await uow.documents.add(document)
                if step is not None and cmd.kind is DocumentKind.AADHAAR_OFFLINE_EKYC:
                    await uow.aadhaar.save(
                        replace(step, state=StepState.PENDING_REVIEW, reason=None, updated_at=now)
                    )
                uow.audit(
                    AuditRecord(
                        action="kyc.upload_document",
                        actor=cmd.actor,
                        resource_type="kyc_document",
                        resource_id=str(document.id),
                        before={"replaced": [str(d.id) for d in replaced]} if replaced else {},
                        after={
                            "kind": document.kind.value,
                            "content_type": document.content_type.value,
                            "size_bytes": document.size_bytes,
                            "sha256": document.sha256,
                        },
                    )
                )
                await uow.commit()
            except BaseException:
                await self._store.delete(stored.key)
                raise
        for old in replaced:
            try:
                await self._store.delete(old.storage_key)
            except Exception:  # the new document is in; an old file left over is only waste
                log.warning("replaced document file not removed", extra={"document": str(old.id)})
        return document
