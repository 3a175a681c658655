"""The side-by-side table: one row a comparison, information rows after them."""

from __future__ import annotations

import math

from sbs.context import Row

HEADERS = ("scenario", "figure", "reference", "ratio", "target", "result")


def _cells(row: Row) -> tuple[str, ...]:
    ratio = "" if row.ratio is None or math.isnan(row.ratio) else f"{row.ratio:.2f}x"
    result = "" if row.met is None else ("met" if row.met else "MISSED")
    return (row.scenario, row.figure, row.reference, ratio, row.target, result)


def render_table(rows: list[Row]) -> str:
    ordered = [r for r in rows if r.met is not None] + [r for r in rows if r.met is None]
    cells = [HEADERS, *(_cells(r) for r in ordered)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADERS))]
    lines = ["  ".join(c[i].ljust(widths[i]) for i in range(len(HEADERS))).rstrip() for c in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
