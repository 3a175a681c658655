"""Key rotation: re-seal every registered value and stored file under the newest field key.

Batches of ``batch_size`` rows, each committed with an audit record, so a run can stop at any
point and be started again: only values not yet under the newest key are selected, and a row
changed meanwhile (its token no longer the one read) is left for the next run. Once ``status``
shows nothing under an old key version, that key can be removed from FIELD_ENCRYPTION_KEYS."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    String,
    column,
    func,
    literal_column,
    select,
    table,
    update,
)

from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from infrastructure.container import Container
from infrastructure.crypto.field_cipher import AesGcmFieldCipher
from infrastructure.keys.registry import SEALED_COLUMNS, STORED_FILES, SealedColumn, StoredFiles

ACTOR = Actor.system("keys-rotate")


@dataclass(slots=True)
class RotationReport:
    key_version: str
    resealed: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)  # changed while being rotated


def _token_version(token: ColumnElement[str]) -> ColumnElement[str]:
    """The key id of a field-cipher token ``<key id>.<...>`` (literals inline, so the same
    expression can be grouped by)."""
    return func.split_part(token, literal_column("'.'"), literal_column("1"))


def _cipher(container: Container) -> AesGcmFieldCipher:
    cipher = container.field_cipher
    if not isinstance(cipher, AesGcmFieldCipher):
        raise TypeError("key rotation needs the AES-GCM field cipher")
    return cipher


async def _rotate_column(
    container: Container, spec: SealedColumn, batch_size: int, report: RotationReport
) -> None:
    cipher = _cipher(container)
    current = cipher.current_key_id
    t = table(spec.table, column(spec.key), column(spec.column))
    key, value = t.c[spec.key], t.c[spec.column]
    report.resealed[spec.name] = report.skipped[spec.name] = 0
    after: object = None
    while True:
        async with container.unit_of_work() as uow:
            query = select(key, value).where(value.is_not(None), _token_version(value) != current)
            if after is not None:
                query = query.where(key > after)
            rows = (await uow.session.execute(query.order_by(key).limit(batch_size))).all()
            if not rows:
                return
            done = 0
            for row_key, token in rows:
                context = spec.context(row_key)
                fresh = cipher.encrypt(cipher.decrypt(token, context=context), context=context)
                result = await uow.session.execute(
                    update(t).where(key == row_key, value == token).values({spec.column: fresh})
                )
                done += cast(CursorResult[Any], result).rowcount
            _audit(uow, spec.name, done, current)
            await uow.commit()
        report.resealed[spec.name] += done
        report.skipped[spec.name] += len(rows) - done
        after = rows[-1][0]


async def _rotate_files(
    container: Container, spec: StoredFiles, batch_size: int, report: RotationReport
) -> None:
    store = container.documents
    current = store.current_key_version
    t = table(spec.table, column(spec.key), column(spec.storage_key), column(spec.key_version))
    key, storage_key, version = t.c[spec.key], t.c[spec.storage_key], t.c[spec.key_version]
    report.resealed[spec.name] = report.skipped[spec.name] = 0
    after: object = None
    while True:
        async with container.unit_of_work() as uow:
            query = select(key, storage_key).where(version != current)
            if after is not None:
                query = query.where(key > after)
            rows = (await uow.session.execute(query.order_by(key).limit(batch_size))).all()
            if not rows:
                return
            for row_key, stored in rows:
                sealed_under = await store.reseal(stored)  # atomic per file, idempotent
                await uow.session.execute(
                    update(t).where(key == row_key).values({spec.key_version: sealed_under})
                )
            _audit(uow, spec.name, len(rows), current)
            await uow.commit()
        report.resealed[spec.name] += len(rows)
        after = rows[-1][0]


def _audit(uow: SqlAlchemyUnitOfWork, name: str, count: int, version: str) -> None:
    uow.audit(
        AuditRecord(
            action="keys.rotate",
            actor=ACTOR,
            resource_type="sealed_values",
            resource_id=name,
            before={},
            after={"resealed": count, "key_version": version},
        )
    )


async def rotate(container: Container, *, batch_size: int = 500) -> RotationReport:
    report = RotationReport(key_version=_cipher(container).current_key_id)
    for spec in SEALED_COLUMNS:
        await _rotate_column(container, spec, batch_size, report)
    for files in STORED_FILES:
        await _rotate_files(container, files, batch_size, report)
    return report


async def key_status(container: Container) -> dict[str, dict[str, int]]:
    """For each registered place, how many values are sealed under each key version."""
    found: dict[str, dict[str, int]] = {}
    async with container.engine.connect() as connection:
        for spec in SEALED_COLUMNS:
            value = column(spec.column, String)
            version = _token_version(value)
            query = (
                select(version, func.count())
                .select_from(table(spec.table, value))
                .where(value.is_not(None))
                .group_by(version)
            )
            found[spec.name] = {str(v): int(n) for v, n in await connection.execute(query)}
        for files in STORED_FILES:
            recorded = column(files.key_version, String)
            query = (
                select(recorded, func.count())
                .select_from(table(files.table, recorded))
                .group_by(recorded)
            )
            found[files.name] = {str(v): int(n) for v, n in await connection.execute(query)}
    return found
