"""SVG charts, drawn as text: a horizontal bar per allocation slice with its weight, and the
value over time as lines (total, private NAV, brokerage). No script, no external reference;
every label is escaped."""

from __future__ import annotations

from decimal import Decimal
from typing import Final
from xml.sax.saxutils import escape

from usecases.portfolio.analytics.get_allocation import Allocation
from usecases.portfolio.analytics.get_value_history import ValueHistory

WIDTH: Final = 640
ROW: Final = 28
TOP: Final = 48
LABEL: Final = 180
BAR: Final = 360
COLOURS: Final = ("#2f6db5", "#3d9a6b", "#d08a2c", "#b5482f", "#7a4fb0", "#4f9fb0")
TEXT: Final = 'font-family="sans-serif"'
PLOT: Final = (72, 48, 600, 288)  # left, top, right, bottom of the value chart's plot area


def _open(title: str, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="16" y="28" {TEXT} font-size="16">{escape(title)}</text>',
    ]


def _nothing(y: int) -> str:
    return f'<text x="16" y="{y}" {TEXT} font-size="13">Nothing held</text>'


def allocation_svg(allocation: Allocation) -> str:
    title = f"Allocation by {allocation.by.value}, {allocation.currency} (NAV)"
    height = TOP + ROW * max(len(allocation.slices), 1) + 16
    parts = _open(title, height)
    if not allocation.slices:
        parts.append(_nothing(TOP + 18))
    for at, piece in enumerate(allocation.slices):
        y = TOP + at * ROW
        length = round(float(piece.weight) * BAR, 1)
        share = f"{piece.weight * 100:.1f} %"
        parts += [
            f'<text x="16" y="{y + 18}" {TEXT} font-size="13">{escape(piece.key[:28])}</text>',
            f'<rect x="{LABEL}" y="{y + 4}" width="{length}" height="{ROW - 8}" '
            f'fill="{COLOURS[at % len(COLOURS)]}"/>',
            f'<text x="{LABEL + length + 6}" y="{y + 18}" {TEXT} font-size="12">{share}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def _amount(value: Decimal) -> str:
    return f"{value:,.0f}"


def value_svg(history: ValueHistory) -> str:
    """Three lines over the month ends: the total, the private NAV and the brokerage value
    (floats only for the drawing's coordinates)."""
    title = f"Value over time, {history.currency}"
    height = PLOT[3] + 56
    parts = _open(title, height)
    points = history.points
    if not points:
        parts += [_nothing(TOP + 18), "</svg>"]
        return "\n".join(parts)
    left, top, right, bottom = PLOT
    high = max(max(p.total for p in points), Decimal(1))
    span = max(len(points) - 1, 1)

    def x(at: int) -> float:
        return round(left + (right - left) * at / span, 1)

    def y(value: Decimal) -> float:
        return round(bottom - (bottom - top) * float(value / high), 1)

    parts += [
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#999999"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#999999"/>',
        f'<text x="{left - 6}" y="{top + 4}" {TEXT} font-size="11" text-anchor="end">'
        f"{_amount(high)}</text>",
        f'<text x="{left - 6}" y="{bottom + 4}" {TEXT} font-size="11" text-anchor="end">0</text>',
        f'<text x="{left}" y="{bottom + 18}" {TEXT} font-size="11">{points[0].on}</text>',
        f'<text x="{right}" y="{bottom + 18}" {TEXT} font-size="11" text-anchor="end">'
        f"{points[-1].on}</text>",
    ]
    lines = (
        ("Total", [p.total for p in points], COLOURS[0], 2.5),
        ("Private (NAV)", [p.private for p in points], COLOURS[1], 1.5),
        ("Brokerage", [p.brokerage for p in points], COLOURS[2], 1.5),
    )
    for at, (label, values, colour, width) in enumerate(lines):
        path = " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(values))
        parts += [
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{width}"/>',
            f'<rect x="{left + at * 150}" y="{bottom + 30}" width="12" height="12" '
            f'fill="{colour}"/>',
            f'<text x="{left + at * 150 + 18}" y="{bottom + 40}" {TEXT} font-size="12">'
            f"{label}: {_amount(values[-1])}</text>",
        ]
    parts.append("</svg>")
    return "\n".join(parts)
