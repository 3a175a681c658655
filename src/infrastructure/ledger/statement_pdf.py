"""Monthly statement as a PDF (reportlab): summary, a balance chart, every movement."""

from __future__ import annotations

import calendar
from decimal import Decimal
from io import BytesIO

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from domain.ledger.statement import Statement


def _money(amount: Decimal, currency: str) -> str:
    return f"{amount:,.2f} {currency}"


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
    rows = [["Date", "Description", "Reference", "Amount", "Balance"]]
    rows += [
        [
            line.movement.at.strftime("%Y-%m-%d %H:%M"),
            line.movement.description,
            line.movement.reference,
            _money(line.movement.amount, cur),
            _money(line.balance, cur),
        ]
        for line in statement.lines
    ]
    movements = Table(rows, repeatRows=1, colWidths=(30 * mm, 52 * mm, 28 * mm, 32 * mm, 32 * mm))
    movements.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("ALIGN", (3, 0), (4, -1), "RIGHT"),
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
