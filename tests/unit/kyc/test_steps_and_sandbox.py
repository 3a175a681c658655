"""KYC levels, the PAN name match, and the sandbox provider's documented answers."""

from __future__ import annotations

import pytest

from domain.kyc.steps import StepState, kyc_level
from domain.shared.name_match import name_match_score
from infrastructure.kyc.sandbox_provider import FIXED_NAME, SandboxKycProvider
from usecases.kyc.ports import PanNotFound, ProviderUnavailable

V, P, N = StepState.VERIFIED, StepState.PENDING_REVIEW, StepState.NOT_STARTED


@pytest.mark.parametrize(
    ("aadhaar", "pan", "level"), [(N, N, 0), (V, N, 0), (V, P, 0), (N, V, 1), (P, V, 1), (V, V, 2)]
)
def test_the_level_needs_pan_then_aadhaar(aadhaar: StepState, pan: StepState, level: int) -> None:
    assert kyc_level(aadhaar, pan) == level


def test_the_name_match_ignores_case_accents_and_punctuation() -> None:
    assert name_match_score("asha  verma.", "ASHA VERMA") == 1.0
    assert name_match_score("Ásha Verma", "ASHA VERMA") == 1.0
    assert 0.85 <= name_match_score("Ravi K Sharma", "RAVI KUMAR SHARMA") < 1.0
    assert name_match_score("Asha Verma", "RAVI KUMAR SHARMA") < 0.6
    assert name_match_score("", "RAVI") == 0.0


async def test_the_sandbox_answers_by_the_last_letter() -> None:
    provider = SandboxKycProvider()
    assert (await provider.verify_pan("ACUPA7085R", name="Asha")).registered_name == "ASHA"
    assert (await provider.verify_pan("ABCPE1234Z", name="Asha")).registered_name == FIXED_NAME
    with pytest.raises(PanNotFound):
        await provider.verify_pan("ABCPE1234X", name="Asha")
    with pytest.raises(ProviderUnavailable):
        await provider.verify_pan("ABCPE1234Y", name="Asha")
