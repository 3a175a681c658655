"""TOTP against RFC 6238 appendix B (../shared/TEST_VECTORS.md), and the ±1 step window."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from infrastructure.identity.totp import PyotpEngine

SEEDS: dict[str, tuple[bytes, Callable[..., Any]]] = {
    "SHA1": (b"12345678901234567890", hashlib.sha1),
    "SHA256": (b"12345678901234567890123456789012", hashlib.sha256),
    "SHA512": (b"1234567890123456789012345678901234567890123456789012345678901234", hashlib.sha512),
}
VECTORS = [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]


def at(unix: int) -> datetime:
    return datetime.fromtimestamp(unix, UTC)


def secret(seed: bytes) -> str:
    return base64.b32encode(seed).decode()


@pytest.mark.parametrize(("unix", "sha1", "sha256", "sha512"), VECTORS)
def test_rfc6238_eight_digit_vectors(unix: int, sha1: str, sha256: str, sha512: str) -> None:
    for name, expected in (("SHA1", sha1), ("SHA256", sha256), ("SHA512", sha512)):
        seed, digest = SEEDS[name]
        engine = PyotpEngine(digits=8, digest=digest)
        assert engine.code_at(secret(seed), at(unix)) == expected, name


@pytest.mark.parametrize(("unix", "sha1", "_256", "_512"), VECTORS)
def test_six_digit_sha1_codes_are_the_last_six_digits(
    unix: int, sha1: str, _256: str, _512: str
) -> None:
    engine = PyotpEngine()
    seed = secret(SEEDS["SHA1"][0])
    assert engine.code_at(seed, at(unix)) == sha1[-6:]
    assert engine.matching_step(seed, sha1[-6:], at=at(unix), window=1) == unix // 30


def test_one_step_either_side_is_accepted_and_no_further() -> None:
    engine = PyotpEngine()
    seed = secret(SEEDS["SHA1"][0])
    code = engine.code_at(seed, at(1111111109))  # step 37037036
    assert engine.matching_step(seed, code, at=at(1111111109 + 30), window=1) == 37037036
    assert engine.matching_step(seed, code, at=at(1111111109 - 30), window=1) == 37037036
    assert engine.matching_step(seed, code, at=at(1111111109 + 60), window=1) is None
    assert engine.matching_step(seed, "000000", at=at(1111111109), window=1) is None


def test_a_new_secret_has_160_bits() -> None:
    assert len(base64.b32decode(PyotpEngine().new_secret())) == 20
