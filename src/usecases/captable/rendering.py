"""The documents the cap table prints, as the port that renders them.

A sheet is what goes on the page, already in words a reader sees (names, numbers, dates); the
renderer knows nothing of the cap table's rules. Rendering is CPU work: the adapter runs it off
the event loop (a process pool), so ``await`` never blocks other requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol


@dataclass(frozen=True, slots=True)
class CertificateSheet:
    """One share certificate as printed."""

    issuer_name: str
    issuer_jurisdiction: str  # "Delaware, United States"
    certificate_number: str  # "CS-0001"
    class_name: str  # "Common Stock"
    holder_name: str
    quantity: Decimal  # whole unless the class allows fractions; printed in figures and words
    issue_date: date
    legends: tuple[str, ...]  # restrictive legends, each a paragraph
    verify_url: str  # encoded in the QR code
    watermark: str | None = None  # "VOID" or "CANCELLED" across the page, None when valid
    officer_titles: tuple[str, str] = ("President", "Secretary")  # the two signature lines


@dataclass(frozen=True, slots=True)
class TransferAgreementSheet:
    """The agreement a completed secondary transfer leaves behind."""

    issuer_name: str
    transfer_reference: str  # "TRF-0001"
    seller_name: str
    buyer_name: str
    class_name: str
    quantity: Decimal
    price_per_share: Decimal
    total_price: Decimal
    currency: str
    fee: Decimal
    fee_payer: str  # "seller" | "buyer" | "issuer", as printed
    source_certificate: str  # "CS-0001"
    new_certificates: tuple[str, ...]  # the buyer's and any balance certificate
    rofr_outcome: str  # "waived", "expired unexercised", "exercised by <name>"
    approved_by: str
    completed_on: date


class CertificateRenderer(Protocol):
    """Renders the cap table's documents to PDF bytes without blocking the event loop."""

    async def certificate(self, sheet: CertificateSheet) -> bytes: ...

    async def transfer_agreement(self, sheet: TransferAgreementSheet) -> bytes: ...
