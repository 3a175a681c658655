"""What an OCF import did: the new issuer, the objects imported and not imported by OCF type,
and the OCF fields of imported objects the cap table has no place for. A domain value, so an
import's result is what a retried upload under the same ``Idempotency-Key`` answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from domain.captable.issuer import Issuer


@dataclass(frozen=True, slots=True)
class ImportReport:
    imported: Mapping[str, int]
    not_imported: Mapping[str, int]
    fields_not_kept: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class OcfImported:
    issuer: Issuer
    report: ImportReport
    events: int
