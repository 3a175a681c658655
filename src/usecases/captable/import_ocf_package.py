"""Use case: a platform admin (``captable:manage``) imports an OCF package as a NEW issuer.

The package is read under the size limits and validated against the OCF schema (every object
against the schema of its own type), mapped to the cap table by its own commands, and written
in one transaction: the issuer, its stakeholders and classes, every event with its projection,
one audit record. Any refusal, at any step, leaves nothing written. The answer says how many
objects of each type were imported, which types were not (with their counts), and which OCF
fields the cap table has no place for."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from domain.captable.issuer import Issuer
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.captable.access import require_manager
from usecases.captable.ocf.ports import OcfCodec, OcfLimits, Progress, Upload, read_bounded
from usecases.captable.ocf.to_cap_table import ImportReport, cap_table_of
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportOcfPackage:
    actor: Actor
    file: Upload = field(repr=False)
    filename: str
    progress: Progress | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class OcfImported:
    issuer: Issuer
    report: ImportReport
    events: int


class ImportOcfPackageHandler:
    def __init__(
        self, uow: CaptableUnitOfWork, codec: OcfCodec, limits: OcfLimits, clock: Clock
    ) -> None:
        self._uow = uow
        self._codec = codec
        self._limits = limits
        self._clock = clock

    async def execute(self, cmd: ImportOcfPackage) -> OcfImported:
        require_manager(cmd.actor)
        tell = cmd.progress or _silent
        data = await read_bounded(cmd.file, self._limits.max_package_bytes)
        tell("reading", 0, 1)
        package = await self._codec.read(data, filename=cmd.filename)
        tell("reading", 1, 1)
        # Pure CPU work on a large package: off the event loop.
        result = await asyncio.to_thread(
            cap_table_of, package, now=self._clock.now(), by=cmd.actor.user_id
        )
        issuer = result.issuer
        # A new issuer: it is stored at its latest event, with the history in one go.
        issuer.event_sequence = result.table.sequence
        issuer.latest_event_date = result.table.latest_date
        issuer.authorized_shares = result.table.authorized_shares
        total = len(result.changes)
        async with self._uow as uow:
            await uow.issuers.add(issuer)
            for share_class in result.share_classes:
                await uow.share_classes.add(share_class)
            for stakeholder in result.stakeholders:
                await uow.stakeholders.add(stakeholder)
            await uow.stock_legends.add_all(result.stock_legends)
            await uow.stock_plans.add_all(result.stock_plans)
            tell("writing", 0, total)
            await uow.cap_tables.append_all(result.changes, result.table)
            tell("writing", total, total)
            uow.audit(
                AuditRecord(
                    action="captable.import_ocf_package",
                    actor=cmd.actor,
                    resource_type="issuer",
                    resource_id=str(issuer.id),
                    after={
                        "legal_name": issuer.legal_name,
                        "filename": cmd.filename,
                        "events": total,
                        "imported": dict(result.report.imported),
                        "not_imported": dict(result.report.not_imported),
                    },
                )
            )
            await uow.commit()
        return OcfImported(issuer=issuer, report=result.report, events=total)


def _silent(stage: str, done: int, total: int) -> None:
    return None
