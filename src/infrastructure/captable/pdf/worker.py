"""What a rendering process runs before its first job: importing ReportLab and segno and
filling their caches (font metrics, the QR layouts of the usual version) with a throwaway
certificate. Kept apart from ``renderer`` so a worker never imports the container."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from infrastructure.captable.pdf.certificate import render_certificate
from usecases.captable.rendering import CertificateSheet

_WARM_UP = CertificateSheet(
    issuer_name="Warm-up",
    issuer_jurisdiction="Nowhere",
    certificate_number="XX-0000",
    class_name="Common Stock",
    holder_name="Nobody",
    quantity=Decimal(1),
    issue_date=date(2000, 1, 1),
    legends=("warm-up",),
    verify_url="https://meridian.invalid/api/v1/certificates/00000000-0000-0000-0000-000000000000/verify",
)


def warm_up() -> None:
    render_certificate(_WARM_UP)
