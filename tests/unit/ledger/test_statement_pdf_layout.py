"""The statement PDF is readable: rendered, no text box overlaps another (a long reference used
to run over the Amount column). Boxes come from the text positions pypdf reads back, widths
from the font metrics."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from domain.ledger.statement import Movement, build_statement
from infrastructure.ledger.statement_pdf import render_statement_pdf

Box = tuple[float, float, float, float, str]  # x0, y0, x1, y1, text


def _multiply(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def text_boxes(pdf: bytes) -> list[Box]:
    boxes: list[Box] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text.strip():
            return
        matrix = _multiply([float(v) for v in tm], [float(v) for v in cm])
        scale = abs(matrix[0]) or 1.0
        name = str(font["/BaseFont"]).lstrip("/") if font else "Helvetica"
        width = stringWidth(text.rstrip(), name, size) * scale
        x, y = matrix[4], matrix[5]
        boxes.append((x, y, x + width, y + size * scale * 0.7, text.strip()))

    page = PdfReader(BytesIO(pdf)).pages[0]
    page.extract_text(visitor_text=visit)
    return boxes


def overlapping(boxes: list[Box]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5:
                found.append((a[4], b[4]))
    return found


def long_statement() -> bytes:
    moves = [
        Movement(
            datetime(2026, 11, day, 12, tzinfo=UTC),
            "Withdrawal to HDFC XXXXXX7890 (requested in the app)",
            Decimal("-1234567.89"),
            f"withdrawal:0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b{day:02d}",
        )
        for day in range(1, 6)
    ]
    moves.append(
        Movement(
            datetime(2026, 11, 7, 12, tzinfo=UTC),
            "Deposit (UPI)",
            Decimal("9876543.21"),
            "deposit:0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0bff",
        )
    )
    statement = build_statement(
        holder="Asha Rao",
        currency="INR",
        year=2026,
        month=11,
        opening=Decimal("100.00"),
        movements=moves,
    )
    return render_statement_pdf(statement)


def test_no_text_box_overlaps_another() -> None:
    boxes = text_boxes(long_statement())
    assert any("0193a2c4" in b[4] for b in boxes)  # the long references are on the page
    assert any("-1,234,567.89 INR" in b[4] for b in boxes)  # and the amounts
    assert overlapping(boxes) == []


def test_the_checker_sees_an_overlap() -> None:
    """The check itself can fail: two strings drawn at one place overlap."""
    boxes: list[Box] = [(10, 10, 60, 16, "reference"), (50, 10, 90, 16, "amount")]
    assert overlapping(boxes) == [("reference", "amount")]
