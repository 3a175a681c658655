"""The share transfer agreement a completed transfer leaves behind: one portrait A4 page.

The parties, then every term as a labelled row (class, quantity in figures and words, price per
share, total, currency, the fee and who pays it, the certificate cancelled and those issued,
the right-of-first-refusal outcome, the approval, the completion date), then a signature line
for the seller, the buyer and the company.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from domain.shared.money import MINOR_UNITS
from infrastructure.captable.pdf.document import new_canvas
from infrastructure.captable.pdf.text import printed_date, wrap
from infrastructure.captable.pdf.words import quantity_in_figures, quantity_in_words
from usecases.captable.rendering import TransferAgreementSheet

WIDTH, HEIGHT = (float(side) for side in A4)
MARGIN = 56.0
LABEL_WIDTH = 150.0
VALUE_X = MARGIN + LABEL_WIDTH
VALUE_WIDTH = WIDTH - MARGIN - VALUE_X
INK = Color(0.08, 0.16, 0.30)
SANS, SANS_BOLD, SERIF, SERIF_BOLD = "Helvetica", "Helvetica-Bold", "Times-Roman", "Times-Bold"
ROW_SIZE, ROW_LEADING = 10.0, 13.0
SIGNATURE_Y = 110.0


def amount_in_figures(amount: Decimal, currency: str) -> str:
    """``1234.5 INR`` -> "1,234.50 INR": at least the currency's minor units, never rounded
    (a price per share may carry more places)."""
    places = MINOR_UNITS.get(currency, 2)
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and -exponent < places:
        amount = amount.quantize(Decimal(1).scaleb(-places))
    return f"{amount:,f} {currency}"


def terms(sheet: TransferAgreementSheet) -> list[tuple[str, str]]:
    """The agreement's rows as printed, label and value."""
    money = sheet.currency
    figures = quantity_in_figures(sheet.quantity)
    return [
        ("Seller", sheet.seller_name),
        ("Buyer", sheet.buyer_name),
        ("Share class", sheet.class_name),
        ("Quantity", f"{figures} shares ({quantity_in_words(sheet.quantity)})"),
        ("Price per share", amount_in_figures(sheet.price_per_share, money)),
        ("Total price", amount_in_figures(sheet.total_price, money)),
        ("Currency", money),
        ("Transfer fee", f"{amount_in_figures(sheet.fee, money)}, paid by the {sheet.fee_payer}"),
        ("Source certificate", f"{sheet.source_certificate} (cancelled)"),
        ("New certificates", ", ".join(sheet.new_certificates) or "none"),
        ("Right of first refusal", sheet.rofr_outcome),
        ("Approved by", sheet.approved_by),
        ("Completed on", printed_date(sheet.completed_on)),
    ]


def _heading(canvas: Canvas, sheet: TransferAgreementSheet) -> float:
    canvas.setFillColor(INK)
    canvas.setFont(SERIF_BOLD, 20)
    canvas.drawString(MARGIN, HEIGHT - 80, "Share Transfer Agreement")
    canvas.setFont(SANS, 10)
    canvas.drawString(
        MARGIN, HEIGHT - 98, f"{sheet.issuer_name} · Reference {sheet.transfer_reference}"
    )
    canvas.setLineWidth(0.8)
    canvas.setStrokeColor(INK)
    canvas.line(MARGIN, HEIGHT - 108, WIDTH - MARGIN, HEIGHT - 108)
    intro = (
        f"{sheet.seller_name} (the seller) transfers to {sheet.buyer_name} (the buyer) the shares "
        f"of {sheet.issuer_name} described below, on the terms below, with the consent of the "
        "company. The transfer is entered in the company's register of members on completion."
    )
    y = HEIGHT - 130
    canvas.setFont(SERIF, 11)
    for line in wrap(intro, SERIF, 11, WIDTH - 2 * MARGIN):
        canvas.drawString(MARGIN, y, line)
        y -= 14
    return y - 12


def _rows(canvas: Canvas, rows: list[tuple[str, str]], y: float) -> float:
    for label, value in rows:
        canvas.setFont(SANS_BOLD, ROW_SIZE)
        canvas.drawString(MARGIN, y, label)
        canvas.setFont(SANS, ROW_SIZE)
        for line in wrap(value, SANS, ROW_SIZE, VALUE_WIDTH):
            canvas.drawString(VALUE_X, y, line)
            y -= ROW_LEADING
        y -= 5
    return y


def _signatures(canvas: Canvas, sheet: TransferAgreementSheet) -> None:
    width = (WIDTH - 2 * MARGIN - 40) / 3
    parties = (
        ("Seller", sheet.seller_name),
        ("Buyer", sheet.buyer_name),
        ("For the company", sheet.approved_by),
    )
    canvas.setLineWidth(0.6)
    for index, (role, name) in enumerate(parties):
        left = MARGIN + index * (width + 20)
        canvas.line(left, SIGNATURE_Y, left + width, SIGNATURE_Y)
        canvas.setFont(SANS_BOLD, 9)
        canvas.drawString(left, SIGNATURE_Y - 12, role)
        canvas.setFont(SANS, 8)
        for offset, line in enumerate(wrap(name, SANS, 8, width)[:2]):
            canvas.drawString(left, SIGNATURE_Y - 24 - 10 * offset, line)


def render_transfer_agreement(sheet: TransferAgreementSheet) -> bytes:
    """The agreement's PDF; the same sheet gives the same bytes."""
    buffer = BytesIO()
    canvas = new_canvas(
        buffer,
        (WIDTH, HEIGHT),
        title=f"Share transfer agreement {sheet.transfer_reference}",
        author=sheet.issuer_name,
        subject=f"{sheet.class_name}: {sheet.seller_name} to {sheet.buyer_name}",
    )
    _rows(canvas, terms(sheet), _heading(canvas, sheet))
    _signatures(canvas, sheet)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
