"""A calendar quarter, as a statement covers it: ``2026-Q3`` is 1 July to 30 September 2026.
A quarter that has not begun has nothing to state (``quarter_not_started``); the current one
is stated to date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain.shared.errors import FieldError, ValidationFailed

PATTERN = re.compile(r"^([0-9]{4})-Q([1-4])$")


class QuarterNotStarted(ValidationFailed):
    code = "quarter_not_started"
    title = "That quarter has not begun"

    def __init__(self, label: str) -> None:
        message = f"{label} has not begun"
        super().__init__(
            f"quarter: {message}",
            errors=[FieldError("quarter", message, "quarter_not_started")],
        )


@dataclass(frozen=True, slots=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @classmethod
    def parse(cls, text: str, today: date) -> Quarter:
        found = PATTERN.match(text)
        if found is None or int(found.group(1)) < 1900:
            raise ValidationFailed(
                "quarter: must be a quarter like 2026-Q3",
                errors=[FieldError("quarter", "must be a quarter like 2026-Q3", "invalid")],
            )
        quarter = cls(int(found.group(1)), int(found.group(2)))
        if quarter.start > today:
            raise QuarterNotStarted(quarter.label)
        return quarter

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        month = 3 * self.number
        return date(self.year, month, 31 if month in (3, 12) else 30)
