"""VOID or CANCELLED across a page: big, red, translucent, on the diagonal, above the text
(so it cannot be covered) but letting it show through."""

from __future__ import annotations

import math

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

FONT = "Times-Bold"  # a font the certificate already uses
RED = Color(0.75, 0.05, 0.05)
OPACITY = 0.3


def draw_watermark(canvas: Canvas, text: str, width: float, height: float) -> None:
    angle = math.degrees(math.atan2(height, width))
    diagonal = math.hypot(width, height)
    size = min(0.75 * diagonal / max(stringWidth(text, FONT, 1), 1), 0.35 * height)
    canvas.saveState()
    canvas.setFillColor(RED)
    canvas.setFillAlpha(OPACITY)
    canvas.setFont(FONT, size)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(angle)
    canvas.drawCentredString(0, -size * 0.35, text)
    canvas.restoreState()
