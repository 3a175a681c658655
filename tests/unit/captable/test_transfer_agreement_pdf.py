"""The transfer agreement as the parties read it: every term on the page, money at the
currency's minor units (more places kept, never rounded), and the same sheet giving the same
bytes."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from infrastructure.captable.pdf.agreement import amount_in_figures, render_transfer_agreement
from tests.support.captable_sheets import agreement_sheet, pages_text


def test_the_agreement_shows_every_term() -> None:
    [page] = pages_text(render_transfer_agreement(agreement_sheet()))
    for printed in (
        "Share Transfer Agreement",
        "Acme Robotics Private Limited",
        "Reference TRF-0007",
        "Seller Asha Verma",
        "Buyer Rohan Iyer",
        "Share class Common Stock",
        "Quantity 400 shares (four hundred)",
        "Price per share 12.50 INR",
        "Total price 5,000.00 INR",
        "Currency INR",
        "Transfer fee 125.00 INR, paid by the seller",
        "Source certificate CS-0001 (cancelled)",
        "New certificates CS-0011, CS-0012",
        "Right of first refusal expired unexercised",
        "Approved by Meera Rao, Company Secretary",
        "Completed on 3 December 2026",
        "Asha Verma (the seller) transfers to Rohan Iyer (the buyer)",
        "For the company",
    ):
        assert printed in page, printed


def test_fractional_quantity_other_payer_and_rofr_exercised() -> None:
    sheet = agreement_sheet(
        quantity=Decimal("10.5"),
        fee_payer="buyer",
        rofr_outcome="exercised by Acme Robotics Private Limited",
        new_certificates=("CS-0013",),
        currency="JPY",
        price_per_share=Decimal("1500"),
        total_price=Decimal("15750"),
        fee=Decimal("394"),
    )
    [page] = pages_text(render_transfer_agreement(sheet))
    assert "Quantity 10.5 shares (ten and 5/10)" in page
    assert "Transfer fee 394 JPY, paid by the buyer" in page
    assert "Total price 15,750 JPY" in page
    assert "Right of first refusal exercised by Acme Robotics Private Limited" in page
    assert "New certificates CS-0013" in page


@pytest.mark.parametrize(
    ("amount", "currency", "printed"),
    [
        ("1234.5", "INR", "1,234.50 INR"),
        ("0.0125", "INR", "0.0125 INR"),  # a price per share keeps its places
        ("1500", "JPY", "1,500 JPY"),
        ("2.5", "BHD", "2.500 BHD"),
        ("1000000", "USD", "1,000,000.00 USD"),
    ],
)
def test_amounts_in_figures(amount: str, currency: str, printed: str) -> None:
    assert amount_in_figures(Decimal(amount), currency) == printed


def test_the_same_sheet_gives_the_same_bytes() -> None:
    sheet = agreement_sheet()
    assert render_transfer_agreement(sheet) == render_transfer_agreement(sheet)
    other = replace(sheet, buyer_name="Someone Else")
    assert render_transfer_agreement(sheet) != render_transfer_agreement(other)
