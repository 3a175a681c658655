"""A certificate's PDF is rendered once, on the first download, and stored; later downloads
read the stored file. A consumed certificate is a new document (watermarked). In-memory fakes of
the ports; no I/O."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import TracebackType
from typing import Any, cast
from uuid import UUID

import pytest

from domain.captable.errors import SecurityNotFound
from domain.captable.issuer import Issuer
from domain.captable.security import Security, SecurityStatus
from domain.captable.stakeholder import Stakeholder, StakeholderType
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.ids import UserId, new_uuid
from usecases.captable.config import CaptableConfig
from usecases.captable.ownership.download_certificate import (
    DownloadCertificate,
    DownloadCertificateHandler,
)
from usecases.captable.ports import CertificateView
from usecases.captable.rendering import CertificateSheet, TransferAgreementSheet
from usecases.shared.ports.document_store import StoredFile, StoredFileMissing

NOW = datetime(2026, 6, 1, tzinfo=UTC)
HOLDER_USER = UserId(new_uuid())


class Renderer:
    def __init__(self) -> None:
        self.sheets: list[CertificateSheet] = []

    async def certificate(self, sheet: CertificateSheet) -> bytes:
        self.sheets.append(sheet)
        return f"%PDF {sheet.certificate_number} {sheet.watermark}".encode()

    async def transfer_agreement(self, sheet: TransferAgreementSheet) -> bytes:
        raise NotImplementedError


class Documents:
    current_key_version = "v1"

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    async def put(self, data: bytes) -> StoredFile:
        key = f"doc-{len(self.files)}"
        self.files[key] = data
        return StoredFile(key, "v1", len(data))

    async def get(self, key: str) -> AsyncIterator[bytes]:
        if key not in self.files:
            raise StoredFileMissing(key)
        yield self.files[key]

    async def delete(self, key: str) -> None:
        self.files.pop(key, None)

    async def key_version(self, key: str) -> str:
        return "v1"

    async def reseal(self, key: str) -> str:
        return "v1"


class Store:
    """The rows the download reads and writes."""

    def __init__(self, issuer: Issuer, security: Security, holder: Stakeholder) -> None:
        self.issuer, self.security, self.holder = issuer, security, holder
        self.documents: dict[tuple[UUID, SecurityStatus], StoredFile] = {}
        self.audited: list[AuditRecord] = []


class Uow:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.cap_tables = self
        self.stakeholders = self
        self.certificate_documents = self
        self.issuers = self
        self._audit: list[AuditRecord] = []

    async def __aenter__(self) -> Uow:
        self._audit = []
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    async def certificate(self, security_id: UUID) -> CertificateView | None:
        s = self.store.security
        if security_id != s.id:
            return None
        return CertificateView(s, "Common Stock", self.store.issuer.legal_name, "Priya Sharma")

    async def get(self, *args: Any, **kwargs: Any) -> Any:
        return self.store.holder if len(args) == 2 else self.store.issuer

    async def find(self, security_id: UUID, status: SecurityStatus) -> StoredFile | None:
        return self.store.documents.get((security_id, status))

    async def add(
        self, security_id: UUID, status: SecurityStatus, stored: StoredFile, now: datetime
    ) -> bool:
        return self.store.documents.setdefault((security_id, status), stored) is stored

    def audit(self, record: AuditRecord) -> None:
        self._audit.append(record)

    async def commit(self) -> None:
        self.store.audited.extend(self._audit)


def world() -> tuple[Store, Renderer, Documents, DownloadCertificateHandler]:
    issuer = Issuer.new(
        legal_name="Acme, Inc.",
        formation_date=date(2021, 3, 4),
        country_of_formation="US",
        country_subdivision_of_formation="DE",
        currency="USD",
        created_by=None,
        now=NOW,
    )
    holder = replace(
        Stakeholder.new(
            issuer_id=issuer.id,
            legal_name="Priya Sharma",
            stakeholder_type=StakeholderType.INDIVIDUAL,
            now=NOW,
        ),
        user_id=HOLDER_USER,
    )
    security = Security(
        id=new_uuid(),
        issuer_id=issuer.id,
        stock_class_id=new_uuid(),
        stakeholder_id=holder.id,
        certificate_number="CS-0001",
        quantity=Decimal(100),
        issue_date=date(2026, 1, 15),
        created_by_event_id=new_uuid(),
    )
    store, renderer, documents = Store(issuer, security, holder), Renderer(), Documents()
    config = CaptableConfig(
        idempotency_ttl=timedelta(hours=24),
        verify_url="https://meridian.test/api/v1/certificates/{certificate_id}/verify",
    )
    clock = type("C", (), {"now": lambda self: NOW})()
    handler = DownloadCertificateHandler(Uow(store), renderer, documents, clock, config)  # type: ignore[arg-type]
    return store, renderer, documents, handler


def holder() -> Actor:
    return Actor(kind="user", user_id=HOLDER_USER)


async def test_the_first_download_renders_and_stores_later_ones_read_the_store() -> None:
    store, renderer, documents, handler = world()
    command = DownloadCertificate(actor=holder(), certificate_id=store.security.id)
    first = await handler.execute(command)
    second = await handler.execute(command)
    assert first == second
    assert first.filename == "CS-0001.pdf"
    assert len(renderer.sheets) == 1
    assert len(documents.files) == 1
    sheet = renderer.sheets[0]
    assert (sheet.holder_name, sheet.watermark) == ("Priya Sharma", None)
    assert (
        sheet.verify_url == f"https://meridian.test/api/v1/certificates/{store.security.id}/verify"
    )
    assert [r.action for r in store.audited] == ["captable.render_certificate"]


async def test_a_cancelled_certificate_is_printed_again_with_its_watermark() -> None:
    store, renderer, _, handler = world()
    command = DownloadCertificate(actor=holder(), certificate_id=store.security.id)
    await handler.execute(command)
    store.security = store.security.consumed(SecurityStatus.CANCELLED, new_uuid(), date(2026, 2, 1))
    cancelled = await handler.execute(command)
    assert [s.watermark for s in renderer.sheets] == [None, "CANCELLED"]
    assert b"CANCELLED" in cancelled.content


async def test_someone_elses_certificate_answers_not_found_and_renders_nothing() -> None:
    store, renderer, _, handler = world()
    stranger = Actor(kind="user", user_id=UserId(new_uuid()))
    with pytest.raises(SecurityNotFound):
        await handler.execute(DownloadCertificate(actor=stranger, certificate_id=store.security.id))
    assert renderer.sheets == []


async def test_two_first_downloads_keep_one_file_and_both_answer_with_it() -> None:
    store, renderer, documents, handler = world()
    # the other first download rendered and remembered its file after this one looked
    winner = await documents.put(b"%PDF the other download's")
    looked: list[bool] = []
    uow = cast(Uow, handler._uow)
    remembered = uow.find

    async def find_late(security_id: UUID, status: SecurityStatus) -> StoredFile | None:
        if not looked:
            looked.append(True)
            return None  # not there yet when this download looked
        return await remembered(security_id, status)

    uow.find = find_late  # type: ignore[method-assign]
    store.documents[(store.security.id, store.security.status)] = winner
    answer = await handler.execute(
        DownloadCertificate(actor=holder(), certificate_id=store.security.id)
    )
    assert answer.content == b"%PDF the other download's"
    assert list(documents.files) == [winner.key]  # its own file deleted, the winner's kept
    assert len(renderer.sheets) == 1
    assert store.audited == []  # only the download that kept its file records the rendering
