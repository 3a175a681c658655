"""Lines of text on a page: wrapping to a width (cached: legends repeat on every certificate),
fitting a title to its width, and dates as a reader reads them."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth


@lru_cache(maxsize=4096)
def wrap(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """``text`` broken at spaces into lines no wider than ``width``; a word wider than a line
    is cut between characters, so nothing runs off the page."""
    lines: list[str] = []
    for line in simpleSplit(" ".join(text.split()), font, size, width):
        lines.extend(_cut(line, font, size, width))
    return tuple(lines) or ("",)


def _cut(line: str, font: str, size: float, width: float) -> list[str]:
    pieces: list[str] = []
    while stringWidth(line, font, size) > width and len(line) > 1:
        end = len(line) - 1
        while end > 1 and stringWidth(line[:end], font, size) > width:
            end -= 1
        pieces.append(line[:end])
        line = line[end:].lstrip()
    return [*pieces, line] if line else pieces


@lru_cache(maxsize=4096)
def fitting_size(text: str, font: str, largest: float, smallest: float, width: float) -> float:
    """The largest size from ``largest`` down to ``smallest`` at which ``text`` fits ``width``
    on one line (``smallest`` when none does)."""
    size = largest
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.5
    return max(size, smallest)


def printed_date(day: date) -> str:
    """``1 December 2026``: no day/month order to misread."""
    return f"{day.day} {day:%B %Y}"
