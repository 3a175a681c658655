"""What `make run` prints and seeds for a newcomer: the demo credentials on the banner, and demo
KYC numbers that no documented example uses (following the docs must not hit "already in use")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infrastructure.app import create_app
from infrastructure.cli import main
from infrastructure.config.settings import Settings
from infrastructure.demo.identity import DEFAULT_DEMO_PASSWORD, DEMO_ADMIN_EMAIL, DEMO_PASSWORD_ENV
from infrastructure.demo.investor import DEMO_AADHAAR, DEMO_ACCOUNT, DEMO_INVESTOR_EMAIL, DEMO_PAN

ROOT = Path(__file__).resolve().parents[2]


def banner(demo: bool) -> str:
    with main.console.capture() as captured:
        main._banner("http://127.0.0.1:8000", demo=demo)
    return captured.get()


def test_the_demo_banner_prints_both_demo_accounts_and_their_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(DEMO_PASSWORD_ENV, raising=False)
    printed = banner(demo=True)
    assert DEMO_ADMIN_EMAIL in printed
    assert DEMO_INVESTOR_EMAIL in printed
    assert DEFAULT_DEMO_PASSWORD in printed
    assert "http://127.0.0.1:8000/api/docs" in printed


def test_a_password_from_the_environment_is_named_not_printed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(DEMO_PASSWORD_ENV, "a private demo password")
    printed = banner(demo=True)
    assert "a private demo password" not in printed
    assert DEMO_PASSWORD_ENV in printed


def test_without_demo_data_no_credentials_are_printed() -> None:
    assert DEMO_ADMIN_EMAIL not in banner(demo=False)


def test_no_documented_example_uses_a_demo_investor_number(settings: Settings) -> None:
    documented = [
        p.read_text() for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    ]
    documented.append(json.dumps(create_app(settings).openapi()))
    for number in (DEMO_PAN, DEMO_AADHAAR, DEMO_ACCOUNT):
        assert not any(number in text for text in documented), number
