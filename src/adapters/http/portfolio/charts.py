"""SVG charts, drawn as text: a horizontal bar per allocation slice with its weight. No
script, no external reference; every label is escaped."""

from __future__ import annotations

from typing import Final
from xml.sax.saxutils import escape

from usecases.portfolio.analytics.get_allocation import Allocation

WIDTH: Final = 640
ROW: Final = 28
TOP: Final = 48
LABEL: Final = 180
BAR: Final = 360
COLOURS: Final = ("#2f6db5", "#3d9a6b", "#d08a2c", "#b5482f", "#7a4fb0", "#4f9fb0")


def allocation_svg(allocation: Allocation) -> str:
    title = f"Allocation by {allocation.by.value}, {allocation.currency} (NAV)"
    height = TOP + ROW * max(len(allocation.slices), 1) + 16
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="16" y="28" font-family="sans-serif" font-size="16">{escape(title)}</text>',
    ]
    if not allocation.slices:
        parts.append(
            f'<text x="16" y="{TOP + 18}" font-family="sans-serif" font-size="13">'
            "Nothing held</text>"
        )
    for at, piece in enumerate(allocation.slices):
        y = TOP + at * ROW
        length = round(float(piece.weight) * BAR, 1)
        share = f"{piece.weight * 100:.1f} %"
        parts += [
            f'<text x="16" y="{y + 18}" font-family="sans-serif" font-size="13">'
            f"{escape(piece.key[:28])}</text>",
            f'<rect x="{LABEL}" y="{y + 4}" width="{length}" height="{ROW - 8}" '
            f'fill="{COLOURS[at % len(COLOURS)]}"/>',
            f'<text x="{LABEL + length + 6}" y="{y + 18}" font-family="sans-serif" '
            f'font-size="12">{share}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)
