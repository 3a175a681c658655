import os

import pytest

from infrastructure.crypto.blind_index import HmacBlindIndex, derive_index_key


def test_the_same_number_of_the_same_kind_finds_the_same_index() -> None:
    index = HmacBlindIndex(os.urandom(32))
    assert index.index("234123412346", kind="aadhaar") == index.index(
        "234123412346", kind="aadhaar"
    )
    assert index.index("234123412346", kind="aadhaar") != index.index("234123412346", kind="pan")
    assert "234123412346" not in index.index("234123412346", kind="aadhaar")


def test_another_key_gives_unrelated_indexes() -> None:
    a, b = HmacBlindIndex(os.urandom(32)), HmacBlindIndex(os.urandom(32))
    assert a.index("ACUPA7085R", kind="pan") != b.index("ACUPA7085R", kind="pan")


def test_the_derived_key_is_stable_and_long_enough() -> None:
    assert derive_index_key("s" * 40) == derive_index_key("s" * 40)
    assert len(derive_index_key("s" * 40)) == 32
    with pytest.raises(ValueError, match="256 bits"):
        HmacBlindIndex(b"short")
