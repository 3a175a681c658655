"""Every KYC step's table, for what all steps share: the review queue, decisions, states for
the level, and the statistics. Each table has ``user_id`` (primary key), ``state``, ``reason``,
``submitted_at`` and ``updated_at``; ``details`` names the columns a reviewer may see (masked
numbers, names, dates, scores: never a raw or sealed number).

Adding a step is one entry here (and its ``Step`` member)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from sqlalchemy import ColumnElement, FromClause

from adapters.persistence.base import Base
from adapters.persistence.kyc.models import AadhaarRow, BankRow, BusinessRow, PanRow
from domain.kyc.steps import Step


@dataclass(frozen=True, slots=True)
class StepTable:
    model: type[Base]
    details: tuple[str, ...]

    @property
    def table(self) -> FromClause:
        return self.model.__table__

    def column(self, name: str) -> ColumnElement[object]:
        column: ColumnElement[object] = self.table.c[name]
        return column


STEP_TABLES: Final[Mapping[Step, StepTable]] = {
    Step.AADHAAR: StepTable(AadhaarRow, ("masked_number", "name", "date_of_birth")),
    Step.PAN: StepTable(
        PanRow, ("masked_number", "holder", "name", "registered_name", "name_match_score")
    ),
    Step.BUSINESS: StepTable(
        BusinessRow,
        ("legal_name", "constitution", "gstin", "registered_address", "contact_channel"),
    ),
    Step.BANK: StepTable(
        BankRow,
        ("masked_number", "ifsc", "bank_name", "branch", "holder_name", "name_match_score"),
    ),
}
