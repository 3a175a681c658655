"""The verification QR code as vector modules: one filled path of rectangles, no raster.

The symbol is segno's (error level M), computed by ``qr_mask.qr_rows``. Each row's dark
modules are merged into horizontal runs, one rectangle each, so a version-6 code (41 x 41) is
about 420 rectangles in one ``re ... f`` path, written in module units under one scaling
``cm``: crisp at any zoom and cheap to write. (Merging equal runs of successive rows into taller
rectangles saves a sixth of them but costs more time than it saves.)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Protocol

from infrastructure.captable.pdf.qr_mask import qr_rows

QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 asks


class Module(NamedTuple):
    """A dark rectangle in module units, from the symbol's top-left corner (rows go down)."""

    column: int
    row: int
    width: int
    height: int


class Literal(Protocol):
    def addLiteral(self, s: str, escaped: int = 1) -> None: ...  # noqa: N802  (ReportLab's)


_DARK_RUN = re.compile("1+")


@lru_cache(maxsize=64)
def qr_matrix(data: str) -> tuple[str, ...]:
    """segno's matrix of ``data`` (``"1"`` dark), one string a row, without the quiet zone."""
    return qr_rows(data)


def _runs(rows: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """(column, row, width) of every run of dark modules, row by row."""
    return [
        (start, row, end - start)
        for row, line in enumerate(rows)
        for start, end in (run.span() for run in _DARK_RUN.finditer(line))
    ]


def qr_modules(data: str) -> tuple[Module, ...]:
    """The dark modules of ``data``'s code as non-overlapping rectangles, one for each run of
    dark modules in a row, covering exactly the dark cells of segno's matrix."""
    return tuple(Module(column, row, width, 1) for column, row, width in _runs(qr_matrix(data)))


def qr_side(data: str) -> int:
    """The symbol's side in modules, without the quiet zone."""
    return len(qr_matrix(data))


@lru_cache(maxsize=64)
def qr_operators(data: str, x: float, y: float, size: float) -> str:
    """PDF operators that fill ``data``'s code in black into the ``size`` square whose
    lower-left corner is (x, y), the quiet zone included inside the square."""
    side = qr_side(data)
    scale = size / (side + 2 * QUIET_ZONE)
    top = y + size - QUIET_ZONE * scale
    left = x + QUIET_ZONE * scale
    path = " ".join(
        [f"{column} {row} {width} 1 re" for column, row, width in _runs(qr_matrix(data))]
    )
    # rows grow downwards in the symbol: flip y so module units go straight into ``re``
    return f"q 0 g {scale:.4f} 0 0 {-scale:.4f} {left:.4f} {top:.4f} cm {path} f Q"


def draw_qr(canvas: Literal, data: str, x: float, y: float, size: float) -> None:
    canvas.addLiteral(qr_operators(data, x, y, size))
