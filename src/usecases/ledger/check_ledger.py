"""Use case: reconcile the ledger — every entry balances per asset, every account's posted
amount is the sum of its postings and its held amount the sum of its pending holds, no user
account is below zero available, every hold is consistent. Reports the first violation."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from usecases.ledger.access import LEDGER_READ, require
from usecases.ledger.ports import LedgerInspector, LedgerTotals, Violation


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckLedger:
    actor: Actor


@dataclass(frozen=True, slots=True)
class LedgerReport:
    totals: LedgerTotals
    violation: Violation | None

    @property
    def consistent(self) -> bool:
        return self.violation is None


class CheckLedgerHandler:
    def __init__(self, inspector: LedgerInspector) -> None:
        self._inspector = inspector

    async def execute(self, cmd: CheckLedger) -> LedgerReport:
        require(cmd.actor, LEDGER_READ)
        totals, violation = await self._inspector.inspect()
        return LedgerReport(totals, violation)
