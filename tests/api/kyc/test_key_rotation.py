"""`meridian keys rotate`: values sealed under v1 move to v2, after which v1 can be retired.

Real users seal an Aadhaar number and upload a document through the API under key v1; then v2
is added as the newest key and the rotation runs (twice: it is idempotent); finally a platform
that knows only v2 still opens everything."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.app import create_app
from infrastructure.config.settings import DEV_FIELD_KEYS, Settings
from infrastructure.container import Container, build_container
from infrastructure.keys.rotation import key_status, rotate
from tests.api.kyc.test_kyc_steps import VALID_AADHAAR, aadhaar, kyc_rows
from tests.support.accounts import Accounts
from tests.support.files import jpeg_bytes
from usecases.kyc.submit_aadhaar import aadhaar_context

V1 = "v1:" + base64.b64encode(b"1" * 32).decode()
V2 = "v2:" + base64.b64encode(b"2" * 32).decode()


def platform(settings: Settings, database_url: str, engine: AsyncEngine, keys: str) -> Container:
    keyed = settings.model_copy(update={"field_encryption_keys": SecretStr(keys)})
    return build_container(keyed, database_url, engine=engine)


@pytest.fixture
async def v1_client(
    container: Container, settings: Settings, database_url: str, engine: AsyncEngine
) -> AsyncIterator[tuple[httpx.AsyncClient, Container]]:
    """The app under key v1 only (``container`` truncates the database afterwards)."""
    under_v1 = platform(settings, database_url, engine, V1)
    transport = httpx.ASGITransport(app=create_app(settings, container=under_v1))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client, under_v1
    await under_v1.aclose()


async def test_rotation_moves_everything_to_the_newest_key_and_the_old_one_retires(
    v1_client: tuple[httpx.AsyncClient, Container],
    accounts: Accounts,
    settings: Settings,
    database_url: str,
    engine: AsyncEngine,
) -> None:
    client, under_v1 = v1_client
    alice = await accounts.register()  # (its codes went out sealed under the dev key)
    submitted = await client.post("/api/v1/kyc/aadhaar", headers=alice.headers, json=aadhaar())
    assert submitted.status_code == 200, submitted.text
    image = jpeg_bytes()
    uploaded = await client.post(
        "/api/v1/kyc/aadhaar/images",
        headers=alice.headers,
        data={"side": "front"},
        files={"file": ("front.jpg", image, "image/jpeg")},
    )
    assert uploaded.status_code == 201, uploaded.text
    before = await key_status(under_v1)
    assert before["kyc_aadhaar.sealed_number"] == {"v1": 1}
    assert before["kyc_documents (files)"] == {"v1": 1}

    # v2 newest; v1 and the dev key still open what they sealed
    both = platform(settings, database_url, engine, f"{V2},{V1},{DEV_FIELD_KEYS}")
    try:
        report = await rotate(both, batch_size=1)
        assert report.key_version == "v2"
        assert report.resealed["kyc_aadhaar.sealed_number"] == 1
        assert report.resealed["kyc_documents (files)"] == 1
        assert report.resealed["notification_outbox.sealed_secrets"] >= 2  # the two codes
        again = await rotate(both, batch_size=1)
        assert set(again.resealed.values()) == {0}
        after = await key_status(both)
        assert all(set(versions) <= {"v2"} for versions in after.values()), after
    finally:
        await both.aclose()

    only_v2 = platform(settings, database_url, engine, V2)
    try:
        (row,) = await kyc_rows(only_v2, "kyc_aadhaar")
        context = aadhaar_context(alice.user["id"])
        assert only_v2.field_cipher.decrypt(row["sealed_number"], context=context).decode() == (
            VALID_AADHAAR
        )
        (document,) = await kyc_rows(only_v2, "kyc_documents")
        assert document["key_version"] == "v2"
        chunks = [c async for c in only_v2.documents.get(document["storage_key"])]
        assert b"".join(chunks) == image
    finally:
        await only_v2.aclose()
