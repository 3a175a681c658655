"""The verification QR code as vector modules: one filled path of rectangles, no raster.

Each row's dark modules are merged into horizontal runs, and a run repeated on the rows below
grows into one taller rectangle, so a version-6 code (41 x 41) is a couple of hundred
rectangles in one ``re ... f`` path: crisp at any zoom and cheap to write.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple, Protocol

import segno

QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 asks


class Module(NamedTuple):
    """A dark rectangle in module units, from the symbol's top-left corner (rows go down)."""

    column: int
    row: int
    width: int
    height: int


class Literal(Protocol):
    def addLiteral(self, s: str, escaped: int = 1) -> None: ...  # noqa: N802  (ReportLab's)


def qr_matrix(data: str) -> tuple[bytearray, ...]:
    """segno's matrix of ``data`` (1 = dark), without the quiet zone; error level M."""
    return tuple(segno.make(data, error="m", micro=False).matrix)


def _runs(row: Sequence[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    for column, dark in enumerate(row):
        if dark and start is None:
            start = column
        elif not dark and start is not None:
            runs.append((start, column - start))
            start = None
    if start is not None:
        runs.append((start, len(row) - start))
    return runs


@lru_cache(maxsize=1024)
def qr_modules(data: str) -> tuple[Module, ...]:
    """The dark modules of ``data``'s code as non-overlapping rectangles covering exactly the
    dark cells of segno's matrix."""
    open_runs: dict[tuple[int, int], Module] = {}  # (column, width) -> rectangle still growing
    done: list[Module] = []
    for row_index, row in enumerate(qr_matrix(data)):
        runs = set(_runs(row))
        for key in list(open_runs):
            if key not in runs:
                done.append(open_runs.pop(key))
        for column, width in sorted(runs):
            grown = open_runs.get((column, width))
            open_runs[(column, width)] = (
                grown._replace(height=grown.height + 1)
                if grown
                else Module(column, row_index, width, 1)
            )
    done.extend(open_runs.values())
    return tuple(sorted(done, key=lambda m: (m.row, m.column)))


def qr_side(data: str) -> int:
    """The symbol's side in modules, without the quiet zone."""
    return len(qr_matrix(data))


@lru_cache(maxsize=1024)
def qr_operators(data: str, x: float, y: float, size: float) -> str:
    """PDF operators that fill ``data``'s code in black into the ``size`` square whose
    lower-left corner is (x, y), the quiet zone included inside the square."""
    side = qr_side(data)
    scale = size / (side + 2 * QUIET_ZONE)
    top = y + size - QUIET_ZONE * scale
    left = x + QUIET_ZONE * scale
    path = " ".join(f"{m.column} {m.row} {m.width} {m.height} re" for m in qr_modules(data))
    # rows grow downwards in the symbol: flip y so module units go straight into ``re``
    return f"q 0 g {scale:.4f} 0 0 {-scale:.4f} {left:.4f} {top:.4f} cm {path} f Q"


def draw_qr(canvas: Literal, data: str, x: float, y: float, size: float) -> None:
    canvas.addLiteral(qr_operators(data, x, y, size))
