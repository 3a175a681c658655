import base64
import os

import pytest

from infrastructure.crypto.field_cipher import AesGcmFieldCipher, CipherError, parse_keys


def key() -> bytes:
    return os.urandom(32)


def test_round_trip_under_the_same_context() -> None:
    cipher = AesGcmFieldCipher({"k1": key()})
    token = cipher.encrypt(b"234123412346", context=b"aadhaar:user-1")
    assert b"234123412346" not in token.encode()
    assert cipher.decrypt(token, context=b"aadhaar:user-1") == b"234123412346"


def test_a_token_moved_to_another_record_does_not_open() -> None:
    cipher = AesGcmFieldCipher({"k1": key()})
    token = cipher.encrypt(b"secret", context=b"totp:user-1")
    with pytest.raises(CipherError):
        cipher.decrypt(token, context=b"totp:user-2")


def test_tampering_is_detected() -> None:
    cipher = AesGcmFieldCipher({"k1": key()})
    key_id, _, body = cipher.encrypt(b"secret", context=b"c").partition(".")
    raw = bytearray(base64.urlsafe_b64decode(body))
    raw[-1] ^= 1
    with pytest.raises(CipherError):
        cipher.decrypt(f"{key_id}.{base64.urlsafe_b64encode(bytes(raw)).decode()}", context=b"c")


def test_rotation_old_tokens_open_new_ones_use_the_current_key() -> None:
    old, new = key(), key()
    token = AesGcmFieldCipher({"k1": old}).encrypt(b"v", context=b"c")
    rotated = AesGcmFieldCipher({"k2": new, "k1": old})
    assert rotated.decrypt(token, context=b"c") == b"v"
    assert rotated.needs_rotation(token)
    assert not rotated.needs_rotation(rotated.encrypt(b"v", context=b"c"))
    with pytest.raises(CipherError, match="unknown key"):
        AesGcmFieldCipher({"k2": new}).decrypt(token, context=b"c")


@pytest.mark.parametrize(
    ("spec", "message"),
    [("", "holds no key"), ("k1", "expected"), ("k1:!!!", "base64"), ("k1:" + "QQ==", "32 bytes")],
)
def test_bad_key_specs_are_refused_clearly(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_keys(spec)


def test_key_specs_keep_their_order() -> None:
    a, b = base64.b64encode(key()).decode(), base64.b64encode(key()).decode()
    assert list(parse_keys(f"new:{a}, old:{b}")) == ["new", "old"]
