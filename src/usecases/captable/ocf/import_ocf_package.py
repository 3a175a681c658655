"""Use case: a platform admin (``captable:manage``) imports an OCF package as a NEW issuer.

The package is read under the size limits and validated against the OCF schema (every object
against the schema of its own type), mapped to the cap table by its own commands, and written
in one transaction: the issuer, its stakeholders and classes, every event with its projection,
one audit record. Any refusal, at any step, leaves nothing written. The answer says how many
objects of each type were imported, which types were not (with their counts), and which OCF
fields the cap table has no place for."""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass, field

from domain.captable.ocf_import import OcfImported as OcfImported  # re-exported
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.captable.access import require_manager
from usecases.captable.config import CaptableConfig
from usecases.captable.ocf.ports import OcfCodec, OcfLimits, Progress, Upload, read_bounded
from usecases.captable.ocf.to_cap_table import cap_table_of
from usecases.captable.ports import CaptableUnitOfWork
from usecases.shared.idempotency import (
    DEFAULT_TTL,
    IdempotencyGate,
    IdempotencyKey,
    Idempotent,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportOcfPackage:
    actor: Actor
    file: Upload = field(repr=False)
    filename: str
    progress: Progress | None = field(default=None, repr=False, compare=False)
    # honoured with the package's own fingerprint (see ``package_key``); None: the CLI's run
    idempotency: IdempotencyKey | None = None


class ImportOcfPackageHandler:
    def __init__(
        self,
        uow: CaptableUnitOfWork,
        codec: OcfCodec,
        limits: OcfLimits,
        clock: Clock,
        config: CaptableConfig | None = None,
    ) -> None:
        self._uow = uow
        self._codec = codec
        self._limits = limits
        self._clock = clock
        self._ttl = config.idempotency_ttl if config is not None else DEFAULT_TTL

    async def execute(self, cmd: ImportOcfPackage) -> OcfImported:
        """The import (the CLI's; ``cmd.idempotency`` honoured when given)."""
        outcome = await self.execute_once(cmd)
        assert outcome.value is not None
        return outcome.value

    async def execute_once(self, cmd: ImportOcfPackage) -> Idempotent[OcfImported]:
        """The import honouring ``cmd.idempotency``: a retried upload of the same package under
        the same key answers the first import (no second issuer); another package under that
        key is refused (``IdempotencyKeyReused``)."""
        require_manager(cmd.actor)
        tell = cmd.progress or _silent
        data = await read_bounded(cmd.file, self._limits.max_package_bytes)
        key = package_key(cmd.idempotency, data)
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
            gate: IdempotencyGate[OcfImported] = await IdempotencyGate.enter(
                uow.idempotency, cmd.actor, key, self._clock.now(), self._ttl
            )
            if gate.replay is not None:
                return gate.replay
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
            outcome = await gate.complete(
                OcfImported(issuer=issuer, report=result.report, events=total), self._clock.now()
            )
            await uow.commit()
        return outcome


def package_key(key: IdempotencyKey | None, package: bytes) -> IdempotencyKey | None:
    """The client's key with the package's own fingerprint (the sha256 of its bytes), not the
    multipart body's: the same package uploaded again (another boundary, another filename)
    is the same request."""
    if key is None:
        return None
    digest = hashlib.sha256(key.fingerprint.encode() + b"\n")  # the route's
    digest.update(package)
    return IdempotencyKey(key.key, digest.hexdigest())


def _silent(stage: str, done: int, total: int) -> None:
    return None
