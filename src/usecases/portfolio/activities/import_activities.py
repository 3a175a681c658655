"""Use case: I import the capital activities of one of my investments from a CSV file
(domain/portfolio/csv_import.py). A dry run checks every row and names the row and column of
each problem, writing nothing; a commit writes every row or, if any row is refused, none
(``ActivityImportRefused`` with the same problems)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from uuid import UUID

from domain.portfolio.csv_import import RowProblem, parse_activities
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import FieldError, ValidationFailed
from usecases.portfolio.access import own_investment
from usecases.portfolio.ports import PortfolioUnitOfWork
from usecases.portfolio.uploads import Upload, read_csv


class ActivityImportRefused(ValidationFailed):
    """Some rows are refused: nothing was written. Each error's field is
    ``rows.<row>.<column>`` (``rows.<row>`` for a row as a whole)."""

    code = "activity_import_refused"
    title = "The CSV has rows that cannot be imported"

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(
            f"{len(problems)} problem(s) in the file: nothing was imported",
            errors=[problem_field(p) for p in problems],
        )


def problem_field(problem: RowProblem) -> FieldError:
    where = f"rows.{problem.row}" + (f".{problem.column}" if problem.column else "")
    return FieldError(field=where, message=problem.message, code=problem.code)


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportActivities:
    actor: Actor
    investment_id: UUID
    file: Upload = field(repr=False)
    dry_run: bool


@dataclass(frozen=True, slots=True)
class ImportReport:
    dry_run: bool
    rows: int
    imported: int  # written (0 in a dry run)
    by_kind: dict[str, int]
    problems: list[RowProblem]


class ImportActivitiesHandler:
    def __init__(self, uow: PortfolioUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: ImportActivities) -> ImportReport:
        text = await read_csv(cmd.file)
        async with self._uow as uow:
            investment = await own_investment(
                uow, cmd.actor, cmd.investment_id, for_update=not cmd.dry_run
            )
            parsed = parse_activities(text, investment, self._clock.now())
            kinds = dict(Counter(a.kind.value for a in parsed.items))
            if cmd.dry_run:
                return ImportReport(True, parsed.rows, 0, kinds, parsed.problems)
            if parsed.problems:
                raise ActivityImportRefused(parsed.problems)
            await uow.activities.add_all(parsed.items)
            uow.audit(
                AuditRecord(
                    action="portfolio.import_activities",
                    actor=cmd.actor,
                    resource_type="investment",
                    resource_id=str(investment.id),
                    after={"imported": len(parsed.items), "by_kind": kinds},
                )
            )
            await uow.commit()
        return ImportReport(False, parsed.rows, len(parsed.items), kinds, [])
