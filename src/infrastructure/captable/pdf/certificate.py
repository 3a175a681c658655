"""The share certificate: one landscape A4 page (a second one only when the legends do not fit
on the face).

Face, top to bottom: the certificate number and the number of shares in the corners, the
issuer and its jurisdiction, the class, the holder, the quantity in words and in figures, the
issue date, the legends, two officer signature lines with their titles, and the QR code that
opens the verification page. A VOID or CANCELLED watermark crosses every page when set.
"""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from infrastructure.captable.pdf.document import new_canvas
from infrastructure.captable.pdf.qr import draw_qr
from infrastructure.captable.pdf.text import fitting_size, printed_date, wrap
from infrastructure.captable.pdf.watermark import draw_watermark
from infrastructure.captable.pdf.words import quantity_in_figures, quantity_in_words
from usecases.captable.rendering import CertificateSheet

WIDTH, HEIGHT = (float(side) for side in landscape(A4))
CENTRE = WIDTH / 2
INK = Color(0.08, 0.16, 0.30)
BODY_WIDTH = 620.0
# three fonts only: each font costs the document its own objects (a tenth of the page's time)
SERIF, SERIF_BOLD, SANS = "Times-Roman", "Times-Bold", "Helvetica"
LEGEND_SIZE, LEGEND_LEADING = 6.5, 8.0
LEGEND_TOP, LEGEND_BOTTOM = 196.0, 126.0  # the legends' band on the face
LEGEND_WIDTH = 560.0
QR_SIZE = 92.0
QR_X, QR_Y = WIDTH - 40 - QR_SIZE, 44.0
SIGNATURE_Y = 84.0
SIGNATURE_LINES = ((70.0, 260.0), (320.0, 510.0))
CONTINUED = "The legends on the following page form part of this certificate."


def _frame(canvas: Canvas) -> None:
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(3)
    canvas.rect(18, 18, WIDTH - 36, HEIGHT - 36)
    canvas.setLineWidth(0.75)
    canvas.rect(26, 26, WIDTH - 52, HEIGHT - 52)


def _corners(canvas: Canvas, sheet: CertificateSheet, figures: str) -> None:
    canvas.setFillColor(INK)
    canvas.setFont(SANS, 8)
    canvas.drawString(44, HEIGHT - 50, "Certificate No.")
    canvas.drawRightString(WIDTH - 44, HEIGHT - 50, "Shares")
    canvas.setFont(SERIF_BOLD, 14)
    canvas.drawString(44, HEIGHT - 68, sheet.certificate_number)
    canvas.drawRightString(WIDTH - 44, HEIGHT - 68, figures)


def _heading(canvas: Canvas, sheet: CertificateSheet) -> float:
    """Issuer, jurisdiction and class, centred; returns the baseline below them."""
    size = fitting_size(sheet.issuer_name, SERIF_BOLD, 26, 14, BODY_WIDTH)
    canvas.setFont(SERIF_BOLD, size)
    canvas.drawCentredString(CENTRE, HEIGHT - 100, sheet.issuer_name)
    canvas.setFont(SERIF, 11)
    canvas.drawCentredString(
        CENTRE, HEIGHT - 120, f"Incorporated under the laws of {sheet.issuer_jurisdiction}"
    )
    canvas.setFont(SERIF_BOLD, 13)
    canvas.drawCentredString(CENTRE, HEIGHT - 146, sheet.class_name.upper())
    return HEIGHT - 176


def _centred_lines(canvas: Canvas, text: str, font: str, size: float, y: float) -> float:
    canvas.setFont(font, size)
    for line in wrap(text, font, size, BODY_WIDTH):
        canvas.drawCentredString(CENTRE, y, line)
        y -= size * 1.25
    return y


def _body(canvas: Canvas, sheet: CertificateSheet, figures: str, y: float) -> float:
    y = _centred_lines(canvas, "This certifies that", SERIF, 12, y)
    y = _centred_lines(canvas, sheet.holder_name, SERIF_BOLD, 18, y - 6)
    y = _centred_lines(canvas, "is the registered holder of", SERIF, 12, y - 2)
    words = quantity_in_words(sheet.quantity).capitalize()
    y = _centred_lines(canvas, f"{words} ({figures}) shares", SERIF_BOLD, 13, y - 2)
    tail = (
        f"of the {sheet.class_name} of {sheet.issuer_name}, fully paid and non-assessable, "
        "transferable only on the books of the company by the holder in person or by a duly "
        "authorised attorney upon surrender of this certificate properly endorsed."
    )
    y = _centred_lines(canvas, tail, SERIF, 10.5, y - 2)
    canvas.setFont(SERIF, 11)
    canvas.drawCentredString(CENTRE, y - 8, f"Issued on {printed_date(sheet.issue_date)}")
    return y - 8


def _legend_lines(legends: tuple[str, ...]) -> list[str]:
    lines: list[str] = []
    for legend in legends:
        if lines:
            lines.append("")
        lines.extend(wrap(legend, SANS, LEGEND_SIZE, LEGEND_WIDTH))
    return lines


def _legends(canvas: Canvas, lines: list[str], top: float) -> None:
    text = canvas.beginText(44, top)
    text.setFont(SANS, LEGEND_SIZE, LEGEND_LEADING)
    text.setFillColor(INK)
    for line in lines:
        text.textLine(line)
    canvas.drawText(text)


def _signatures(canvas: Canvas, sheet: CertificateSheet) -> None:
    canvas.setLineWidth(0.6)
    canvas.setFont(SANS, 9)
    for (left, right), title in zip(SIGNATURE_LINES, sheet.officer_titles, strict=True):
        canvas.line(left, SIGNATURE_Y, right, SIGNATURE_Y)
        canvas.drawCentredString((left + right) / 2, SIGNATURE_Y - 12, title)


def _verification(canvas: Canvas, sheet: CertificateSheet) -> None:
    draw_qr(canvas, sheet.verify_url, QR_X, QR_Y, QR_SIZE)
    canvas.setFont(SANS, 6)
    canvas.drawCentredString(QR_X + QR_SIZE / 2, QR_Y - 6, "Scan to verify this certificate")


def render_certificate(sheet: CertificateSheet) -> bytes:
    """The certificate's PDF; the same sheet gives the same bytes."""
    buffer = BytesIO()
    canvas = new_canvas(
        buffer,
        (WIDTH, HEIGHT),
        title=f"Share certificate {sheet.certificate_number}",
        author=sheet.issuer_name,
        subject=f"{sheet.class_name} held by {sheet.holder_name}",
    )
    figures = quantity_in_figures(sheet.quantity)
    _frame(canvas)
    _corners(canvas, sheet, figures)
    below = _body(canvas, sheet, figures, _heading(canvas, sheet))
    lines = _legend_lines(sheet.legends)
    top = min(LEGEND_TOP, below - 16)
    on_face = len(lines) * LEGEND_LEADING <= top - LEGEND_BOTTOM
    if lines:
        _legends(canvas, lines if on_face else [CONTINUED], top)
    _signatures(canvas, sheet)
    _verification(canvas, sheet)
    if sheet.watermark:
        draw_watermark(canvas, sheet.watermark, WIDTH, HEIGHT)
    if lines and not on_face:
        canvas.showPage()
        _frame(canvas)
        canvas.setFillColor(INK)
        canvas.setFont(SERIF_BOLD, 11)
        canvas.drawString(44, HEIGHT - 56, f"Legends of certificate {sheet.certificate_number}")
        _legends(canvas, lines, HEIGHT - 76)
        if sheet.watermark:
            draw_watermark(canvas, sheet.watermark, WIDTH, HEIGHT)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
