"""Monthly statement as a PDF (reportlab): summary, a balance chart, every movement.

Every cell of the movements table is a paragraph that wraps inside its column (long references
such as ``withdrawal:<uuid>`` break anywhere), so no text runs into the next column."""

from __future__ import annotations

import calendar
from decimal import Decimal
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from domain.ledger.statement import Statement

# the movements table: 174 mm between the margins of an A4 page
COLUMNS = (
    ("Date", 28 * mm),
    ("Description", 42 * mm),
    ("Reference", 42 * mm),
    ("Amount", 31 * mm),
    ("Balance", 31 * mm),
)
_CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10, wordWrap="CJK")
_HEAD = ParagraphStyle("head", parent=_CELL, fontName="Helvetica-Bold")
_FIGURE = ParagraphStyle("figure", parent=_CELL, alignment=TA_RIGHT)
_FIGURE_HEAD = ParagraphStyle("figure_head", parent=_HEAD, alignment=TA_RIGHT)


def _money(amount: Decimal, currency: str) -> str:
    return f"{amount:,.2f} {currency}"


def _cells(values: list[str], text: ParagraphStyle, figure: ParagraphStyle) -> list[Paragraph]:
    """One wrapped paragraph per column; the two money columns right-aligned."""
    return [
        Paragraph(escape(value), figure if index >= 3 else text)
        for index, value in enumerate(values)
    ]


def _chart(statement: Statement) -> Drawing:
    last_day = calendar.monthrange(statement.year, statement.month)[1]
    points = [(d.day, float(b)) for d, b in statement.daily_balances(last_day)]  # drawing only
    drawing = Drawing(170 * mm, 55 * mm)
    plot = LinePlot()
    plot.x, plot.y = 15 * mm, 8 * mm
    plot.width, plot.height = 150 * mm, 42 * mm
    plot.data = [points]
    plot.lines[0].strokeColor = colors.HexColor("#1f4e79")
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 1, last_day
    plot.xValueAxis.valueSteps = list(range(1, last_day + 1, 5))
    low = min(p[1] for p in points)
    high = max(p[1] for p in points)
    plot.yValueAxis.valueMin = min(0.0, low)
    plot.yValueAxis.valueMax = high * 1.1 if high > 0 else 1.0
    drawing.add(plot)
    return drawing


def render_statement_pdf(statement: Statement) -> bytes:
    styles = getSampleStyleSheet()
    cur = statement.currency
    period = f"{calendar.month_name[statement.month]} {statement.year}"
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"Meridian statement {period}",
        author="Meridian",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
    )
    summary = Table(
        [
            ["Opening balance", _money(statement.opening, cur)],
            ["Credits", _money(statement.credits, cur)],
            ["Debits", _money(statement.debits, cur)],
            ["Closing balance", _money(statement.closing, cur)],
        ],
        colWidths=(60 * mm, 60 * mm),
    )
    summary.setStyle(TableStyle([("ALIGN", (1, 0), (1, -1), "RIGHT")]))
    rows = [_cells([name for name, _ in COLUMNS], _HEAD, _FIGURE_HEAD)]
    rows += [
        _cells(
            [
                line.movement.created_at.strftime("%Y-%m-%d %H:%M"),
                line.movement.description,
                line.movement.reference,
                _money(line.movement.amount, cur),
                _money(line.balance, cur),
            ],
            _CELL,
            _FIGURE,
        )
        for line in statement.lines
    ]
    movements = Table(rows, repeatRows=1, colWidths=[width for _, width in COLUMNS])
    movements.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
            ]
        )
    )
    story = [
        Paragraph(f"Statement of account — {period}", styles["Title"]),
        Paragraph(f"{statement.holder} · {cur} cash account", styles["Normal"]),
        Spacer(1, 6 * mm),
        summary,
        Spacer(1, 6 * mm),
        Paragraph("End-of-day balance", styles["Heading3"]),
        _chart(statement),
        Spacer(1, 4 * mm),
        Paragraph("Movements", styles["Heading3"]),
        movements if statement.lines else Paragraph("No movements.", styles["Normal"]),
    ]
    doc.build(story)
    return buffer.getvalue()
