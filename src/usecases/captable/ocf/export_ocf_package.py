"""Use case: export an issuer's cap table as an ``.ocf.zip`` (OCF 1.2): the manifest with the
md5 of each file, the stakeholders, the share classes and every event as OCF transactions, each
object validated against its schema before it is written. Anyone who may read the issuer may
export it (a platform admin, its company admins); the export is recorded in the audit trail.
Everything is read in one snapshot, so the package is the cap table after one event."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from uuid import UUID

from domain.captable.issuer import Issuer
from domain.captable.stakeholder import Stakeholder
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.pagination import MAX_LIMIT, PageRequest
from usecases.captable.access import CAPTABLE_READ, issuer_for
from usecases.captable.ocf.from_cap_table import ocf_of
from usecases.captable.ocf.ports import OcfCodec, Progress
from usecases.captable.ports import CaptableUnitOfWork

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportOcfPackage:
    actor: Actor
    issuer_id: UUID
    progress: Progress | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class OcfExported:
    issuer: Issuer
    filename: str  # "ACME-Industries.ocf.zip"
    data: bytes = field(repr=False)
    objects: int


class ExportOcfPackageHandler:
    def __init__(self, uow: CaptableUnitOfWork, codec: OcfCodec, clock: Clock) -> None:
        self._uow = uow
        self._codec = codec
        self._clock = clock

    async def execute(self, cmd: ExportOcfPackage) -> OcfExported:
        tell = cmd.progress or _silent
        async with self._uow as uow:
            await uow.snapshot()
            issuer = await issuer_for(uow, cmd.actor, cmd.issuer_id, CAPTABLE_READ)
            tell("reading", 0, 3)
            stakeholders = await _every_stakeholder(uow, issuer.id)
            tell("reading", 1, 3)
            classes = await uow.share_classes.of_issuer(issuer.id)
            events = await uow.cap_tables.events(issuer.id)
            tell("reading", 3, 3)
            legends = await uow.stock_legends.of_issuer(issuer.id)
            plans = await uow.stock_plans.of_issuer(issuer.id)
            export = ocf_of(
                issuer,
                stakeholders,
                classes,
                events,
                now=self._clock.now(),
                legends=legends,
                plans=plans,
            )
            tell("writing", 0, 1)
            data = await self._codec.write(export.manifest, export.files)
            tell("writing", 1, 1)
            uow.audit(
                AuditRecord(
                    action="captable.export_ocf_package",
                    actor=cmd.actor,
                    resource_type="issuer",
                    resource_id=str(issuer.id),
                    after={"events": len(events), "objects": export.object_count},
                )
            )
            await uow.commit()
        name = _UNSAFE.sub("-", issuer.legal_name).strip("-") or "issuer"
        return OcfExported(issuer, f"{name}.ocf.zip", data, export.object_count)


async def _every_stakeholder(uow: CaptableUnitOfWork, issuer_id: UUID) -> list[Stakeholder]:
    found: list[Stakeholder] = []
    cursor: str | None = None
    while True:
        page = await uow.stakeholders.page(issuer_id, PageRequest(MAX_LIMIT, cursor))
        found.extend(page.items)
        if page.next_cursor is None:
            return found
        cursor = page.next_cursor


def _silent(stage: str, done: int, total: int) -> None:
    return None
