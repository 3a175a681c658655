"""Signed document links: what the signature covers and how a bad link is told apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from uuid import UUID

import pytest

from domain.kyc.documents import DocumentId, LinkExpired, LinkInvalid
from infrastructure.crypto.link_signer import HmacLinkSigner, derive_link_key
from usecases.kyc.document_links import DocumentLink, check_link, sign_link

SIGNER = HmacLinkSigner(derive_link_key("x" * 40))
DOCUMENT = DocumentId(UUID("0193a0c4-7f1e-7c3a-9d2b-5b1f0e6a4c11"))
VIEWER = UUID("0193a0c4-0000-7000-8000-000000000001")
EXPIRES = int(datetime(2026, 11, 22, 10, 20, tzinfo=UTC).timestamp())
BEFORE = datetime(2026, 11, 22, 10, 19, 59, tzinfo=UTC)


def test_a_link_holds_until_its_expiry() -> None:
    link = sign_link(SIGNER, DOCUMENT, VIEWER, EXPIRES)
    assert link.expires_at == datetime(2026, 11, 22, 10, 20, tzinfo=UTC)
    check_link(SIGNER, link, now=BEFORE)
    with pytest.raises(LinkExpired):
        check_link(SIGNER, link, now=link.expires_at)


@pytest.mark.parametrize(
    "change",
    [
        {"document_id": DocumentId(UUID(int=1))},
        {"viewer": UUID(int=2)},
        {"expires": EXPIRES + 3600},
        {"signature": "A" * 43},
        {"signature": "é"},
        {"signature": ""},
    ],
    ids=["document", "viewer", "expiry", "signature", "non-ascii", "empty"],
)
def test_changing_anything_in_a_link_invalidates_it(change: dict[str, object]) -> None:
    link: DocumentLink = replace(sign_link(SIGNER, DOCUMENT, VIEWER, EXPIRES), **change)
    with pytest.raises(LinkInvalid):
        check_link(SIGNER, link, now=BEFORE)


def test_another_secret_signs_differently() -> None:
    other = HmacLinkSigner(derive_link_key("y" * 40))
    link = sign_link(other, DOCUMENT, VIEWER, EXPIRES)
    with pytest.raises(LinkInvalid):
        check_link(SIGNER, link, now=BEFORE)
