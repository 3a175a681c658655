"""Use cases: I import the levels of an index series (the benchmark my investments are compared
against) from CSV, all or nothing, and read them back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from domain.portfolio.csv_import import parse_index_levels
from domain.portfolio.errors import IndexSeriesNotFound
from domain.portfolio.pme import IndexLevel
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.errors import ValidationFailed, invalid_field
from domain.shared.pagination import Page, PageRequest
from usecases.portfolio.access import signed_in_user
from usecases.portfolio.activities.import_activities import problem_field
from usecases.portfolio.ports import PortfolioUnitOfWork
from usecases.portfolio.uploads import Upload, read_csv

NAME: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


class IndexImportRefused(ValidationFailed):
    code = "index_import_refused"
    title = "The CSV has rows that cannot be imported"


def series_name(name: str) -> str:
    if not NAME.match(name):
        raise invalid_field("name", "1 to 40 letters, digits, '.', '_' or '-'")
    return name


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportIndexLevels:
    actor: Actor
    name: str
    file: Upload = field(repr=False)


@dataclass(frozen=True, slots=True)
class IndexImported:
    name: str
    levels: int


class ImportIndexLevelsHandler:
    def __init__(self, uow: PortfolioUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ImportIndexLevels) -> IndexImported:
        owner = signed_in_user(cmd.actor)
        name = series_name(cmd.name)
        parsed = parse_index_levels(await read_csv(cmd.file))
        if parsed.problems:
            raise IndexImportRefused(
                f"{len(parsed.problems)} problem(s) in the file: nothing was imported",
                errors=[problem_field(p) for p in parsed.problems],
            )
        if not parsed.items:
            raise invalid_field("file", "the file has no levels", code="empty_file")
        async with self._uow as uow:
            await uow.index_series.store(owner, name, parsed.items)
            uow.audit(
                AuditRecord(
                    action="portfolio.import_index_levels",
                    actor=cmd.actor,
                    resource_type="index_series",
                    resource_id=name,
                    after={"levels": len(parsed.items)},
                )
            )
            await uow.commit()
        return IndexImported(name, len(parsed.items))


@dataclass(frozen=True, slots=True, kw_only=True)
class ListIndexLevels:
    actor: Actor
    name: str
    page: PageRequest


class ListIndexLevelsHandler:
    def __init__(self, uow: PortfolioUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListIndexLevels) -> Page[IndexLevel]:
        owner = signed_in_user(cmd.actor)
        async with self._uow as uow:
            found = await uow.index_series.page(owner, series_name(cmd.name), cmd.page)
        if not found.items and cmd.page.cursor is None:
            raise IndexSeriesNotFound(cmd.name)
        return found
