"""The share certificate as a holder reads it: every field on the page (text read back with
pypdf), the watermark only on a voided or cancelled certificate, legends that do not fit moved
to a second page, nothing printed outside the frame, and the same sheet giving the same bytes."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from infrastructure.captable.pdf.certificate import CONTINUED, HEIGHT, WIDTH, render_certificate
from tests.support.captable_sheets import (
    ROFR_LEGEND,
    SECURITIES_LEGEND,
    certificate_sheet,
    pages_text,
)

FRAME = 26.0  # the inner border's inset


def test_the_certificate_shows_every_field_a_holder_reads() -> None:
    sheet = certificate_sheet(quantity=Decimal("1234567.5"))
    [face] = pages_text(render_certificate(sheet))

    for printed in (
        "Acme Robotics Private Limited",
        "Incorporated under the laws of Karnataka, India",
        "Asha Verma",
        "Certificate No.",
        "CS-0042",
        "SERIES A PREFERRED STOCK",  # the heading
        "of the Series A Preferred Stock of Acme Robotics Private Limited",
        "One million two hundred thirty-four thousand five hundred sixty-seven and 5/10 "
        "(1,234,567.5) shares",
        "Issued on 1 December 2026",
        SECURITIES_LEGEND,
        ROFR_LEGEND,
        "Chief Executive Officer",
        "Company Secretary",
        "Scan to verify this certificate",
    ):
        assert printed in face, printed
    assert "Shares" in face
    assert "1,234,567.5" in face.split("Acme Robotics")[0]  # the figures in the top corner
    assert "VOID" not in face
    assert "CANCELLED" not in face


def test_the_default_officers_are_president_and_secretary() -> None:
    sheet = replace(certificate_sheet(), officer_titles=("President", "Secretary"))
    [face] = pages_text(render_certificate(sheet))
    assert "President" in face
    assert "Secretary" in face


@pytest.mark.parametrize("watermark", ["VOID", "CANCELLED"])
def test_a_voided_or_cancelled_certificate_says_so_across_the_page(watermark: str) -> None:
    pdf = render_certificate(certificate_sheet(watermark=watermark))
    [face] = pages_text(pdf)
    assert watermark in face
    assert "Asha Verma" in face  # the certificate is still readable under it
    valid = pages_text(render_certificate(certificate_sheet()))[0]
    assert watermark not in valid


def test_legends_that_do_not_fit_the_face_continue_on_a_second_page() -> None:
    legends = tuple(f"Legend {n}. " + ROFR_LEGEND * 3 for n in range(1, 9))
    pdf = render_certificate(certificate_sheet(legends=legends, watermark="VOID"))
    face, back = pages_text(pdf)
    assert CONTINUED in face
    assert "Legend 1." not in face
    assert "Legends of certificate CS-0042" in back
    for n in range(1, 9):
        assert f"Legend {n}." in back
    assert "VOID" in face
    assert "VOID" in back


def test_no_legends_leaves_the_band_empty() -> None:
    [face] = pages_text(render_certificate(certificate_sheet(legends=())))
    assert CONTINUED not in face
    assert "Issued on 1 December 2026" in face


def test_the_same_sheet_gives_the_same_bytes() -> None:
    sheet = certificate_sheet(watermark="CANCELLED")
    assert render_certificate(sheet) == render_certificate(sheet)
    assert render_certificate(sheet) != render_certificate(replace(sheet, holder_name="Rohan"))


def test_the_document_names_the_certificate() -> None:
    metadata = PdfReader(BytesIO(render_certificate(certificate_sheet()))).metadata
    assert metadata is not None
    assert metadata.title == "Share certificate CS-0042"
    assert metadata.author == "Acme Robotics Private Limited"


def _text_spans(pdf: bytes) -> list[tuple[float, float, str]]:
    """(left, right, text) of every text run of the face, from its position and font."""
    spans: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[Any], tm: list[Any], font: Any, size: float) -> None:
        if not text.strip() or font is None:
            return
        name = str(font["/BaseFont"]).lstrip("/")
        scale = float(tm[0]) * float(cm[0]) or 1.0
        left = float(tm[4]) * float(cm[0]) + float(cm[4])
        spans.append((left, left + stringWidth(text.rstrip(), name, size) * scale, text))

    PdfReader(BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return spans


@pytest.mark.parametrize(
    "holder_name",
    [
        "Venkata Subrahmanya Lakshmi Narasimha Chakravarthy Ramachandran Family Trust "
        "through its trustees",
        "X" * 160,  # one word wider than the page is cut, not run off it
    ],
)
def test_long_names_and_quantities_stay_inside_the_frame(holder_name: str) -> None:
    sheet = certificate_sheet(
        issuer_name="The Extraordinarily Long-Named Federated Robotics and Automation "
        "Holdings Private Limited",
        holder_name=holder_name,
        quantity=Decimal("987654321987.125"),
    )
    spans = _text_spans(render_certificate(sheet))
    assert spans
    outside = [text for left, right, text in spans if left < FRAME or right > WIDTH - FRAME]
    assert outside == []
    assert 0 < HEIGHT < WIDTH  # landscape
