"""Use case: anyone holding a certificate (its QR code) checks it is real: its number, class,
quantity, status, issue date and issuer, never who holds it."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.errors import SecurityNotFound
from usecases.captable.ports import CaptableUnitOfWork
from usecases.captable.views import VerifiedCertificate


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyCertificate:
    certificate_id: UUID


class VerifyCertificateHandler:
    def __init__(self, uow: CaptableUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: VerifyCertificate) -> VerifiedCertificate:
        async with self._uow as uow:
            found = await uow.cap_tables.certificate(cmd.certificate_id)
        if found is None:
            raise SecurityNotFound(cmd.certificate_id)
        return VerifiedCertificate(
            certificate_number=found.security.certificate_number,
            class_name=found.class_name,
            quantity=found.security.quantity,
            status=found.security.status,
            issue_date=found.security.issue_date,
            issuer_name=found.issuer_name,
        )
