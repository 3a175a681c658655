"""Sheets the cap table's PDF tests print: a certificate and a transfer agreement with every
field a reader looks for."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

from pypdf import PdfReader

from usecases.captable.rendering import CertificateSheet, TransferAgreementSheet

VERIFY_URL = (
    "https://meridian.example/api/v1/certificates/0190f3c4-8a3b-7d6e-9f00-123456789abc/verify"
)
SECURITIES_LEGEND = (
    "THE SHARES REPRESENTED BY THIS CERTIFICATE HAVE NOT BEEN REGISTERED UNDER THE SECURITIES "
    "ACT OF 1933 AND MAY NOT BE SOLD, PLEDGED OR TRANSFERRED WITHOUT REGISTRATION OR AN "
    "EXEMPTION FROM IT."
)
ROFR_LEGEND = (
    "These shares are subject to a right of first refusal in favour of the company, as set out "
    "in its articles of association."
)


def certificate_sheet(**changes: Any) -> CertificateSheet:
    sheet = CertificateSheet(
        issuer_name="Acme Robotics Private Limited",
        issuer_jurisdiction="Karnataka, India",
        certificate_number="CS-0042",
        class_name="Series A Preferred Stock",
        holder_name="Asha Verma",
        quantity=Decimal("1250"),
        issue_date=date(2026, 12, 1),
        legends=(SECURITIES_LEGEND, ROFR_LEGEND),
        verify_url=VERIFY_URL,
        officer_titles=("Chief Executive Officer", "Company Secretary"),
    )
    return replace(sheet, **changes)


def agreement_sheet(**changes: Any) -> TransferAgreementSheet:
    sheet = TransferAgreementSheet(
        issuer_name="Acme Robotics Private Limited",
        transfer_reference="TRF-0007",
        seller_name="Asha Verma",
        buyer_name="Rohan Iyer",
        class_name="Common Stock",
        quantity=Decimal("400"),
        price_per_share=Decimal("12.5"),
        total_price=Decimal("5000"),
        currency="INR",
        fee=Decimal("125.00"),
        fee_payer="seller",
        source_certificate="CS-0001",
        new_certificates=("CS-0011", "CS-0012"),
        rofr_outcome="expired unexercised",
        approved_by="Meera Rao, Company Secretary",
        completed_on=date(2026, 12, 3),
    )
    return replace(sheet, **changes)


def pages_text(pdf: bytes) -> list[str]:
    """The text of each page, with runs of whitespace as one space (lines wrap anywhere)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages]
