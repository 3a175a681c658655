"""The quarterly statement as a PDF (ReportLab): figures per currency and per investment as of
the quarter's end, the quarter's capital activities, the brokerage account (value, returns and
risk figures, positions, trades). Every cell is a paragraph that wraps inside its column; every
text is escaped. A figure that does not exist is printed as its reason, never as a number."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from usecases.portfolio.statements.rendering import (
    FiguresLine,
    MovementLine,
    QuarterlyStatementSheet,
)

_CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10, wordWrap="CJK")
_HEAD = ParagraphStyle("head", parent=_CELL, fontName="Helvetica-Bold")
_FIGURE = ParagraphStyle("figure", parent=_CELL, alignment=TA_RIGHT)
_STYLE = TableStyle(
    [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey)]
)
WIDTH = 261 * mm  # between the margins of a landscape A4 page


def _money(amount: Decimal, currency: str) -> str:
    return f"{amount:,.2f} {currency}"


def _rate(value: Decimal | None, reason: str | None = None) -> str:
    if value is None:
        return f"n/a ({reason})" if reason else "n/a"
    return f"{value * 100:.2f} %"


def _multiple(value: Decimal | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], figures_from: int) -> Table:
    def cells(values: Sequence[str], style: ParagraphStyle) -> list[Paragraph]:
        return [
            Paragraph(escape(v), _FIGURE if i >= figures_from and style is _CELL else style)
            for i, v in enumerate(values)
        ]

    data = [cells(head, _HEAD)] + [cells(r, _CELL) for r in rows]
    table = Table(data, repeatRows=1, colWidths=[WIDTH / len(head)] * len(head))
    table.setStyle(_STYLE)
    return table


def _figures(lines: Sequence[FiguresLine]) -> Table:
    return _table(
        ("", "Paid in", "Distributed", "NAV", "TVPI", "DPI", "Net IRR"),
        [
            (
                f.label,
                _money(f.paid_in, f.currency),
                _money(f.distributed, f.currency),
                _money(f.nav, f.currency),
                _multiple(f.tvpi),
                _multiple(f.dpi),
                _rate(f.irr, f.irr_reason),
            )
            for f in lines
        ],
        figures_from=1,
    )


def _movements(lines: Sequence[MovementLine], what: str) -> Table:
    return _table(
        ("Date", what, "Kind", "Amount"),
        [
            (m.on.isoformat(), m.what, m.kind.replace("_", " "), _money(m.amount, m.currency))
            for m in lines
        ],
        figures_from=3,
    )


def render_quarterly_statement(sheet: QuarterlyStatementSheet) -> bytes:
    styles = getSampleStyleSheet()
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        title=f"Meridian portfolio statement {sheet.quarter}",
        author="Meridian",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
    )
    none = styles["Normal"]

    def section(title: str, body: Flowable | None, empty: str) -> list[Flowable]:
        return [
            Paragraph(escape(title), styles["Heading3"]),
            body if body is not None else Paragraph(escape(empty), none),
            Spacer(1, 4 * mm),
        ]

    brokerage = _table(
        (
            "Currency",
            "Value",
            "Quarter",
            "Since first trade",
            "Volatility",
            "Sharpe",
            "Max drawdown",
            "VaR 95 %",
        ),
        [
            (
                b.currency,
                _money(b.value, b.currency),
                _rate(
                    b.quarter_return,
                    "no return in the quarter" if b.quarter_return is None else None,
                ),
                _rate(b.since_start, b.reason),
                _rate(b.annual_volatility, b.reason),
                "n/a" if b.sharpe is None else f"{b.sharpe:.2f}",
                _rate(b.max_drawdown, b.reason),
                _rate(b.value_at_risk_95, b.reason),
            )
            for b in sheet.brokerage
        ],
        figures_from=1,
    )
    positions = _table(
        ("Symbol", "Quantity", "Price", "Value"),
        [
            (
                p.symbol,
                f"{p.quantity.normalize():f}",
                f"{p.price:f} {p.currency}",
                _money(p.value, p.currency),
            )
            for p in sheet.positions
        ],
        figures_from=1,
    )
    story: list[Flowable] = [
        Paragraph(f"Portfolio statement — {sheet.quarter}", styles["Title"]),
        Paragraph(
            f"{sheet.start.isoformat()} to {sheet.end.isoformat()} · figures as of the "
            f"quarter's end · generated {sheet.generated_at:%Y-%m-%d %H:%M} UTC · each "
            "currency on its own, never summed",
            none,
        ),
        Spacer(1, 6 * mm),
        *section(
            "Private investments by currency",
            _figures(sheet.currencies) if sheet.currencies else None,
            "No private investments.",
        ),
        *section(
            "Each investment",
            _figures(sheet.investments) if sheet.investments else None,
            "No private investments.",
        ),
        *section(
            "Capital activities of the quarter",
            _movements(sheet.activities, "Investment") if sheet.activities else None,
            "No capital activity in the quarter.",
        ),
        *section(
            "Brokerage account",
            brokerage if sheet.brokerage else None,
            "No brokerage account activity.",
        ),
        *section(
            "Brokerage positions at the quarter's end",
            positions if sheet.positions else None,
            "No positions.",
        ),
        *section(
            "Trades of the quarter",
            _movements(sheet.trades, "Symbol") if sheet.trades else None,
            "No trades in the quarter.",
        ),
    ]
    doc.build(story)
    return buffer.getvalue()
